// The activation functions' hardware forms (docs/numerics.md, "Activations"): known values worked
// out by hand or with plain fp32 arithmetic, the edge cases, and the error bound against the true
// functions (computed here in double precision, independently of core/numerics).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "numerics/activation.h"
#include "numerics/activation_table.h"
#include "numerics/fixed_point.h"
#include "numerics/fp32.h"

using namespace edgesa;

namespace {

const char* const kNew[] = {"leaky_relu", "hard_sigmoid", "hard_swish", "sigmoid", "silu", "tanh"};

double truth(const std::string& f, double x) {
    const double hs = std::min(std::max(x + 3.0, 0.0), 6.0) / 6.0;
    if (f == "leaky_relu") return x > 0 ? x : 0.1 * x;
    if (f == "hard_sigmoid") return hs;
    if (f == "hard_swish") return x * hs;
    if (f == "sigmoid") return 1.0 / (1.0 + std::exp(-x));
    if (f == "silu") return x / (1.0 + std::exp(-x));
    return std::tanh(x);
}

uint32_t bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

// Largest |hardware - truth| over x in [-lim, lim] on a 2^-9 grid plus every q3.13 raw.
double fp32_error(const std::string& f, double lim) {
    double worst = 0;
    for (double x = -lim; x <= lim; x += 1.0 / 512)
        worst =
            std::max(worst, std::fabs(double(activate(f, float(x))) - truth(f, double(float(x)))));
    return worst;
}

double fixed_error(const std::string& f, const FixedFormat& fmt, Rounding r) {
    const double scale = double(int64_t(1) << fmt.frac_bits);
    const double lo = double(fmt.min_raw()) / scale, hi = double(fmt.max_raw()) / scale;
    double worst = 0;
    for (int64_t raw = fmt.min_raw(); raw <= fmt.max_raw(); ++raw) {
        const double x = double(raw) / scale;
        const double want = std::min(std::max(truth(f, x), lo), hi);  // the format saturates
        const double y = double(activate_fixed(f, raw, fmt, r)) / scale;
        worst = std::max(worst, std::fabs(y - want));
    }
    return worst;
}

// One fp32 operation, rounded (volatile: no contraction into a fused multiply-add).
float mul(float a, float b) {
    volatile float r = a * b;
    return r;
}
float add(float a, float b) {
    volatile float r = a + b;
    return r;
}

}  // namespace

TEST_CASE("activation codes follow the descriptor's act field", "[numerics][activation]") {
    CHECK(activation_code("") == kActNone);
    CHECK(activation_code("transfer") == kActNone);
    CHECK(activation_code("relu") == 1);
    CHECK(activation_code("relu6") == 2);
    CHECK(activation_code("leaky_relu") == 3);
    CHECK(activation_code("hard_sigmoid") == 4);
    CHECK(activation_code("hard_swish") == 5);
    CHECK(activation_code("sigmoid") == 6);
    CHECK(activation_code("silu") == 7);
    CHECK(activation_code("tanh") == 8);
    CHECK(activation_code("gelu") == -1);
    CHECK_FALSE(is_activation_function("transfer"));
    for (const char* f : kNew) CHECK(is_activation_function(f));
}

TEST_CASE("the fixed constants are the documented roundings", "[numerics][activation]") {
    CHECK(leaky_slope_q16() == 6554);  // 0.1 * 65536 = 6553.6
    CHECK(sixth_q16() == 10923);       // 65536 / 6 = 10922.67
    CHECK(bits(leaky_slope_f32()) == 0x3dcccccdu);
    CHECK(bits(sixth_f32()) == 0x3e2aaaabu);
}

TEST_CASE("the tables hold the chords of sigmoid and tanh", "[numerics][activation]") {
    for (const PwlTable* t : {&sigmoid_table(), &tanh_table()}) {
        INFO(t->name);
        const std::string f = t->name;
        const double w = 1.0 / double(1 << t->shift);
        CHECK(t->range == kPwlSegments * w);
        for (int i = 0; i < kPwlSegments; ++i) {
            const double a = i * w, b = a + w;
            const double s = (truth(f, b) - truth(f, a)) / w;
            CHECK(std::fabs(double(t->slope_f32[size_t(i)]) - s) <= 1e-7);
            CHECK(std::fabs(double(t->icpt_pos_f32[size_t(i)]) - (truth(f, a) - s * a)) <= 1e-7);
            CHECK(std::fabs(t->slope_q16[size_t(i)] - s * 65536) <= 0.5);
            // the negative side mirrors the positive one
            const int32_t c = t->icpt_pos_q16[size_t(i)];
            CHECK(t->icpt_neg_q16[size_t(i)] == (f == "tanh" ? -c : 65536 - c));
        }
    }
}

