#pragma once
// Chooses a custom float's exponent width and bias from a tensor's exponent histogram
// (SIEVE, seed 000 L847; docs/numerics.md "Choosing a format").
#include <array>
#include <cstdint>
#include <vector>

#include "numerics/custom_float.h"

namespace edgesa {

// Counts of unbiased exponents -126..127 of the non-zero, finite, normal values of a tensor.
struct ExponentHistogram {
    std::array<uint64_t, 254> counts{};  // index = exponent + 126
    uint64_t nonzero = 0;                // values counted
    uint64_t zeros = 0;                  // zeros and subnormals (DAZ), not counted
    uint64_t non_finite = 0;             // NaN and Inf, not counted

    void add(float x);
    uint64_t count_in(int lo, int hi) const;  // values with exponent in [lo, hi]
};

struct FormatChoice {
    CustomFloatFormat format;
    double coverage = 0;  // fraction of non-zero values whose exponent is inside the window
};

// The smallest E in 2..8 whose best window covers at least `target`; for that E the bias that
// maximises coverage, ties broken towards the higher window (values above the window saturate,
// which costs more than values below it flushing to zero or Min). A tensor with no non-zero
// value gets E = 2 with the bias of an arbitrary legal window and coverage 1.
FormatChoice choose_format(const ExponentHistogram& h, double target, int man_bits);

}  // namespace edgesa
