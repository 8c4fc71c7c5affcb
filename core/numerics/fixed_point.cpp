#include "numerics/fixed_point.h"

#include <cmath>

#include "numerics/fp32.h"

namespace edgesa {

std::string fixed_problem(const FixedFormat& f) {
    if (f.int_bits < 1) return "I (integer bits, including the sign) must be at least 1";
    if (f.frac_bits < 0) return "F (fraction bits) must be at least 0";
    if (f.total_bits() > 32) return "I + F must be at most 32";
    return "";
}

int64_t saturate(int64_t v, int bits) {
    const int64_t hi = (int64_t(1) << (bits - 1)) - 1, lo = -(int64_t(1) << (bits - 1));
    return v > hi ? hi : (v < lo ? lo : v);
}

int64_t shift_round(int64_t v, int shift, Rounding mode) {
    if (shift <= 0) return v * (int64_t(1) << -shift);
    const int64_t floor_q = v >> shift;  // arithmetic shift: floor
    if (mode == Rounding::kTrunc) return floor_q;
    const int64_t rem = v - (floor_q << shift);  // 0 <= rem < 2^shift
    const int64_t half = int64_t(1) << (shift - 1);
    if (rem > half || (rem == half && (floor_q & 1))) return floor_q + 1;
    return floor_q;
}

int64_t fixed_from_float(const FixedFormat& f, float x, Rounding mode) {
    x = fp32::canonicalize(x);
    if (std::isnan(x)) return 0;
    // x * 2^F is exact in double (0 <= F <= 32); a multiplication, not ldexp (hot in functional
    // runs).
    const double scaled = double(x) * double(uint64_t(1) << f.frac_bits);
    const double lim_hi = double(f.max_raw()), lim_lo = double(f.min_raw());
    if (scaled >= lim_hi) return f.max_raw();
    if (scaled <= lim_lo) return f.min_raw();
    int64_t q = int64_t(std::floor(scaled));  // exact: |scaled| < 2^31
    if (mode == Rounding::kRne) {
        const double rem = scaled - double(q);
        if (rem > 0.5 || (rem == 0.5 && (q & 1) != 0)) q += 1;
    }
    return saturate(q, f.total_bits());
}

float fixed_to_float(const FixedFormat& f, int64_t raw) {
    return float(double(raw) / double(uint64_t(1) << f.frac_bits));  // exact division by 2^F
}

int64_t fixed_convert(int64_t raw, const FixedFormat& from, const FixedFormat& to, Rounding mode) {
    return saturate(shift_round(raw, from.frac_bits - to.frac_bits, mode), to.total_bits());
}

int64_t FixedDatapath::mul(int64_t a, int64_t b) const {
    const int drop = 2 * operand.total_bits() - product_bits;
    return shift_round(a * b, drop, Rounding::kTrunc);
}

int64_t FixedDatapath::add(int64_t a, int64_t b) const {
    return saturate(a + b, accumulator_bits);
}

int64_t FixedDatapath::requantize(int64_t acc, const FixedFormat& out, Rounding mode) const {
    return saturate(shift_round(acc, product_frac_bits() - out.frac_bits, mode), out.total_bits());
}

}  // namespace edgesa
