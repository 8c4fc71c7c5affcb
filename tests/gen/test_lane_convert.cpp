// The storage <-> compute lane converters of a fixed-point top (gen/rtl/edgesa_storage_to_fixed.v,
// edgesa_fixed_to_storage.v) against the number-format code the functional model uses (sim
// ValueCodec::to_compute and ::finish):
//   storage -> compute: fixed_convert for fixed storage, fixed_from_float(operand, x) for fp32
//   storage and for custom floats decoded by cf_decode;
//   compute -> storage: fixed_to_float(operand, raw), then fp32 as is or cf_encode.
// Random operand formats, storage formats and roundings per input (the format words are run-time
// inputs), with specials: signed zeros, subnormals, infinities, NaNs, the reserved custom-float
// codes, ties, the saturation limits. Both units are combinational (no handshake).
#include <catch2/catch.hpp>

#include <algorithm>

#include "Vfrom_fixed.h"
#include "Vto_fixed.h"
#include "gen_test_util.h"
#include "numerics/custom_float.h"
#include "numerics/fixed_point.h"
#include "numerics/fp32.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

CustomFloatFormat random_cf(std::mt19937_64& rng) {
    CustomFloatFormat f;
    f.exp_bits = 2 + int(rng() % 7);
    f.man_bits = int(rng() % 24);
    const int lo = (1 << f.exp_bits) - 129;
    f.bias = lo + int(rng() % uint64_t(127 - lo + 1));
    if (rng() % 2) f.bias = std::clamp(int(rng() % 24) - 4, lo, 127);  // ranges like q formats
    return f;
}

FixedFormat random_fixed(std::mt19937_64& rng) {
    FixedFormat f;
    const int bits = 2 + int(rng() % 31);
    f.frac_bits = int(rng() % uint64_t(bits));
    f.int_bits = bits - f.frac_bits;
    return f;
}

template <class M>
void set_constants(M& m, const EngineConstants& k) {
    m.sign_shift_i = uint8_t(k.sign_shift);
    m.adj_bias_i = uint8_t(k.adj_bias);
    m.exp_mask_i = uint8_t(k.exp_mask);
    m.exp_shift_i = uint8_t(k.exp_shift);
    m.man_shift_i = uint8_t(k.man_shift);
}

// A random raw of `f` (sign-extended), often at the limits or with many trailing zeros.
int64_t random_raw(std::mt19937_64& rng, const FixedFormat& f) {
    const int b = f.total_bits();
    switch (rng() % 8) {
        case 0:
            return f.max_raw();
        case 1:
            return f.min_raw();
        case 2:
            return std::clamp<int64_t>(int64_t(rng() % 5) - 2, f.min_raw(), f.max_raw());
        default: {
            int64_t raw = int64_t(rng() >> (64 - b));
            raw = (raw ^ (int64_t(1) << (b - 1))) - (int64_t(1) << (b - 1));
            if (rng() % 3 == 0) raw &= ~((int64_t(1) << (rng() % uint64_t(b))) - 1);  // ties
            return raw;
        }
    }
}

// A code of the custom float `f`: any pattern, or the zero / reserved exponent fields.
uint32_t random_code(std::mt19937_64& rng, const CustomFloatFormat& f) {
    const uint32_t mask = uint32_t((uint64_t(1) << f.total_bits()) - 1);
    uint32_t c = uint32_t(rng()) & mask;
    const uint32_t fmask = ((1u << f.exp_bits) - 1u) << f.man_bits;
    if (rng() % 8 == 0) c &= ~fmask;  // field 0: zero
    if (rng() % 8 == 0) c |= fmask;   // all ones: reserved (NaN)
    return c;
}

}  // namespace

