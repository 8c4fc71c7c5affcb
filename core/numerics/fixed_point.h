#pragma once
// Two's-complement fixed point q<I>.<F>: I integer bits including the sign, F fraction bits,
// I + F <= 32. Conversions saturate; the rounding mode is always explicit (docs/numerics.md).
#include <cstdint>
#include <string>

#include "numerics/rounding.h"

namespace edgesa {

struct FixedFormat {
    int int_bits = 3;    // I, includes the sign bit, >= 1
    int frac_bits = 13;  // F, >= 0

    int total_bits() const { return int_bits + frac_bits; }
    int64_t max_raw() const { return (int64_t(1) << (total_bits() - 1)) - 1; }
    int64_t min_raw() const { return -(int64_t(1) << (total_bits() - 1)); }
    std::string name() const {
        return "q" + std::to_string(int_bits) + "." + std::to_string(frac_bits);
    }
    bool operator==(const FixedFormat& o) const {
        return int_bits == o.int_bits && frac_bits == o.frac_bits;
    }
    bool operator!=(const FixedFormat& o) const { return !(*this == o); }
};

std::string fixed_problem(const FixedFormat& f);  // "" when legal

// Saturates a wide signed value into `bits` bits.
int64_t saturate(int64_t v, int bits);
// Arithmetic right shift by `shift` (>= 0) with the given rounding: trunc = floor, rne = nearest
// with ties to even. A negative shift is a left shift (exact, may need saturation afterwards).
int64_t shift_round(int64_t v, int shift, Rounding mode);

// fp32 -> raw code (sign-extended in int64). NaN -> 0; +-Inf saturate.
int64_t fixed_from_float(const FixedFormat& f, float x, Rounding mode);
// raw -> fp32; exact when total bits <= 24, otherwise rounded to nearest even by the conversion.
float fixed_to_float(const FixedFormat& f, int64_t raw);
// Re-aligns a raw value from one fraction width to another and saturates to `to` (the
// converter engines do this between storage and compute formats).
int64_t fixed_convert(int64_t raw, const FixedFormat& from, const FixedFormat& to, Rounding mode);

// The fixed compute datapath of one configuration (compute.type = q<I>.<F>).
// Products are exact 2W-bit values; the low (2W - product_bits) bits are then dropped (floor).
// Tree and accumulator additions saturate at accumulator_bits.
struct FixedDatapath {
    FixedFormat operand;
    int product_bits = 32;
    int accumulator_bits = 32;

    int product_frac_bits() const {
        return 2 * operand.frac_bits - (2 * operand.total_bits() - product_bits);
    }
    int64_t mul(int64_t a, int64_t b) const;  // operand raws -> product raw
    int64_t add(int64_t a, int64_t b) const;  // saturating at accumulator_bits
    // Accumulator raw -> storage raw in `out` (rounded, saturated).
    int64_t requantize(int64_t acc, const FixedFormat& out, Rounding mode) const;
};

}  // namespace edgesa
