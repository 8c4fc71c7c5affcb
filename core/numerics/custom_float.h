#pragma once
// The custom storage float e<E>m<M>b<B> of SIEVE (seed 001/000): a sign bit, E exponent bits with
// an adjusted integer bias B, and M mantissa bits with a hidden leading one. Exponent field 0 is
// zero (no subnormals); the all-ones field is reserved, never produced by the compressor, and
// decodes to the canonical NaN. See docs/numerics.md for every boundary rule.
#include <cstdint>
#include <string>

#include "numerics/rounding.h"

namespace edgesa {

struct CustomFloatFormat {
    int exp_bits = 4;  // E, 2..8
    int man_bits = 3;  // M, 0..23
    int bias = 7;      // B, any integer that keeps the window inside fp32's normal range

    int total_bits() const { return 1 + exp_bits + man_bits; }
    int min_exponent() const { return 1 - bias; }                    // unbiased, field 1
    int max_exponent() const { return (1 << exp_bits) - 2 - bias; }  // unbiased, field 2^E-2
    std::string name() const;                                        // "e4m3b7"
    bool operator==(const CustomFloatFormat& o) const {
        return exp_bits == o.exp_bits && man_bits == o.man_bits && bias == o.bias;
    }
    bool operator!=(const CustomFloatFormat& o) const { return !(*this == o); }
};

// Why a format is illegal, or "" when it is legal.
std::string custom_float_problem(const CustomFloatFormat& f);

// The constants SIEVE's constant calculator feeds to every engine (seed 000 L883). The compressor
// and decompressor, in C++ and in the generated RTL, compute only from these.
struct EngineConstants {
    uint32_t min_bits;       // fp32 bits of Min = 2^(1-B)
    uint32_t min_half_bits;  // fp32 bits of Min/2 = 2^(-B)
    uint32_t max_bits;       // fp32 bits of Max = 2^(2^E-2-B) * (2 - 2^-M)
    uint32_t sign_shift;     // 31 - (E + M): fp32 sign bit -> code sign bit
    uint32_t adj_bias;       // 127 - B: fp32 exponent field - adj_bias = code exponent field
    uint32_t exp_mask;       // 2^E - 1
    uint32_t exp_shift;      // M: position of the exponent field in the code
    uint32_t man_shift;      // 23 - M: fp32 fraction -> code mantissa
};
EngineConstants engine_constants(const CustomFloatFormat& f);

// fp32 -> code (the compressor). The code is right-aligned in the returned word.
uint32_t cf_encode(const CustomFloatFormat& f, float x, Rounding mode);
// The same, from the precomputed constants only (what the engines do).
uint32_t cf_encode(const EngineConstants& k, uint32_t x_bits, Rounding mode);
// code -> fp32 (the decompressor). Exact.
float cf_decode(const CustomFloatFormat& f, uint32_t code);
uint32_t cf_decode(const EngineConstants& k, uint32_t code);

}  // namespace edgesa
