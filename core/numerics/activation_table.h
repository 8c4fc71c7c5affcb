#pragma once
// The piecewise-linear tables of sigmoid and tanh (docs/numerics.md, "Activations"): one
// definition, read by the activation functions (core/numerics/activation.cpp) and emitted into the
// generated RTL as localparams (gen/emit/hw_params.cpp), so no number is written twice.
#include <array>
#include <cstdint>

namespace edgesa {

// kPwlSegments uniform segments on [0, kPwlSegments / 2^shift), used on both sides of 0 through the
// function's symmetry: segment i = floor(|x| * 2^shift) covers [i, i + 1) / 2^shift and holds the
// chord of f through its end points, y = slope * x + intercept. A negative x uses the same slope
// and the negative-side intercept: sigmoid(-x) = 1 - sigmoid(x) gives 1 - intercept, tanh(-x) =
// -tanh(x) gives -intercept. Outside the table (|x| >= range) y is the asymptote: `low` for
// negative x, `high` for positive.
inline constexpr int kPwlIndexBits = 4;
inline constexpr int kPwlSegments = 1 << kPwlIndexBits;

struct PwlTable {
    const char* name;  // "sigmoid", "tanh"
    int shift = 0;     // segment width 2^-shift
    double range = 0;  // kPwlSegments / 2^shift
    double low = 0, high = 0;
    // The chords in double precision (computed once from std::exp), and their two hardware forms:
    // fp32 constants (nearest even), and fixed constants with 16 fraction bits (round half away).
    std::array<double, kPwlSegments> slope{}, icpt_pos{}, icpt_neg{};
    std::array<float, kPwlSegments> slope_f32{}, icpt_pos_f32{}, icpt_neg_f32{};
    std::array<int32_t, kPwlSegments> slope_q16{}, icpt_pos_q16{}, icpt_neg_q16{};
};

const PwlTable& sigmoid_table();  // shift 1: [0, 8), asymptotes 0 and 1
const PwlTable& tanh_table();     // shift 2: [0, 4), asymptotes -1 and 1

// The hard functions' constants, in the same two forms.
inline constexpr double kLeakySlope = 0.1;  // Darknet's leaky ReLU
float leaky_slope_f32();                    // float(0.1)
float sixth_f32();                          // float(1.0 / 6)
inline constexpr int kActConstFrac = 16;    // fraction bits of the fixed constants
int32_t leaky_slope_q16();                  // round(0.1 * 2^16) = 6554
int32_t sixth_q16();                        // round(2^16 / 6) = 10923
inline constexpr int32_t kHalfQ16 = 1 << 15;

}  // namespace edgesa
