#include "numerics/activation.h"

#include <algorithm>
#include <cmath>

#include "numerics/activation_table.h"
#include "numerics/fp32.h"

namespace edgesa {

namespace {

constexpr const char* kCodeNames[kActCodes] = {
    "none", "relu", "relu6", "leaky_relu", "hard_sigmoid", "hard_swish", "sigmoid", "silu", "tanh"};

bool is_nan(float x) {
    return fp32::is_nan_bits(fp32::bits(x));
}

// min(max(a, +0), 1); a NaN stays NaN.
float clamp01(float a) {
    if (is_nan(a)) return a;
    return a > 1.0f ? 1.0f : (a > 0.0f ? a : 0.0f);
}

// The table function on an fp32 value: the segment from |x| (exact: |x| * 2^shift and its floor),
// the intercept from the sign bit, so -0 takes the negative side.
float pwl_fp32(const PwlTable& t, float x) {
    if (is_nan(x)) return fp32::from_bits(fp32::kCanonicalNan);
    const bool neg = std::signbit(x);
    const float mag = std::fabs(x);
    if (double(mag) >= t.range) return float(neg ? t.low : t.high);
    const size_t i = size_t(mag * float(1 << t.shift));
    return fp32::add(fp32::mul(x, t.slope_f32[i]), neg ? t.icpt_neg_f32[i] : t.icpt_pos_f32[i]);
}

// The table function on a raw with `frac` fraction bits: the segment from the magnitude
// ((|raw| << shift) >> frac, no rounding), the result unsaturated.
int64_t pwl_fixed(const PwlTable& t, int64_t raw, int frac, Rounding mode) {
    const bool neg = raw < 0;
    const int64_t one = int64_t(1) << frac;
    const int64_t seg = ((neg ? -raw : raw) << t.shift) >> frac;
    if (seg >= kPwlSegments) return neg ? int64_t(t.low) * one : int64_t(t.high) * one;
    const size_t i = size_t(seg);
    const int64_t c = neg ? t.icpt_neg_q16[i] : t.icpt_pos_q16[i];
    return shift_round(raw * t.slope_q16[i] + c * one, kActConstFrac, mode);
}

}  // namespace

bool is_activation_function(const std::string& n) {
    const int c = activation_code(n);
    return c > kActNone;
}

const char* activation_function_names() {
    return "relu, relu6, leaky_relu, hard_sigmoid, hard_swish, sigmoid, silu, tanh";
}

int activation_code(const std::string& n) {
    if (n.empty() || n == "none" || n == "linear" || n == "transfer") return kActNone;
    for (int c = kActRelu; c < kActCodes; ++c)
        if (n == kCodeNames[c]) return c;
    return -1;
}

const char* activation_code_name(int code) {
    return code >= 0 && code < kActCodes ? kCodeNames[code] : "?";
}

float activate(const std::string& n, float in) {
    const int code = activation_code(n);
    if (code <= kActNone) return in;  // "" and "transfer"
    const float x = fp32::from_bits(fp32::daz(fp32::bits(in)));
    float y = x;
    switch (code) {
        case kActRelu:
            y = x > 0 ? x : 0.0f;
            break;
        case kActRelu6:
            y = x > 0 ? (x < 6.0f ? x : 6.0f) : 0.0f;
            break;
        case kActLeakyRelu:
            y = x > 0 ? x : fp32::mul(x, leaky_slope_f32());
            break;
        case kActHardSigmoid:
        case kActHardSwish:
            y = clamp01(fp32::add(fp32::mul(x, sixth_f32()), 0.5f));
            break;
        case kActSigmoid:
        case kActSilu:
            y = pwl_fp32(sigmoid_table(), x);
            break;
        case kActTanh:
            y = pwl_fp32(tanh_table(), x);
            break;
    }
    if (code == kActHardSwish || code == kActSilu) y = fp32::mul(x, y);
    return fp32::canonicalize(y);
}

int64_t activate_fixed(const std::string& n, int64_t r, const FixedFormat& f, Rounding mode) {
    const int code = activation_code(n);
    const int F = f.frac_bits, B = f.total_bits();
    const int64_t one = int64_t(1) << F;
    int64_t y = r;
    switch (code) {
        case kActRelu:
            y = std::max<int64_t>(r, 0);
            break;
        case kActRelu6:
            y = std::min(std::max<int64_t>(r, 0), 6 * one);
            break;
        case kActLeakyRelu:
            y = r > 0 ? r : shift_round(r * leaky_slope_q16(), kActConstFrac, mode);
            break;
        case kActHardSigmoid:
        case kActHardSwish:
            y = std::clamp<int64_t>(
                shift_round(r * sixth_q16() + kHalfQ16 * one, kActConstFrac, mode), 0, one);
            break;
        case kActSigmoid:
        case kActSilu:
            y = pwl_fixed(sigmoid_table(), r, F, mode);
            break;
        case kActTanh:
            y = pwl_fixed(tanh_table(), r, F, mode);
            break;
        default:
            break;
    }
    if (code == kActHardSwish || code == kActSilu) y = shift_round(r * y, F, mode);
    return saturate(y, B);
}

float activate_exact(const std::string& n, float in) {
    const int code = activation_code(n);
    if (code <= kActRelu6) return activate(n, in);  // exact already
    const double d = fp32::from_bits(fp32::daz(fp32::bits(in)));
    const double hs = std::min(std::max(d + 3.0, 0.0), 6.0) / 6.0;
    double y = d;
    switch (code) {
        case kActLeakyRelu:
            y = d > 0 ? d : kLeakySlope * d;
            break;
        case kActHardSigmoid:
            y = hs;
            break;
        case kActHardSwish:
            y = d * hs;
            break;
        case kActSigmoid:
            y = 1.0 / (1.0 + std::exp(-d));
            break;
        case kActSilu:
            y = d / (1.0 + std::exp(-d));
            break;
        case kActTanh:
            y = std::tanh(d);
            break;
    }
    return fp32::canonicalize(float(y));
}

}  // namespace edgesa
