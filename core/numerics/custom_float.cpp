#include "numerics/custom_float.h"

#include "numerics/fp32.h"

namespace edgesa {

std::string CustomFloatFormat::name() const {
    return "e" + std::to_string(exp_bits) + "m" + std::to_string(man_bits) + "b" +
           std::to_string(bias);
}

std::string custom_float_problem(const CustomFloatFormat& f) {
    if (f.exp_bits == 1)
        return "E = 1 leaves no exponent codes once field 0 (zero) and the all-ones field "
               "(reserved) are taken; use E >= 2";
    if (f.exp_bits < 2 || f.exp_bits > 8) return "E must be in 2..8";
    if (f.man_bits < 0 || f.man_bits > 23) return "M must be in 0..23";
    if (f.min_exponent() < -126)
        return "bias " + std::to_string(f.bias) + " puts Min = 2^" +
               std::to_string(f.min_exponent()) +
               " below fp32's smallest normal 2^-126; the bias must be at most 127";
    if (f.max_exponent() > 127)
        return "bias " + std::to_string(f.bias) + " puts the largest exponent at 2^" +
               std::to_string(f.max_exponent()) +
               " above fp32's 2^127; the bias must be at least " +
               std::to_string((1 << f.exp_bits) - 129);
    return "";
}

EngineConstants engine_constants(const CustomFloatFormat& f) {
    EngineConstants k{};
    const uint32_t E = f.exp_bits, M = f.man_bits;
    k.min_bits = uint32_t(f.min_exponent() + 127) << 23;
    // Min/2 = 2^(-B). For B = 127 that is 2^-127, which fp32 holds only as the subnormal
    // 0x00400000; comparisons on magnitude bits stay correct, and DAZ inputs never fall below it.
    const int half_exp = -f.bias;
    k.min_half_bits = half_exp >= -126 ? uint32_t(half_exp + 127) << 23 : 0x00400000u;
    const uint32_t man_all_ones = M == 0 ? 0u : ((1u << M) - 1u) << (23 - M);
    k.max_bits = (uint32_t(f.max_exponent() + 127) << 23) | man_all_ones;
    k.sign_shift = 31 - (E + M);
    k.adj_bias = uint32_t(127 - f.bias);
    k.exp_mask = (1u << E) - 1u;
    k.exp_shift = M;
    k.man_shift = 23 - M;
    return k;
}

uint32_t cf_encode(const EngineConstants& k, uint32_t x, Rounding mode) {
    const uint32_t sign = (x >> 31) << (31 - k.sign_shift);  // sign bit at position E+M
    x = fp32::daz(x);
    if (fp32::is_nan_bits(x)) return 0;    // policy: NaN -> +0
    uint32_t a = x & 0x7fffffffu;          // |x| as ordered bits
    if (a < k.min_half_bits) return sign;  // flush to signed zero
    if (a < k.min_bits) a = k.min_bits;    // [Min/2, Min) -> Min
    if (a > k.max_bits) a = k.max_bits;    // saturate (also +-Inf)
    uint32_t field = fp32::exp_field(a) - k.adj_bias;
    uint32_t frac = fp32::frac_field(a);
    uint32_t man = frac >> k.man_shift;
    if (mode == Rounding::kRne && k.man_shift > 0) {
        const uint32_t rem = frac & ((1u << k.man_shift) - 1u);
        const uint32_t half = 1u << (k.man_shift - 1);
        if (rem > half || (rem == half && (man & 1u))) {
            ++man;
            if (man >> k.exp_shift) {  // mantissa overflow carries into the exponent
                man = 0;
                ++field;
            }
        }
        // The carry may reach the reserved all-ones field: saturate to Max instead.
        if (field >= k.exp_mask)
            return sign | ((k.exp_mask - 1u) << k.exp_shift) | ((1u << k.exp_shift) - 1u);
    }
    return sign | (field << k.exp_shift) | man;
}

uint32_t cf_decode(const EngineConstants& k, uint32_t code) {
    const uint32_t sign = ((code >> (31 - k.sign_shift)) & 1u) << 31;
    const uint32_t field = (code >> k.exp_shift) & k.exp_mask;
    const uint32_t man = code & ((1u << k.exp_shift) - 1u);
    if (field == 0) return sign;                          // zero (mantissa ignored)
    if (field == k.exp_mask) return fp32::kCanonicalNan;  // reserved code
    return sign | ((field + k.adj_bias) << 23) | (man << k.man_shift);
}

uint32_t cf_encode(const CustomFloatFormat& f, float x, Rounding mode) {
    return cf_encode(engine_constants(f), fp32::bits(x), mode);
}

float cf_decode(const CustomFloatFormat& f, uint32_t code) {
    return fp32::from_bits(cf_decode(engine_constants(f), code));
}

}  // namespace edgesa
