// Fixed point q<I>.<F>: conversions, saturation, rounding and the fixed compute datapath.
#include <catch2/catch.hpp>

#include <random>

#include "numerics/fixed_point.h"

using namespace edgesa;

TEST_CASE("q3.13 conversions saturate and round as stated", "[numerics]") {
    const FixedFormat q{3, 13};
    CHECK(q.total_bits() == 16);
    CHECK(fixed_from_float(q, 1.0f, Rounding::kTrunc) == 8192);
    CHECK(fixed_from_float(q, -1.0f, Rounding::kTrunc) == -8192);
    CHECK(fixed_from_float(q, 3.9999f, Rounding::kTrunc) == 32767);  // 32767.18 -> floor
    CHECK(fixed_from_float(q, 4.0f, Rounding::kTrunc) == 32767);     // saturate
    CHECK(fixed_from_float(q, -4.0f, Rounding::kTrunc) == -32768);
    CHECK(fixed_from_float(q, -100.0f, Rounding::kRne) == -32768);
    CHECK(fixed_from_float(q, NAN, Rounding::kRne) == 0);
    // 0.5 LSB ties: 1.5 LSB -> 2 (even), 2.5 LSB -> 2 (even); trunc floors, also for negatives.
    const float lsb = 1.0f / 8192;
    CHECK(fixed_from_float(q, 1.5f * lsb, Rounding::kRne) == 2);
    CHECK(fixed_from_float(q, 2.5f * lsb, Rounding::kRne) == 2);
    CHECK(fixed_from_float(q, -1.5f * lsb, Rounding::kRne) == -2);
    CHECK(fixed_from_float(q, -0.5f * lsb, Rounding::kTrunc) == -1);
    CHECK(fixed_to_float(q, 12288) == 1.5f);
}

TEST_CASE("3.9999 in q3.13 truncates to the code below, not saturation", "[numerics]") {
    const FixedFormat q{3, 13};
    // 3.9999 * 8192 = 32767.18 -> floor 32767 (which is also the max): pick a value below it.
    CHECK(fixed_from_float(q, 3.99f, Rounding::kTrunc) == 32686);  // 3.99*8192 = 32686.08
}

TEST_CASE("fixed datapath: exact products, dropped bits, saturating adds", "[numerics]") {
    FixedDatapath d{{3, 13}, 32, 32};
    CHECK(d.product_frac_bits() == 26);
    CHECK(d.mul(8192, 8192) == (int64_t(1) << 26));               // 1.0 x 1.0
    CHECK(d.mul(-32768, -32768) == (int64_t(1) << 30));           // (-4)^2 = 16 fits 2W bits
    CHECK(d.add(INT64_C(0x7fffffff), 1) == INT64_C(0x7fffffff));  // saturate at 32 bits
    CHECK(d.add(-INT64_C(0x80000000), -1) == -INT64_C(0x80000000));
    CHECK(d.requantize(int64_t(1) << 26, {3, 13}, Rounding::kTrunc) == 8192);
    CHECK(d.requantize(int64_t(5) << 26, {3, 13}, Rounding::kTrunc) == 32767);  // 5.0 saturates
    FixedDatapath narrow{{3, 13}, 24, 28};  // drop 8 low product bits
    CHECK(narrow.product_frac_bits() == 18);
    CHECK(narrow.mul(1, 1) == 0);    // 2^-26 floors to 0 at 18 fraction bits
    CHECK(narrow.mul(-1, 1) == -1);  // floor, not toward zero
    // Random: requantised products equal the double-precision product rounded the same way.
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> u(-32768, 32767);
    for (int i = 0; i < 100000; ++i) {
        const int64_t a = u(rng), b = u(rng);
        const int64_t p = d.mul(a, b);
        REQUIRE(p == a * b);
        const int64_t r = d.requantize(p, {3, 13}, Rounding::kTrunc);
        const double exact = double(a) * double(b) / 8192.0;  // in LSBs of q3.13
        const int64_t want = saturate(int64_t(std::floor(exact)), 16);
        REQUIRE(r == want);
    }
}
