#include "functional/value_codec.h"

#include <algorithm>

#include "numerics/activation.h"
#include "numerics/fp32.h"

namespace edgesa::sim {

int64_t ValueCodec::encode(const StorageFormat& f, float x) const {
    if (f.is_fp32()) return int64_t(fp32::bits(fp32::canonicalize(x)));
    if (f.is_custom_float()) return int64_t(cf_encode(f.custom_float(), x, cfg_.derived.rounding));
    return fixed_from_float(f.fixed(), x, cfg_.derived.rounding);
}

float ValueCodec::decode_to_float(const StorageFormat& f, int64_t code) const {
    if (f.is_fp32()) return fp32::from_bits(uint32_t(code));
    if (f.is_custom_float()) return cf_decode(f.custom_float(), uint32_t(code));
    return fixed_to_float(f.fixed(), code);
}

int64_t ValueCodec::to_compute(const StorageFormat& f, int64_t code) const {
    if (!fixed_) return int64_t(fp32::bits(decode_to_float(f, code)));
    const FixedDatapath& d = cfg_.derived.fixed;
    if (f.is_fixed()) return fixed_convert(code, f.fixed(), d.operand, cfg_.derived.rounding);
    return fixed_from_float(d.operand, decode_to_float(f, code), cfg_.derived.rounding);
}

int64_t ValueCodec::mul(int64_t a, int64_t b) const {
    if (fixed_) return cfg_.derived.fixed.mul(a, b);
    return int64_t(
        fp32::bits(fp32::mul(fp32::from_bits(uint32_t(a)), fp32::from_bits(uint32_t(b)))));
}

int64_t ValueCodec::add(int64_t a, int64_t b) const {
    if (fixed_) return cfg_.derived.fixed.add(a, b);
    return int64_t(
        fp32::bits(fp32::add(fp32::from_bits(uint32_t(a)), fp32::from_bits(uint32_t(b)))));
}

int64_t ValueCodec::finish(int64_t acc, bool has_bias, const StorageFormat& bias_fmt,
                           int64_t bias_code, const std::string& act,
                           const StorageFormat& out) const {
    if (!fixed_) {
        float v = fp32::from_bits(uint32_t(acc));
        if (has_bias) v = fp32::add(v, decode_to_float(bias_fmt, bias_code));
        return encode(out, activate(act, v));
    }
    const FixedDatapath& d = cfg_.derived.fixed;
    if (has_bias) {
        const int64_t b = to_compute(bias_fmt, bias_code);
        const int shift = d.product_frac_bits() - d.operand.frac_bits;
        acc =
            d.add(acc, saturate(shift_round(b, -shift, cfg_.derived.rounding), d.accumulator_bits));
    }
    // The activation works on the raw of the output format (a fixed output) or of the operand
    // format (any other output, stored afterwards from that value).
    if (out.is_fixed()) {
        const int64_t r = d.requantize(acc, out.fixed(), cfg_.derived.rounding);
        return activate_fixed(act, r, out.fixed(), cfg_.derived.rounding);
    }
    const int64_t r = activate_fixed(act, d.requantize(acc, d.operand, cfg_.derived.rounding),
                                     d.operand, cfg_.derived.rounding);
    return encode(out, fixed_to_float(d.operand, r));
}

}  // namespace edgesa::sim