TEST_CASE("generated storage_to_fixed equals to_compute for fixed, fp32 and custom-float storage",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vto_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 31);
    MismatchLog log;
    uint64_t saturated = 0, rounded = 0, kinds[3] = {0, 0, 0};
    for (int n = 0; n < 150000; ++n) {
        const FixedFormat op = random_fixed(rng);
        const Rounding r = rng() % 2 ? Rounding::kRne : Rounding::kTrunc;
        const int kind = int(rng() % 3);
        uint32_t code = 0;
        int64_t want = 0, want_trunc = 0;
        std::string what;
        m.from_bits_i = 0;
        m.from_frac_i = 0;
        set_constants(m, engine_constants(CustomFloatFormat{}));
        if (kind == 0) {  // fp32 storage
            code = rng() % 2
                       ? fp32_any(rng)
                       : fp32_with_exp(rng, uint32_t(std::clamp<int>(
                                                127 - op.frac_bits - 2 +
                                                    int(rng() % uint64_t(op.total_bits() + 4)),
                                                1, 254)));
            want = fixed_from_float(op, fp32::from_bits(code), r);
            want_trunc = fixed_from_float(op, fp32::from_bits(code), Rounding::kTrunc);
            what = "fp32";
        } else if (kind == 1) {  // custom float
            const CustomFloatFormat f = random_cf(rng);
            code = random_code(rng, f);
            set_constants(m, engine_constants(f));
            want = fixed_from_float(op, cf_decode(f, code), r);
            want_trunc = fixed_from_float(op, cf_decode(f, code), Rounding::kTrunc);
            what = f.name();
        } else {  // fixed
            const FixedFormat f = random_fixed(rng);
            const int64_t raw = random_raw(rng, f);
            code = uint32_t(uint64_t(raw) & ((uint64_t(1) << f.total_bits()) - 1));
            m.from_bits_i = uint8_t(f.total_bits());
            m.from_frac_i = uint8_t(f.frac_bits);
            want = fixed_convert(raw, f, op, r);
            want_trunc = fixed_convert(raw, f, op, Rounding::kTrunc);
            what = f.name();
        }
        ++kinds[kind];
        m.code_i = code;
        m.kind_i = uint8_t(kind);
        m.to_bits_i = uint8_t(op.total_bits());
        m.to_frac_i = uint8_t(op.frac_bits);
        m.rne_i = r == Rounding::kRne;
        m.eval();
        if (want == op.max_raw() || want == op.min_raw()) ++saturated;
        if (want != want_trunc) ++rounded;
        log.check(
            uint32_t(m.raw_o) == uint32_t(want),
            fmt::format("{} code {:08x} -> {} {}: rtl {:08x}, ref {:08x}", what, code, op.name(),
                        r == Rounding::kRne ? "rne" : "trunc", uint32_t(m.raw_o), uint32_t(want)));
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked >= 150000);
    CHECK(kinds[0] > 40000);
    CHECK(kinds[1] > 40000);
    CHECK(kinds[2] > 40000);
    CHECK(saturated > 10000);
    CHECK(rounded > 1000);
}

TEST_CASE("generated fixed_to_storage equals fixed_to_float then the fp32 or custom-float encoder",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vfrom_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 37);
    MismatchLog log;
    uint64_t cf = 0, wide = 0;
    for (int n = 0; n < 150000; ++n) {
        const FixedFormat op = random_fixed(rng);
        const Rounding r = rng() % 2 ? Rounding::kRne : Rounding::kTrunc;
        const bool to_cf = rng() % 4 != 0;
        const int64_t raw = random_raw(rng, op);
        const float x = fixed_to_float(op, raw);
        uint32_t want = fp32::bits(fp32::canonicalize(x));
        std::string what = "fp32";
        const CustomFloatFormat f = random_cf(rng);
        const EngineConstants k = engine_constants(f);
        if (to_cf) {
            want = cf_encode(f, x, r);
            what = f.name();
            ++cf;
        }
        if (raw > (int64_t(1) << 24) || raw < -(int64_t(1) << 24)) ++wide;
        set_constants(m, k);
        m.min_i = k.min_bits;
        m.min_half_i = k.min_half_bits;
        m.max_i = k.max_bits;
        m.raw_i = uint32_t(raw);
        m.from_frac_i = uint8_t(op.frac_bits);
        m.kind_i = to_cf ? 1 : 0;
        m.rne_i = r == Rounding::kRne;
        m.eval();
        log.check(uint32_t(m.code_o) == want,
                  fmt::format("{} raw {} -> {} {}: rtl {:08x}, ref {:08x}", op.name(), raw, what,
                              r == Rounding::kRne ? "rne" : "trunc", uint32_t(m.code_o), want));
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked >= 150000);
    CHECK(cf > 100000);
    CHECK(wide > 10000);  // more than 24 significant bits: fp32 rounds
}
