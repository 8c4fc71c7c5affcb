// The generated fixed-point converter core (edgesa_fixed_convert, which the top's lane converters
// instantiate) against fixed_convert / FixedDatapath::requantize: random source and target formats
// set at run time, both roundings, saturation on both sides.
#include <catch2/catch.hpp>

#include "Vfixed_convert.h"
#include "Vfixed_convert_const.h"
#include "Vfixed_convert_lane.h"
#include "Vfixed_convert_rq.h"
#include "gen_test_util.h"
#include "numerics/fixed_point.h"

using namespace edgesa;
using namespace edgesa::test;

TEST_CASE("generated fixed-point converter core equals fixed_convert on random format pairs",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vfixed_convert m{&ctx};
    std::mt19937_64 rng(test_seed() + 10);
    MismatchLog log;
    FixedFormat from{3, 13}, to{3, 13};
    uint64_t saturated = 0, rounded_up = 0;
    for (int c = 0; c < 150000; ++c) {
        if (c % 89 == 0) {
            // Source: a storage format (<= 32 bits) or an accumulator (<= 48 bits, F <= 47).
            const int from_bits = rng() % 2 ? 2 + int(rng() % 31) : 33 + int(rng() % 16);
            from.frac_bits = int(rng() % uint64_t(from_bits));
            from.int_bits = from_bits - from.frac_bits;
            const int to_bits = 2 + int(rng() % 31);
            to.frac_bits = int(rng() % uint64_t(to_bits));
            to.int_bits = to_bits - to.frac_bits;
            // Left shifts of wide sources would overflow the C++ reference's int64: skip them.
            if (to.frac_bits > from.frac_bits && from_bits > 32) to.frac_bits = from.frac_bits;
            to.int_bits = to_bits - to.frac_bits;
            m.shift_i = uint8_t(int8_t(from.frac_bits - to.frac_bits)) & 0x7f;
            m.to_bits_i = uint8_t(to.total_bits());
        }
        const bool rne = rng() % 2;
        const int fb = from.total_bits();
        int64_t raw = int64_t(rng() >> (64 - fb));                          // random fb-bit pattern
        raw = (raw ^ (int64_t(1) << (fb - 1))) - (int64_t(1) << (fb - 1));  // sign-extend
        if (rng() % 8 == 0) raw = (rng() % 2) ? from.max_raw() : from.min_raw();
        const int64_t want = fixed_convert(raw, from, to, rne ? Rounding::kRne : Rounding::kTrunc);
        if (want == to.max_raw() || want == to.min_raw()) ++saturated;
        if (want != shift_round(raw, from.frac_bits - to.frac_bits, Rounding::kTrunc) &&
            want != to.max_raw() && want != to.min_raw())
            ++rounded_up;
        m.rne_i = rne;
        m.raw_i = uint64_t(raw) & ((uint64_t(1) << 48) - 1);
        m.eval();
        log.check(uint32_t(m.raw_o) == uint32_t(want),
                  fmt::format("{}->{} {} of {}: rtl {:08x}, ref {:08x}", from.name(), to.name(),
                              rne ? "rne" : "trunc", raw, uint32_t(m.raw_o), uint32_t(want)));
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 150000);
    CHECK(saturated > 10000);
    CHECK(rounded_up > 1000);
}

// One instance with its parameters (tests/gen/CMakeLists.txt): `in_bits`-bit raws, a constant
// target width `to_bits`, shifts in [-max_left, max_right] (or the constant `const_shift`).
template <typename Model>
void check_bounded_converter(int in_bits, int to_bits, int max_right, int max_left, int const_shift,
                             uint64_t seed) {
    VerilatedContext ctx;
    Model m{&ctx};
    std::mt19937_64 rng(test_seed() + seed);
    MismatchLog log;
    uint64_t saturated = 0, right = 0, left = 0;
    for (int c = 0; c < 60000; ++c) {
        const int shift = const_shift != 1000
                              ? const_shift
                              : int(rng() % uint64_t(max_left + max_right + 1)) - max_left;
        // Formats with these widths and this fraction difference (shift = from.F - to.F).
        FixedFormat from{0, 0}, to{0, 0};
        const int lo = std::max(0, -shift), hi = std::min(in_bits - 1 - shift, to_bits - 1);
        if (hi < lo) continue;
        to.frac_bits = lo + int(rng() % uint64_t(hi - lo + 1));
        from.frac_bits = to.frac_bits + shift;
        if (from.frac_bits < 0 || from.frac_bits > in_bits - 1) continue;
        from.int_bits = in_bits - from.frac_bits;
        to.int_bits = to_bits - to.frac_bits;
        const bool rne = rng() % 2;
        int64_t raw = int64_t(rng() >> (64 - in_bits));
        raw = (raw ^ (int64_t(1) << (in_bits - 1))) - (int64_t(1) << (in_bits - 1));
        if (rng() % 8 == 0) raw = (rng() % 2) ? from.max_raw() : from.min_raw();
        const int64_t want = fixed_convert(raw, from, to, rne ? Rounding::kRne : Rounding::kTrunc);
        if (want == to.max_raw() || want == to.min_raw()) ++saturated;
        (shift > 0 ? right : left) += 1;
        m.shift_i = uint8_t(int8_t(shift)) & 0x7f;
        m.to_bits_i = uint8_t(to_bits);
        m.rne_i = rne;
        m.raw_i = uint32_t(uint64_t(raw) & ((uint64_t(1) << in_bits) - 1));
        m.eval();
        const uint32_t mask = to_bits == 32 ? ~0u : ((1u << to_bits) - 1);
        log.check((uint32_t(m.raw_o) & mask) == (uint32_t(want) & mask),
                  fmt::format("{}->{} {} of {}: rtl {:08x}, ref {:08x}", from.name(), to.name(),
                              rne ? "rne" : "trunc", raw, uint32_t(m.raw_o), uint32_t(want)));
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 20000);
    if (to_bits < in_bits + max_left) CHECK(saturated > 100);  // else every value fits
    if (const_shift == 1000) CHECK((right > 1000 && left > 1000));
}

TEST_CASE(
    "the converter with the top's bounds equals fixed_convert: requantiser, storage lane, "
    "bias shift",
    "[xcheck][numerics]") {
    // requantiser: a 32-bit accumulator raw to a 16-bit stored raw, shifts -2 .. 26
    check_bounded_converter<Vfixed_convert_rq>(32, 16, 26, 2, 1000, 11);
    // storage lane: a 16-bit stored raw to a q3.13 operand, shifts -13 .. 2
    check_bounded_converter<Vfixed_convert_lane>(16, 16, 2, 13, 1000, 12);
    // bias: a q3.13 operand to the 32-bit accumulator at fraction 26, a constant left shift
    check_bounded_converter<Vfixed_convert_const>(16, 32, 0, 13, -13, 13);
}
