// The generated pool lane (edgesa_pool_lane, one per lane of the top's act/pool bank) against the
// pooling rules of docs/numerics.md (the same loops as workloads/reference): max
// (`first || v > m`), fp32 sum then mul by float(1/n), fixed saturating sum then
// saturate(shift_round(sum * round(2^16/n), 16, rounding), operand bits); mul (x * z) and
// scale_shift (x * s + t) as the functional model computes them; random window sizes, ops and
// roundings. Also lanes built with a subset of the operations (parameter Ops, act_pool.ops): the
// declared ones still match, and every other op folds as an unscaled sum (both subset models keep
// the adder: add, scale_shift).
#include <catch2/catch.hpp>

#include <cmath>

#include "Vpool_lane_fixed.h"
#include "Vpool_lane_fixed_maxadd.h"
#include "Vpool_lane_fixed_prod.h"
#include "Vpool_lane_fp32.h"
#include "Vpool_lane_fp32_maxadd.h"
#include "Vpool_lane_fp32_prod.h"
#include "config/act_support.h"
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

// The lanes' parameter Ops of the subset models (tests/gen/CMakeLists.txt): max_pool and add (no
// multiplier); mul and scale_shift (the product multiplier only, no compare).
constexpr uint32_t kMaxAdd = (1u << kPoolMax) | (1u << kPoolAdd);
constexpr uint32_t kProducts = (1u << kPoolMul) | (1u << kPoolScaleShift);

struct Window {
    int op;
    bool scale;
    int n;
    bool rne;
    int scale_n;    // the n of the scale round(2^16/n) / float(1/n): 1 for a fixed add's saturation
    bool declared;  // the lane implements the op; else it folds as a sum
    bool op_max() const { return op == kMax; }
};

// A window of op 1..4 with a random size and scale, then fitted to what a lane built with the ops
// of `built` runs: a scaled sum is an average (avg_pool) or, without it, a fixed add saturated by
// 2^16 / 2^16 (fp32 adds are not scaled); any other undeclared op is not scaled.
Window random_window(std::mt19937_64& rng, uint32_t built, bool fixed) {
    Window w{1 + int(rng() % 4), rng() % 2 == 0, 1 + int(rng() % 12), rng() % 2 == 0, 0, true};
    if (w.op == kMul) w.n = 2;
    if (w.op == kScaleShift) w.n = 3;
    w.scale = w.scale && w.op == kSum;
    w.scale_n = w.n;
    auto has = [&](int bit) { return (built >> bit & 1u) != 0; };
    switch (w.op) {
        case kMax:
            w.declared = has(kPoolMax);
            break;
        case kSum:
            w.declared = has(kPoolAvg) || has(kPoolAdd);
            if (w.scale && !has(kPoolAvg)) {
                w.scale = fixed;
                w.scale_n = 1;
            }
            break;
        case kMul:
            w.declared = has(kPoolMul);
            break;
        default:
            w.declared = has(kPoolScaleShift);
            break;
    }
    if (!w.declared) w.scale = false;
    return w;
}

