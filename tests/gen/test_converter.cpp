// The generated fixed-point converter engine against fixed_convert / FixedDatapath::requantize:
// random source and target formats set at run time, both roundings, random valid/ready stalls.
#include <catch2/catch.hpp>

#include <deque>

#include "Vconverter.h"
#include "gen_test_util.h"
#include "numerics/fixed_point.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

void tick(Vconverter& m) {
    m.clk_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
}

}  // namespace

TEST_CASE("generated converter engine equals fixed_convert under random stalls and format changes",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vconverter m{&ctx};
    std::mt19937_64 rng(test_seed() + 10);
    m.clk_i = 0;
    m.rst_ni = 1;
    m.eval();
    m.rst_ni = 0;
    m.eval();
    m.rst_ni = 1;
    MismatchLog log;
    struct Item {
        int64_t raw;
        uint32_t want;
        std::string what;
    };
    std::deque<Item> expected;
    FixedFormat from{3, 13}, to{3, 13};
    bool have = false;
    Item item{};
    uint64_t saturated = 0, rounded_up = 0;
    for (int c = 0; c < 250000; ++c) {
        if (c % 89 == 0 && !have) {
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
        if (!have && rng() % 100 < 75) {
            const bool rne = rng() % 2;
            const int fb = from.total_bits();
            int64_t raw = int64_t(rng() >> (64 - fb));  // random fb-bit pattern
            raw = (raw ^ (int64_t(1) << (fb - 1))) - (int64_t(1) << (fb - 1));  // sign-extend
            if (rng() % 8 == 0) raw = (rng() % 2) ? from.max_raw() : from.min_raw();
            const int64_t want =
                fixed_convert(raw, from, to, rne ? Rounding::kRne : Rounding::kTrunc);
            if (want == to.max_raw() || want == to.min_raw()) ++saturated;
            if (want != shift_round(raw, from.frac_bits - to.frac_bits, Rounding::kTrunc) &&
                want != to.max_raw() && want != to.min_raw())
                ++rounded_up;
            item = Item{raw, uint32_t(want),
                        from.name() + "->" + to.name() + (rne ? " rne" : " trunc")};
            m.rne_i = rne;
            have = true;
        }
        m.in_valid_i = have;
        m.in_raw_i = uint64_t(item.raw) & ((uint64_t(1) << 48) - 1);
        m.out_ready_i = rng() % 100 < 60;
        const bool in_fire = have && m.in_ready_o;
        const bool out_fire = m.out_valid_o && m.out_ready_i;
        if (out_fire) {
            REQUIRE(!expected.empty());
            const Item e = expected.front();
            expected.pop_front();
            log.check(m.out_raw_o == e.want, fmt::format("{} of {}: rtl {:08x}, ref {:08x}", e.what,
                                                         e.raw, uint32_t(m.out_raw_o), e.want));
        }
        if (in_fire) {
            expected.push_back(item);
            have = false;
        }
        tick(m);
    }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 100000);
    CHECK(saturated > 10000);
    CHECK(rounded_up > 1000);
}