TEST_CASE("fp32 activations: known values", "[numerics][activation]") {
    // plain fp32 arithmetic (one rounding per operation) re-derives the rules
    const float sixth = 1.0f / 6.0f, tenth = 0.1f;
    CHECK(activate("leaky_relu", 2.5f) == 2.5f);
    CHECK(activate("leaky_relu", -3.0f) == mul(-3.0f, tenth));
    CHECK(activate("hard_sigmoid", 0.0f) == 0.5f);
    CHECK(activate("hard_sigmoid", 3.0f) == 1.0f);
    CHECK(activate("hard_sigmoid", -3.0f) == 0.0f);
    CHECK(activate("hard_sigmoid", 1.5f) == add(mul(1.5f, sixth), 0.5f));
    CHECK(activate("hard_sigmoid", 100.0f) == 1.0f);
    CHECK(activate("hard_swish", 3.0f) == 3.0f);
    const float h = add(mul(1.25f, sixth), 0.5f);
    CHECK(activate("hard_swish", 1.25f) == mul(1.25f, h));
    CHECK(activate("sigmoid", 0.0f) == 0.5f);
    CHECK(activate("sigmoid", 8.0f) == 1.0f);
    CHECK(activate("sigmoid", -8.0f) == 0.0f);
    CHECK(activate("sigmoid", 1e30f) == 1.0f);
    CHECK(activate("tanh", 0.0f) == 0.0f);
    CHECK(activate("tanh", 4.0f) == 1.0f);
    CHECK(activate("tanh", -4.0f) == -1.0f);
    CHECK(activate("silu", 20.0f) == 20.0f);
    CHECK(activate("silu", -20.0f) == 0.0f);
    // a segment's value: x * slope + intercept, in fp32
    const PwlTable& s = sigmoid_table();
    const float sg = add(mul(1.25f, s.slope_f32[2]), s.icpt_pos_f32[2]);
    CHECK(activate("sigmoid", 1.25f) == sg);
    CHECK(activate("sigmoid", -1.25f) == add(mul(-1.25f, s.slope_f32[2]), s.icpt_neg_f32[2]));
    CHECK(activate("silu", 1.25f) == mul(1.25f, sg));
    CHECK(std::fabs(sg - 0.7773) < 3e-3);  // sigmoid(1.25) = 0.77730
}

TEST_CASE("fp32 activations: signs, symmetry, subnormals, NaN and infinities",
          "[numerics][activation]") {
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // -0 takes the negative side
    CHECK(bits(activate("tanh", -0.0f)) == 0x80000000u);
    CHECK(bits(activate("leaky_relu", -0.0f)) == 0x80000000u);
    CHECK(bits(activate("hard_swish", -3.0f)) == 0x80000000u);  // -3 * +0
    CHECK(activate("sigmoid", -0.0f) == 0.5f);
    // tanh is odd to the bit (round to nearest even is symmetric)
    for (float x = 0.0f; x < 5.0f; x += 0.0371f)
        CHECK(activate("tanh", -x) == -activate("tanh", x));
    // subnormal inputs read as zero
    CHECK(activate("sigmoid", 1e-40f) == 0.5f);
    CHECK(bits(activate("tanh", 1e-40f)) == 0u);
    // NaN -> the canonical NaN (relu, relu6: +0)
    for (const char* f : kNew) CHECK(bits(activate(f, nan)) == fp32::kCanonicalNan);
    CHECK(activate("relu", nan) == 0.0f);
    // infinities: the asymptotes, and inf * 0 = NaN for the products
    CHECK(activate("sigmoid", inf) == 1.0f);
    CHECK(activate("sigmoid", -inf) == 0.0f);
    CHECK(activate("tanh", -inf) == -1.0f);
    CHECK(activate("hard_sigmoid", -inf) == 0.0f);
    CHECK(activate("silu", inf) == inf);
    CHECK(activate("hard_swish", inf) == inf);
    CHECK(bits(activate("silu", -inf)) == fp32::kCanonicalNan);
    CHECK(bits(activate("hard_swish", -inf)) == fp32::kCanonicalNan);
    CHECK(activate("leaky_relu", -inf) == -inf);
}

TEST_CASE("fp32 activations stay within the documented error bound", "[numerics][activation]") {
    // docs/numerics.md, "Activations": measured maxima over [-12, 12]
    CHECK(fp32_error("leaky_relu", 12) <= 1e-6);
    CHECK(fp32_error("hard_sigmoid", 12) <= 1e-7);
    CHECK(fp32_error("hard_swish", 12) <= 1e-6);
    CHECK(fp32_error("sigmoid", 12) <= 3.1e-3);
    CHECK(fp32_error("silu", 12) <= 5.0e-3);
    CHECK(fp32_error("tanh", 12) <= 6.1e-3);
    for (const char* f : kNew) {
        INFO(f << ": " << fp32_error(f, 12));
        CHECK(fp32_error(f, 12) < 1e-2);
    }
}

