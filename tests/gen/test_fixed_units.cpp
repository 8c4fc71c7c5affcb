// The generated fixed-point multiplier and saturating adder against FixedDatapath::mul / add,
// at the widths of configs/rtl_4x4_q3.13.yaml and at narrow widths (Verilator -G overrides)
// where saturation and floor rounding are hit constantly.
#include <catch2/catch.hpp>

#include <type_traits>

#include "Vfixed_add.h"
#include "Vfixed_add_narrow.h"
#include "Vfixed_mul.h"
#include "Vfixed_mul_narrow.h"
#include "gen_test_util.h"
#include "numerics/fixed_point.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

uint64_t to_bits(int64_t v, int bits) {
    return uint64_t(v) & ((bits == 64) ? ~0ull : ((1ull << bits) - 1));
}
int64_t from_bits(uint64_t v, int bits) {
    const uint64_t sign = 1ull << (bits - 1);
    v &= (sign << 1) - 1;
    return int64_t(v ^ sign) - int64_t(sign);
}
// Random raw of `bits` bits, often at or near the extremes.
int64_t random_raw(std::mt19937_64& rng, int bits) {
    const int64_t hi = (int64_t(1) << (bits - 1)) - 1, lo = -(int64_t(1) << (bits - 1));
    switch (rng() % 6) {
        case 0:
            return hi - int64_t(rng() % 3);
        case 1:
            return lo + int64_t(rng() % 3);
        case 2:
            return int64_t(rng() % 5) - 2;
        default:
            return from_bits(rng(), bits);
    }
}

template <class Model>
void check_mul(Model& m, int w, int product_bits, MismatchLog& log, std::mt19937_64& rng, int n) {
    FixedDatapath dp;
    dp.operand = FixedFormat{1, w - 1};
    dp.product_bits = product_bits;
    dp.accumulator_bits = product_bits;
    for (int i = 0; i < n; ++i) {
        const int64_t a = random_raw(rng, w), b = random_raw(rng, w);
        m.a_i = std::remove_reference_t<decltype(m.a_i)>(to_bits(a, w));
        m.b_i = std::remove_reference_t<decltype(m.b_i)>(to_bits(b, w));
        m.eval();
        const int64_t got = from_bits(uint64_t(m.p_o), product_bits), want = dp.mul(a, b);
        log.check(got == want, fmt::format("{} * {}: rtl {}, ref {}", a, b, got, want));
    }
}

template <class Model>
void check_add(Model& m, int acc_bits, MismatchLog& log, std::mt19937_64& rng, int n,
               uint64_t* saturated) {
    FixedDatapath dp;
    dp.accumulator_bits = acc_bits;
    for (int i = 0; i < n; ++i) {
        const int64_t a = random_raw(rng, acc_bits), b = random_raw(rng, acc_bits);
        m.a_i = std::remove_reference_t<decltype(m.a_i)>(to_bits(a, acc_bits));
        m.b_i = std::remove_reference_t<decltype(m.b_i)>(to_bits(b, acc_bits));
        m.eval();
        const int64_t got = from_bits(uint64_t(m.s_o), acc_bits), want = dp.add(a, b);
        log.check(got == want, fmt::format("{} + {}: rtl {}, ref {}", a, b, got, want));
        if (want != a + b) ++*saturated;
    }
}

}  // namespace

TEST_CASE(
    "generated fixed multiplier equals FixedDatapath::mul (q3.13 -> 32 bits, and 8 -> 12 bits)",
    "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 2);
    MismatchLog log;
    Vfixed_mul m{&ctx};
    check_mul(m, 16, 32, log, rng, 100000);
    Vfixed_mul_narrow n{&ctx};
    check_mul(n, 8, 12, log, rng, 100000);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
}

TEST_CASE("generated saturating fixed adder equals FixedDatapath::add (32 and 12 bits)",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 3);
    MismatchLog log;
    uint64_t saturated = 0;
    Vfixed_add m{&ctx};
    check_add(m, 32, log, rng, 100000, &saturated);
    Vfixed_add_narrow n{&ctx};
    check_add(n, 12, log, rng, 100000, &saturated);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(saturated > 10000);  // saturation really was exercised
}
