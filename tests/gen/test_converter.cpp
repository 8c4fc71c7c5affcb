// The generated fixed-point converter core (edgesa_fixed_convert, which the top's lane converters
// instantiate) against fixed_convert / FixedDatapath::requantize: random source and target formats
// set at run time, both roundings, saturation on both sides.
#include <catch2/catch.hpp>

#include "Vfixed_convert.h"
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