TEST_CASE("fixed activations: known raws", "[numerics][activation]") {
    const FixedFormat q{3, 13};
    const int64_t one = 8192;
    for (Rounding r : {Rounding::kTrunc, Rounding::kRne}) {
        CHECK(activate_fixed("relu", -5, q, r) == 0);
        CHECK(activate_fixed("relu6", q.max_raw(), q, r) == q.max_raw());  // 6 saturates in q3.13
        CHECK(activate_fixed("hard_sigmoid", 0, q, r) == one / 2);
        CHECK(activate_fixed("hard_sigmoid", 3 * one, q, r) == one);
        CHECK(activate_fixed("hard_sigmoid", -3 * one, q, r) == 0);
        CHECK(activate_fixed("hard_swish", 3 * one, q, r) == 3 * one);
        CHECK(activate_fixed("sigmoid", 0, q, r) == one / 2);
        CHECK(activate_fixed("tanh", 0, q, r) == 0);
        CHECK(activate_fixed("tanh", q.min_raw(), q, r) == -one);  // -4: outside the table
        CHECK(activate_fixed("silu", 0, q, r) == 0);
    }
    // leaky(-1): -8192 * 6554 / 2^16 = -819.25
    CHECK(activate_fixed("leaky_relu", -one, q, Rounding::kTrunc) == -820);
    CHECK(activate_fixed("leaky_relu", -one, q, Rounding::kRne) == -819);
    // hard_swish(1): h = (8192 * 10923 + 2^15 * 8192) / 2^16 = 5461.33 -> 5461; 8192 * 5461 >> 13
    CHECK(activate_fixed("hard_swish", one, q, Rounding::kRne) == 5461);
    // sigmoid(1.25) = segment 2: (10240 * slope + intercept * 8192) / 2^16
    const PwlTable& s = sigmoid_table();
    const int64_t p = 10240 * int64_t(s.slope_q16[2]) + int64_t(s.icpt_pos_q16[2]) * one;
    CHECK(activate_fixed("sigmoid", 10240, q, Rounding::kTrunc) == (p >> 16));
    // q8.0: the segment index of an integer raw (F below the table's shift)
    const FixedFormat q8{8, 0};
    CHECK(activate_fixed("sigmoid", 100, q8, Rounding::kRne) == 1);
    CHECK(activate_fixed("sigmoid", -100, q8, Rounding::kRne) == 0);
    CHECK(activate_fixed("tanh", -2, q8, Rounding::kRne) == -1);
    CHECK(activate_fixed("silu", 100, q8, Rounding::kRne) == 100);
    CHECK(activate_fixed("hard_swish", 127, q8, Rounding::kRne) == 127);
    // q1.31 and q16.16 raws at the 32-bit limits
    const FixedFormat q131{1, 31}, q16{16, 16};
    const int64_t t = activate_fixed("tanh", q131.min_raw(), q131, Rounding::kRne);  // tanh(-1)
    CHECK(std::fabs(double(t) / 2147483648.0 + 0.76159) < 1e-2);
    CHECK(activate_fixed("silu", q16.max_raw(), q16, Rounding::kRne) == q16.max_raw());
    CHECK(activate_fixed("hard_swish", q16.min_raw(), q16, Rounding::kRne) == 0);
}

TEST_CASE("fixed activations: symmetry and the error bound", "[numerics][activation]") {
    const FixedFormat q{3, 13};
    for (int64_t raw = 1; raw <= q.max_raw(); raw += 7)
        CHECK(activate_fixed("tanh", -raw, q, Rounding::kRne) ==
              -activate_fixed("tanh", raw, q, Rounding::kRne));
    // the table's error plus the roundings (2^-13 trunc, 2^-14 rne), each q3.13 raw
    for (Rounding r : {Rounding::kTrunc, Rounding::kRne}) {
        INFO(to_string(r));
        CHECK(fixed_error("leaky_relu", q, r) <= 2.0 / 8192);
        CHECK(fixed_error("hard_sigmoid", q, r) <= 2.0 / 8192);
        CHECK(fixed_error("hard_swish", q, r) <= 5.0 / 8192);  // (|x| + 1) * 2^-13
        CHECK(fixed_error("sigmoid", q, r) <= 3.1e-3 + 2.0 / 8192);
        CHECK(fixed_error("silu", q, r) <= 5.0e-3 + 4.0 / 8192);
        CHECK(fixed_error("tanh", q, r) <= 6.1e-3 + 2.0 / 8192);
    }
    const FixedFormat q8{8, 8};
    for (const char* f : kNew) {
        INFO(f);
        CHECK(fixed_error(f, q8, Rounding::kRne) < 1e-2 + 1.0 / 256);
    }
}