// Folds windows of random shape through one pool lane (combinational) as the top's act/pool
// bank does: the first value starts the window, every value's next_o becomes the window so far,
// and the last value's result_o (scaled when asked) is the window's result. `value` makes one
// input, `reduce` gives the expected result of a declared op's window.
template <class M, class Value, class Reduce>
MismatchLog run_pool(M& m, std::mt19937_64& rng, int windows, Value value, Reduce reduce,
                     uint32_t (*recip)(int), uint32_t built, bool fixed) {
    MismatchLog log;
    for (int w = 0; w < windows; ++w) {
        const Window win = random_window(rng, built, fixed);
        std::vector<uint64_t> vals;
        for (int i = 0; i < win.n; ++i) vals.push_back(value(rng, win));
        m.op_i = uint8_t(win.op);
        m.recip_i = recip(win.scale_n);
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
        Window as_sum = win;  // what a lane computes for an op it was built without
        as_sum.op = kSum;
        const uint64_t want = reduce(win.declared ? win : as_sum, vals);
        const uint64_t got = uint32_t(m.result_o);
        log.check(got == want, fmt::format("{}{} of {} values{}: rtl {:x}, ref {:x}",
                                           win.declared ? "" : "undeclared ", kOpName[win.op],
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

uint64_t fp32_reduce(const Window& w, const std::vector<uint64_t>& v) {
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
    if (w.scale) acc = fp32::mul(acc, float(1.0 / double(w.scale_n)));
    return fp32::bits(acc);
}

uint64_t fp32_value(std::mt19937_64& r, const Window&) {
    return uint64_t(r() % 8 ? fp32_with_exp(r, 120 + uint32_t(r() % 10)) : fp32_any(r));
}

template <class M>
MismatchLog run_fp32(M& m, std::mt19937_64& rng, int windows, uint32_t built) {
    return run_pool(m, rng, windows, fp32_value, fp32_reduce, fp32_recip, built, false);
}

// The fixed rules at rtl_4x4_q3.13's widths (32-bit sums, q3.13 operands).
template <class M>
MismatchLog run_fixed(M& m, std::mt19937_64& rng, int windows, uint32_t built) {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    const int sb = cfg.derived.fixed.accumulator_bits;
    const int out_bits = cfg.derived.fixed.operand.total_bits();
    REQUIRE(sb == 32);
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
            acc = saturate(shift_round(acc * int64_t(fixed_recip(w.scale_n)), 16, rnd), out_bits);
        return uint64_t(uint32_t(int32_t(acc)));
    };
    auto value = [&](std::mt19937_64& r, const Window& w) {
        if (w.op == kMul || w.op == kScaleShift) {  // operand raws, sign-extended
            const int64_t x =
                int64_t(r() % (uint64_t(1) << out_bits)) - (int64_t(1) << (out_bits - 1));
            return uint64_t(uint32_t(int32_t(r() % 4 ? x / int64_t(1 + r() % 64) : x)));
        }
        const uint32_t x = uint32_t(r());
        return uint64_t(r() % 3 == 0 ? x : (r() % 2 ? x >> 12 : uint32_t(-int32_t(x >> 12))));
    };
    return run_pool(m, rng, windows, value, reduce, fixed_recip, built, true);
}

}  // namespace

TEST_CASE(
    "generated fp32 pool lane equals max / sum / average / mul / scale_shift of the reference "
    "rules",
    "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vpool_lane_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 11);
    const MismatchLog log = run_fp32(m, rng, 40000, kAllPoolOps);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 40000);
}

TEST_CASE(
    "generated fixed pool lane equals max / saturating sum / scaled average / mul / scale_shift of "
    "the reference rules",
    "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vpool_lane_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 12);
    const MismatchLog log = run_fixed(m, rng, 40000, kAllPoolOps);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 40000);
}

TEST_CASE(
    "pool lanes built with a subset of act_pool.ops (max pool and add, or mul and scale_shift) "
    "compute those and fold every other op as a sum",
    "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 13);
    Vpool_lane_fp32_maxadd fa{&ctx};
    const MismatchLog a = run_fp32(fa, rng, 20000, kMaxAdd);
    INFO(a.str());
    CHECK(a.mismatches == 0);
    Vpool_lane_fp32_prod fp{&ctx};
    const MismatchLog b = run_fp32(fp, rng, 20000, kProducts);
    INFO(b.str());
    CHECK(b.mismatches == 0);
    Vpool_lane_fixed_maxadd xa{&ctx};
    const MismatchLog c = run_fixed(xa, rng, 20000, kMaxAdd);
    INFO(c.str());
    CHECK(c.mismatches == 0);
    Vpool_lane_fixed_prod xp{&ctx};
    const MismatchLog d = run_fixed(xp, rng, 20000, kProducts);
    INFO(d.str());
    CHECK(d.mismatches == 0);
}
