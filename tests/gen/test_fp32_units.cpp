// The generated fp32 multiplier and adder against fp32::mul / fp32::add, bit for bit: every pair
// of special values, then random operands steered into the hard regions (underflow around
// 2^-126, overflow, cancellation, far alignment, exact ties).
#include <catch2/catch.hpp>

#include "Vfp32_add.h"
#include "Vfp32_mul.h"
#include "gen_test_util.h"
#include "numerics/fp32.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

uint32_t ref_mul(uint32_t a, uint32_t b) {
    return fp32::bits(fp32::mul(fp32::from_bits(a), fp32::from_bits(b)));
}
uint32_t ref_add(uint32_t a, uint32_t b) {
    return fp32::bits(fp32::add(fp32::from_bits(a), fp32::from_bits(b)));
}

// True when the exact product of two normals is a rounding tie (guard 1, sticky 0).
bool mul_is_tie(uint32_t a, uint32_t b) {
    if (fp32::exp_field(a) == 0 || fp32::exp_field(a) == 255) return false;
    if (fp32::exp_field(b) == 0 || fp32::exp_field(b) == 255) return false;
    const uint64_t p =
        uint64_t(fp32::frac_field(a) | 0x800000u) * (fp32::frac_field(b) | 0x800000u);
    const int shift = (p >> 47) ? 24 : 23;  // bits below the 24-bit significand
    const uint64_t rest = p & ((uint64_t(1) << shift) - 1);
    return rest == (uint64_t(1) << (shift - 1));
}

// Operand pairs for the multiplier: exponent sums near underflow and overflow half the time.
std::pair<uint32_t, uint32_t> mul_pair(std::mt19937_64& rng) {
    const uint32_t a = fp32_any(rng);
    if (rng() % 2 == 0 || fp32::exp_field(a) == 0 || fp32::exp_field(a) == 255)
        return {a, fp32_any(rng)};
    // ea + eb - 127 near 0 (underflow) or near 254 (overflow).
    const int target = (rng() % 2) ? int(rng() % 5) - 2 : 254 + int(rng() % 5) - 2;
    const int eb = target + 127 - int(fp32::exp_field(a));
    if (eb < 1 || eb > 254) return {a, fp32_any(rng)};
    return {a, fp32_with_exp(rng, uint32_t(eb))};
}

// Operand pairs for the adder: close exponents (cancellation), alignment near the sticky edge.
std::pair<uint32_t, uint32_t> add_pair(std::mt19937_64& rng) {
    const uint32_t a = fp32_any(rng);
    const uint32_t ea = fp32::exp_field(a);
    if (rng() % 3 == 0 || ea == 0 || ea == 255) return {a, fp32_any(rng)};
    const int d = (rng() % 2) ? int(rng() % 3) : 22 + int(rng() % 8);
    const int eb = int(ea) - d;
    if (eb < 1) return {a, fp32_any(rng)};
    uint32_t b = fp32_with_exp(rng, uint32_t(eb));
    if (d == 0 && rng() % 2) b = (a ^ 0x80000000u) ^ (uint32_t(rng()) & 0xfu);  // near-cancellation
    return {a, b};
}

}  // namespace

TEST_CASE("generated fp32 multiplier equals fp32::mul on every pair of special values",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vfp32_mul m{&ctx};
    MismatchLog log;
    for (uint32_t a : fp32_specials())
        for (uint32_t b : fp32_specials()) {
            m.a_i = a;
            m.b_i = b;
            m.eval();
            const uint32_t want = ref_mul(a, b);
            log.check(m.p_o == want,
                      fmt::format("{:08x} * {:08x}: rtl {:08x}, ref {:08x}", a, b, m.p_o, want));
        }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
}

TEST_CASE("generated fp32 multiplier equals fp32::mul on 300000 steered random pairs",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vfp32_mul m{&ctx};
    std::mt19937_64 rng(test_seed());
    MismatchLog log;
    uint64_t ties = 0, flushed = 0, min_normal = 0, overflow = 0;
    for (int i = 0; i < 300000; ++i) {
        const auto [a, b] = mul_pair(rng);
        m.a_i = a;
        m.b_i = b;
        m.eval();
        const uint32_t want = ref_mul(a, b);
        log.check(m.p_o == want,
                  fmt::format("{:08x} * {:08x}: rtl {:08x}, ref {:08x}", a, b, m.p_o, want));
        ties += mul_is_tie(a, b);
        const float exact = fp32::from_bits(a) * fp32::from_bits(b);  // before FTZ
        if (fp32::is_subnormal_bits(fp32::bits(exact))) ++flushed;
        if ((want & 0x7fffffffu) == 0x00800000u) ++min_normal;
        if ((want & 0x7fffffffu) == 0x7f800000u && fp32::exp_field(a) != 255 &&
            fp32::exp_field(b) != 255)
            ++overflow;
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    // The generator really reached the hard cases.
    CHECK(ties > 1000);
    CHECK(flushed > 1000);
    CHECK(min_normal > 10);
    CHECK(overflow > 1000);
}

TEST_CASE("generated fp32 adder equals fp32::add on every pair of special values",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vfp32_add m{&ctx};
    MismatchLog log;
    for (uint32_t a : fp32_specials())
        for (uint32_t b : fp32_specials()) {
            m.a_i = a;
            m.b_i = b;
            m.eval();
            const uint32_t want = ref_add(a, b);
            log.check(m.s_o == want,
                      fmt::format("{:08x} + {:08x}: rtl {:08x}, ref {:08x}", a, b, m.s_o, want));
        }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
}

TEST_CASE("generated fp32 adder equals fp32::add on 300000 steered random pairs",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vfp32_add m{&ctx};
    std::mt19937_64 rng(test_seed() + 1);
    MismatchLog log;
    uint64_t cancel = 0, flushed = 0, overflow = 0;
    for (int i = 0; i < 300000; ++i) {
        const auto [a, b] = add_pair(rng);
        m.a_i = a;
        m.b_i = b;
        m.eval();
        const uint32_t want = ref_add(a, b);
        log.check(m.s_o == want,
                  fmt::format("{:08x} + {:08x}: rtl {:08x}, ref {:08x}", a, b, m.s_o, want));
        const uint32_t ea = fp32::exp_field(a), eb = fp32::exp_field(b), er = fp32::exp_field(want);
        if (ea > 0 && ea < 255 && eb > 0 && eb < 255) {
            if (er + 10 < std::max(ea, eb)) ++cancel;
            const float exact = fp32::from_bits(a) + fp32::from_bits(b);
            if (fp32::is_subnormal_bits(fp32::bits(exact))) ++flushed;
            if (er == 255) ++overflow;
        }
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(cancel > 1000);
    CHECK(flushed > 0);
    CHECK(overflow > 0);
}
