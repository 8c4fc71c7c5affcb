// Choosing E and bias from an exponent histogram (SIEVE's AlexNet FC8 worked example).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "numerics/format_chooser.h"

using namespace edgesa;

TEST_CASE("FC8-like exponents in -14..-5 give E = 4, B = 15 (window -14..-1)",
          "[numerics][golden]") {
    ExponentHistogram h;
    std::mt19937 rng(1);
    std::uniform_int_distribution<int> e(-14, -5);
    std::uniform_real_distribution<float> m(1.0f, 2.0f);
    for (int i = 0; i < 100000; ++i) h.add((i % 2 ? -1 : 1) * std::ldexp(m(rng), e(rng)));
    for (int i = 0; i < 200; ++i) h.add(std::ldexp(1.0f, -32));  // outliers below: 0.2%
    h.add(0.0f);
    const FormatChoice c = choose_format(h, 0.995, 3);
    CHECK(c.format.exp_bits == 4);
    CHECK(c.format.bias == 15);
    CHECK(c.format.min_exponent() == -14);
    CHECK(c.format.max_exponent() == -1);
    CHECK(c.coverage >= 0.995);
    CHECK(h.zeros == 1);
}

TEST_CASE("the chooser picks the smallest E that reaches the target", "[numerics]") {
    ExponentHistogram h;
    for (int e = -3; e <= 2; ++e) h.add(std::ldexp(1.0f, e));  // 6 exponents
    CHECK(choose_format(h, 1.0, 2).format.exp_bits == 3);      // 2^3-2 = 6 fields
    CHECK(choose_format(h, 0.5, 2).format.exp_bits == 3);      // 2 fields cover 2/6 < 0.5
    CHECK(choose_format(h, 0.3, 2).format.exp_bits == 2);      // 2/6 >= 0.3
}

TEST_CASE("a window that loses coverage at the top is not chosen over one that keeps it",
          "[numerics]") {
    ExponentHistogram h;
    for (int i = 0; i < 10; ++i) h.add(1.0f);   // exponent 0
    for (int i = 0; i < 10; ++i) h.add(0.25f);  // exponent -2
    const FormatChoice c = choose_format(h, 1.0, 0);
    CHECK(c.format.exp_bits == 3);  // span 3 needs 6 fields
    CHECK(c.format.max_exponent() >= 0);
    CHECK(c.format.min_exponent() <= -2);
    CHECK(c.coverage == 1.0);
}
