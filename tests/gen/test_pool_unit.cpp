// The generated pooling unit against the pooling rules of docs/numerics.md (the same loops as
// workloads/reference): max (`first || v > m`), fp32 sum then mul by float(1/n), fixed saturating
// sum then saturate(shift_round(sum * round(2^16/n), 16, rounding), operand bits); random window
// sizes, ops and stalls on both sides.
#include <catch2/catch.hpp>

#include <cmath>
#include <deque>

#include "Vpool_fixed.h"
#include "Vpool_fp32.h"
#include "config/loader.h"
#include "gen_test_util.h"
#include "numerics/fixed_point.h"
#include "numerics/fp32.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

template <class M>
void tick(M& m) {
    m.clk_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
}

struct Window {
    bool op_max, scale;
    int n;
    bool rne;
};

// Runs windows of random shape through a pool unit with `lanes` lanes of `bits`-bit values.
// `value` makes one input, `reduce` gives the expected lane result of a window.
template <class M, class Value, class Reduce, class Put, class Get>
MismatchLog run_pool(M& m, int lanes, std::mt19937_64& rng, int windows, Value value, Reduce reduce,
                     Put put, Get get, uint32_t (*recip)(int)) {
    MismatchLog log;
    m.clk_i = 0;
    m.rst_ni = 1;
    m.eval();
    m.rst_ni = 0;
    m.eval();
    m.rst_ni = 1;
    std::deque<std::vector<uint64_t>> expected;
    for (int w = 0; w < windows; ++w) {
        const Window win{rng() % 2 == 0, rng() % 2 == 0, 1 + int(rng() % 12), rng() % 2 == 0};
        m.op_max_i = win.op_max;
        m.count_i = uint16_t(win.n);
        m.scale_en_i = win.scale && !win.op_max;
        m.recip_i = recip(win.n);
        m.rne_i = win.rne;
        std::vector<std::vector<uint64_t>> vals(static_cast<size_t>(lanes));
        for (auto& v : vals)
            for (int i = 0; i < win.n; ++i) v.push_back(value(rng));
        std::vector<uint64_t> want;
        for (const auto& v : vals) want.push_back(reduce(win, v));
        int sent = 0;
        // Stream the window's values, draining results meanwhile, with random stalls.
        while (sent < win.n) {
            const bool v = rng() % 4 != 0;
            m.in_valid_i = v;
            for (int l = 0; l < lanes; ++l) put(m, l, vals[size_t(l)][size_t(sent)]);
            m.out_ready_i = rng() % 3 != 0;
            const bool in_fire = v && m.in_ready_o, out_fire = m.out_valid_o && m.out_ready_i;
            if (out_fire) {
                REQUIRE(!expected.empty());
                for (int l = 0; l < lanes; ++l)
                    log.check(get(m, l) == expected.front()[size_t(l)],
                              fmt::format("lane {}: rtl {:x}, ref {:x}", l, get(m, l),
                                          expected.front()[size_t(l)]));
                expected.pop_front();
            }
            if (in_fire && ++sent == win.n) expected.push_back(want);
            tick(m);
        }
        m.in_valid_i = 0;
    }
    for (int i = 0; i < 50 && !expected.empty(); ++i) {  // drain the rest
        m.out_ready_i = 1;
        if (m.out_valid_o) {
            for (int l = 0; l < lanes; ++l)
                log.check(get(m, l) == expected.front()[size_t(l)],
                          fmt::format("lane {}: rtl {:x}, ref {:x}", l, get(m, l),
                                      expected.front()[size_t(l)]));
            expected.pop_front();
        }
        tick(m);
    }
    CHECK(expected.empty());
    return log;
}

uint32_t fp32_recip(int n) {
    return fp32::bits(float(1.0 / double(n)));
}
uint32_t fixed_recip(int n) {
    return uint32_t(std::llround(65536.0 / double(n)));
}

}  // namespace

TEST_CASE("generated fp32 pool unit equals max / sum / average of the reference rules",
          "[xcheck][numerics]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_8x8_fp32.yaml");
    const int lanes = int(cfg.act_pool.lanes);
    VerilatedContext ctx;
    Vpool_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 11);
    auto reduce = [](const Window& w, const std::vector<uint64_t>& v) -> uint64_t {
        float acc = 0;
        bool first = true;
        for (uint64_t b : v) {
            const float x = fp32::from_bits(uint32_t(b));
            if (w.op_max) {
                if (first || x > acc) acc = x;
            } else {
                acc = first ? x : fp32::add(acc, x);
            }
            first = false;
        }
        if (!w.op_max && w.scale) acc = fp32::mul(acc, float(1.0 / double(w.n)));
        return fp32::bits(acc);
    };
    const MismatchLog log = run_pool(
        m, lanes, rng, 20000,
        [](std::mt19937_64& r) {
            return uint64_t(r() % 8 ? fp32_with_exp(r, 120 + uint32_t(r() % 10)) : fp32_any(r));
        },
        reduce, [](Vpool_fp32& t, int l, uint64_t v) { t.in_data_i[size_t(l)] = uint32_t(v); },
        [](Vpool_fp32& t, int l) { return uint64_t(t.out_data_o[size_t(l)]); }, fp32_recip);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 50000);
}

TEST_CASE(
    "generated fixed pool unit equals max / saturating sum / scaled average of the reference rules",
    "[xcheck][numerics]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    const int lanes = int(cfg.act_pool.lanes), sb = cfg.derived.fixed.accumulator_bits;
    const int out_bits = cfg.derived.fixed.operand.total_bits();
    REQUIRE(sb == 32);
    REQUIRE(lanes == 2);
    VerilatedContext ctx;
    Vpool_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 12);
    auto reduce = [&](const Window& w, const std::vector<uint64_t>& v) -> uint64_t {
        int64_t acc = 0;
        bool first = true;
        for (uint64_t b : v) {
            const int64_t x = int64_t(int32_t(uint32_t(b)));
            if (w.op_max) {
                if (first || x > acc) acc = x;
            } else {
                acc = saturate(acc + x, sb);
            }
            first = false;
        }
        if (!w.op_max && w.scale)
            acc = saturate(shift_round(acc * int64_t(fixed_recip(w.n)), 16,
                                       w.rne ? Rounding::kRne : Rounding::kTrunc),
                           out_bits);
        return uint64_t(uint32_t(int32_t(acc)));
    };
    const MismatchLog log = run_pool(
        m, lanes, rng, 20000,
        [](std::mt19937_64& r) {
            const uint32_t x = uint32_t(r());
            return uint64_t(r() % 3 == 0 ? x : (r() % 2 ? x >> 12 : uint32_t(-int32_t(x >> 12))));
        },
        reduce,
        [](Vpool_fixed& t, int l, uint64_t v) {
            t.in_data_i = (t.in_data_i & ~(uint64_t(0xffffffffu) << (32 * l))) | (v << (32 * l));
        },
        [](Vpool_fixed& t, int l) { return uint64_t((t.out_data_o >> (32 * l)) & 0xffffffffu); },
        fixed_recip);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 30000);
}
