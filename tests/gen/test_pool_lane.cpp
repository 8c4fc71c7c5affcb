// The generated pool lane (edgesa_pool_lane, one per lane of the top's act/pool bank) against the
// pooling rules of docs/numerics.md (the same loops as workloads/reference): max
// (`first || v > m`), fp32 sum then mul by float(1/n), fixed saturating sum then
// saturate(shift_round(sum * round(2^16/n), 16, rounding), operand bits); mul (x * z) and
// scale_shift (x * s + t) as the functional model computes them; random window sizes, ops and
// roundings.
#include <catch2/catch.hpp>

#include <cmath>

#include "Vpool_lane_fixed.h"
#include "Vpool_lane_fp32.h"
#include "config/loader.h"
#include "gen_test_util.h"
#include "numerics/fixed_point.h"
#include "numerics/fp32.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

enum Op { kMax = 1, kSum = 2, kMul = 3, kScaleShift = 4 };  // DescPoolOp
const char* const kOpName[] = {"", "max", "sum", "mul", "scale_shift"};

struct Window {
    int op;
    bool scale;
    int n;
    bool rne;
    bool op_max() const { return op == kMax; }
};

Window random_window(std::mt19937_64& rng) {
    Window w{1 + int(rng() % 4), rng() % 2 == 0, 1 + int(rng() % 12), rng() % 2 == 0};
    if (w.op == kMul) w.n = 2;
    if (w.op == kScaleShift) w.n = 3;
    w.scale = w.scale && w.op == kSum;
    return w;
}

// Folds windows of random shape through one pool lane (combinational) as the top's act/pool
// bank does: the first value starts the window, every value's next_o becomes the window so far,
// and the last value's result_o (scaled when asked) is the window's result. `value` makes one
// input, `reduce` gives the expected result of a window.
template <class M, class Value, class Reduce>
MismatchLog run_pool(M& m, std::mt19937_64& rng, int windows, Value value, Reduce reduce,
                     uint32_t (*recip)(int)) {
    MismatchLog log;
    for (int w = 0; w < windows; ++w) {
        const Window win = random_window(rng);
        std::vector<uint64_t> vals;
        for (int i = 0; i < win.n; ++i) vals.push_back(value(rng, win));
        m.op_i = uint8_t(win.op);
        m.recip_i = recip(win.n);
        m.rne_i = win.rne;
        uint64_t acc = rng();  // ignored by the first value
        for (int i = 0; i < win.n; ++i) {
            m.first_i = i == 0;
            m.second_i = i == 1;
            m.scale_i = win.scale && i + 1 == win.n;
            m.acc_i = uint32_t(acc);
            m.v_i = uint32_t(vals[size_t(i)]);
            m.eval();
            acc = m.next_o;
        }
        const uint64_t want = reduce(win, vals), got = uint32_t(m.result_o);
        log.check(got == want, fmt::format("{} of {} values{}: rtl {:x}, ref {:x}", kOpName[win.op],
                                           win.n, m.scale_i ? " scaled" : "", got, want));
    }
    return log;
}

uint32_t fp32_recip(int n) {
    return fp32::bits(float(1.0 / double(n)));
}
uint32_t fixed_recip(int n) {
    return uint32_t(std::llround(65536.0 / double(n)));
}

}  // namespace

TEST_CASE(
    "generated fp32 pool lane equals max / sum / average / mul / scale_shift of the reference "
    "rules",
    "[xcheck][numerics]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_8x8_fp32.yaml");
    VerilatedContext ctx;
    Vpool_lane_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 11);
    auto reduce = [](const Window& w, const std::vector<uint64_t>& v) -> uint64_t {
        auto f = [&](size_t i) { return fp32::from_bits(uint32_t(v[i])); };
        if (w.op == kMul) return fp32::bits(fp32::mul(f(0), f(1)));
        if (w.op == kScaleShift) return fp32::bits(fp32::add(fp32::mul(f(0), f(1)), f(2)));
        float acc = 0;
        bool first = true;
        for (uint64_t b : v) {
            const float x = fp32::from_bits(uint32_t(b));
            if (w.op_max()) {
                if (first || x > acc) acc = x;
            } else {
                acc = first ? x : fp32::add(acc, x);
            }
            first = false;
        }
        if (w.scale) acc = fp32::mul(acc, float(1.0 / double(w.n)));
        return fp32::bits(acc);
    };
    const MismatchLog log = run_pool(
        m, rng, 40000,
        [](std::mt19937_64& r, const Window&) {
            return uint64_t(r() % 8 ? fp32_with_exp(r, 120 + uint32_t(r() % 10)) : fp32_any(r));
        },
        reduce, fp32_recip);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 40000);
}

TEST_CASE(
    "generated fixed pool lane equals max / saturating sum / scaled average / mul / scale_shift of "
    "the reference rules",
    "[xcheck][numerics]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    const int sb = cfg.derived.fixed.accumulator_bits;
    const int out_bits = cfg.derived.fixed.operand.total_bits();
    REQUIRE(sb == 32);
    VerilatedContext ctx;
    Vpool_lane_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 12);
    const int frac = cfg.derived.fixed.operand.frac_bits;
    auto reduce = [&](const Window& w, const std::vector<uint64_t>& v) -> uint64_t {
        const Rounding rnd = w.rne ? Rounding::kRne : Rounding::kTrunc;
        auto x_at = [&](size_t i) { return int64_t(int32_t(uint32_t(v[i]))); };
        if (w.op == kMul || w.op == kScaleShift) {  // docs/numerics.md, "Other layers"
            int64_t y = shift_round(x_at(0) * x_at(1), frac, rnd);
            if (w.op == kScaleShift) y += x_at(2);
            return uint64_t(uint32_t(int32_t(saturate(y, out_bits))));
        }
        int64_t acc = 0;
        bool first = true;
        for (uint64_t b : v) {
            const int64_t x = int64_t(int32_t(uint32_t(b)));
            if (w.op_max()) {
                if (first || x > acc) acc = x;
            } else {
                acc = saturate(acc + x, sb);
            }
            first = false;
        }
        if (w.scale)
            acc = saturate(shift_round(acc * int64_t(fixed_recip(w.n)), 16, rnd), out_bits);
        return uint64_t(uint32_t(int32_t(acc)));
    };
    const MismatchLog log = run_pool(
        m, rng, 40000,
        [&](std::mt19937_64& r, const Window& w) {
            if (w.op == kMul || w.op == kScaleShift) {  // operand raws, sign-extended
                const int64_t x =
                    int64_t(r() % (uint64_t(1) << out_bits)) - (int64_t(1) << (out_bits - 1));
                return uint64_t(uint32_t(int32_t(r() % 4 ? x / int64_t(1 + r() % 64) : x)));
            }
            const uint32_t x = uint32_t(r());
            return uint64_t(r() % 3 == 0 ? x : (r() % 2 ? x >> 12 : uint32_t(-int32_t(x >> 12))));
        },
        reduce, fixed_recip);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 40000);
}
