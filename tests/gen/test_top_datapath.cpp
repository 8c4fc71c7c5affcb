// The generated datapath top (configs/rtl_4x4_q3.13.yaml, fixed; configs/rtl_8x8_fp32.yaml,
// fp32) against the reduction order of docs/numerics.md: weights poured into the cell buffers,
// two reduction chunks streamed with random bubbles (chunk 0 writes the accumulators, chunk 1
// adds), then every entry drained through the activation unit with random biases, activations
// and result-side stalls.
#include <catch2/catch.hpp>

#include <deque>
#include <functional>

#include "Vtop_fixed.h"
#include "Vtop_fp32.h"
#include "config/loader.h"
#include "gen_test_util.h"
#include "numerics/fp32.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

// Bit access to Verilator ports of any width.
void put(uint64_t& p, int lsb, int w, uint64_t v) {
    const uint64_t m = (w == 64 ? ~0ull : (1ull << w) - 1) << lsb;
    p = (p & ~m) | ((v << lsb) & m);
}
template <std::size_t N>
void put(VlWide<N>& p, int lsb, int w, uint64_t v) {
    for (int b = 0; b < w; ++b) {
        const int i = lsb + b;
        const uint32_t bit = uint32_t((v >> b) & 1u);
        p[size_t(i / 32)] = (p[size_t(i / 32)] & ~(1u << (i % 32))) | (bit << (i % 32));
    }
}
uint64_t get(uint64_t p, int lsb, int w) {
    return (p >> lsb) & (w == 64 ? ~0ull : (1ull << w) - 1);
}
template <std::size_t N>
uint64_t get(const VlWide<N>& p, int lsb, int w) {
    uint64_t v = 0;
    for (int b = 0; b < w; ++b)
        v |= uint64_t((p[size_t((lsb + b) / 32)] >> ((lsb + b) % 32)) & 1u) << b;
    return v;
}

// The arithmetic of one compute type, as the reference sees it (raw bit patterns).
struct Arith {
    int operand_bits, sum_bits;
    std::function<uint64_t(std::mt19937_64&)> operand;  // a random operand
    std::function<uint64_t(uint64_t, uint64_t)> mul, add;
    std::function<uint64_t(uint64_t, int)> act;  // 0 none, 1 ReLU, 2 ReLU6
};

Arith fixed_arith(const AccelConfig& cfg) {
    const FixedDatapath dp = cfg.derived.fixed;
    const int ob = dp.operand.total_bits(), sb = dp.accumulator_bits, pb = dp.product_bits;
    auto sx = [](uint64_t v, int bits) {
        const uint64_t s = 1ull << (bits - 1);
        v &= (s << 1) - 1;
        return int64_t(v ^ s) - int64_t(s);
    };
    auto mask = [](int64_t v, int bits) -> uint64_t {
        return uint64_t(v) & ((uint64_t(1) << bits) - 1);
    };
    const int64_t six =
        std::min<int64_t>(int64_t(6) << dp.product_frac_bits(), (int64_t(1) << (sb - 1)) - 1);
    return {ob,
            sb,
            [ob](std::mt19937_64& r) { return r() & ((1ull << ob) - 1); },
            [=](uint64_t a, uint64_t b) { return mask(dp.mul(sx(a, ob), sx(b, ob)), sb); },
            [=](uint64_t a, uint64_t b) { return mask(dp.add(sx(a, sb), sx(b, sb)), sb); },
            [=](uint64_t v, int act) -> uint64_t {
                const int64_t x = sx(v, sb);
                if (act == 0) return v;
                const int64_t relu = x > 0 ? x : 0;
                return mask(act == 2 ? std::min(relu, six) : relu, sb);
            }};
    (void)pb;
}

Arith fp32_arith() {
    auto f = [](uint64_t v) { return fp32::from_bits(uint32_t(v)); };
    return {32,
            32,
            [](std::mt19937_64& r) {
                return uint64_t(r() % 8 == 0 ? fp32_any(r)
                                             : fp32_with_exp(r, 118 + uint32_t(r() % 16)));
            },
            [f](uint64_t a, uint64_t b) { return uint64_t(fp32::bits(fp32::mul(f(a), f(b)))); },
            [f](uint64_t a, uint64_t b) { return uint64_t(fp32::bits(fp32::add(f(a), f(b)))); },
            [f](uint64_t v, int act) -> uint64_t {
                if (act == 0) return v;
                const float x = f(v);
                float y = x > 0 ? x : 0.0f;
                if (act == 2 && y > 6.0f) y = 6.0f;
                return uint64_t(fp32::bits(y));
            }};
}

template <class M>
void tick(M& m) {
    m.clk_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
}

template <class M>
MismatchLog run_top(M& m, const AccelConfig& cfg, const Arith& ar, std::mt19937_64& rng,
                    int tiles) {
    const int rows = int(cfg.array.rows), width = int(cfg.array.width),
              lanes = int(cfg.act_pool.lanes);
    const int ob = ar.operand_bits, sb = ar.sum_bits;
    const int L = int(std::min<int64_t>(cfg.accumulator.depth, 40));
    MismatchLog log;
    m.clk_i = 0;
    m.rst_ni = 1;
    m.eval();
    m.rst_ni = 0;
    m.eval();
    m.rst_ni = 1;
    for (int tile = 0; tile < tiles; ++tile) {
        // W[chunk][row][col], X[chunk][n][col]
        std::vector<std::vector<std::vector<uint64_t>>> W(2), X(2);
        for (int c = 0; c < 2; ++c) {
            W[size_t(c)].assign(size_t(rows), std::vector<uint64_t>(size_t(width)));
            X[size_t(c)].assign(size_t(L), std::vector<uint64_t>(size_t(width)));
            for (auto& r : W[size_t(c)])
                for (auto& v : r) v = ar.operand(rng);
            for (auto& r : X[size_t(c)])
                for (auto& v : r) v = ar.operand(rng);
        }
        auto issue = [&](bool fill, int row, int slot, bool first, int addr,
                         const std::vector<uint64_t>& data) {
            while (rng() % 4 == 0) {  // a bubble
                m.vec_valid_i = 0;
                tick(m);
            }
            m.vec_valid_i = 1;
            m.vec_fill_i = fill;
            m.vec_row_i = uint8_t(row);
            m.vec_slot_i = uint8_t(slot);
            m.vec_first_i = first;
            m.vec_addr_i = uint16_t(addr);
            for (int c = 0; c < width; ++c) put(m.vec_data_i, c * ob, ob, data[size_t(c)]);
            tick(m);
        };
        for (int c = 0; c < 2; ++c)  // chunk c's weights in slot c (pouring, rows in any order)
            for (int r = rows - 1; r >= 0; --r)
                issue(true, r, c, false, 0, W[size_t(c)][size_t(r)]);
        for (int c = 0; c < 2; ++c)
            for (int n = 0; n < L; ++n) issue(false, 0, c, c == 0, n, X[size_t(c)][size_t(n)]);
        m.vec_valid_i = 0;
        for (int i = 0; i < rows + 20; ++i) tick(m);  // let the last sums land
        // Reference: per (row, n) the tree of each chunk, accumulated in chunk order.
        auto tree = [&](int c, int r, int n) {
            std::vector<uint64_t> p;
            for (int k = 0; k < width; ++k)
                p.push_back(
                    ar.mul(W[size_t(c)][size_t(r)][size_t(k)], X[size_t(c)][size_t(n)][size_t(k)]));
            while (p.size() > 1) {
                std::vector<uint64_t> q;
                for (size_t i = 0; i + 1 < p.size(); i += 2) q.push_back(ar.add(p[i], p[i + 1]));
                p = q;
            }
            return p[0];
        };
        // Drain every (row group, n) with random bias and activation; result-side stalls.
        struct Want {
            int row0, n;
            std::vector<uint64_t> y;
        };
        std::deque<Want> pending;
        std::vector<std::pair<int, int>> reqs;
        for (int n = 0; n < L; ++n)
            for (int r0 = 0; r0 < rows; r0 += lanes) reqs.emplace_back(r0, n);
        size_t next = 0;
        const int act = int(rng() % 3);
        m.act_i = uint8_t(act);
        for (int guard = 0; guard < 100000 && (next < reqs.size() || !pending.empty()); ++guard) {
            const bool have = next < reqs.size();
            std::vector<uint64_t> bias(static_cast<size_t>(lanes)),
                want(static_cast<size_t>(lanes), 0);
            if (have) {
                const auto [r0, n] = reqs[next];
                m.drain_row_i = uint8_t(r0);
                m.drain_addr_i = uint16_t(n);
                for (int l = 0; l < lanes; ++l) {
                    bias[size_t(l)] = ar.operand(rng) & ((sb == 64) ? ~0ull : (1ull << sb) - 1);
                    if (sb != ob && rng() % 2) bias[size_t(l)] = 0;
                    put(m.drain_bias_i, l * sb, sb, bias[size_t(l)]);
                    const int r = r0 + l;
                    const uint64_t acc = r < rows ? ar.add(tree(0, r, n), tree(1, r, n)) : 0;
                    want[size_t(l)] = ar.act(ar.add(acc, bias[size_t(l)]), act);
                }
            }
            m.drain_valid_i = have && rng() % 3 != 0;
            m.res_ready_i = rng() % 3 != 0;
            const bool in_fire = m.drain_valid_i && m.drain_ready_o;
            const bool out_fire = m.res_valid_o && m.res_ready_i;
            if (out_fire) {
                REQUIRE(!pending.empty());
                const Want w = pending.front();
                pending.pop_front();
                for (int l = 0; l < lanes; ++l) {
                    const uint64_t got = get(m.res_data_o, l * sb, sb);
                    log.check(got == w.y[size_t(l)],
                              fmt::format("tile {} row {} n {} act {}: rtl {:x}, ref {:x}", tile,
                                          w.row0 + l, w.n, act, got, w.y[size_t(l)]));
                }
            }
            if (in_fire) {
                pending.push_back({reqs[next].first, reqs[next].second, want});
                ++next;
            }
            tick(m);
        }
        m.drain_valid_i = 0;
    }
    return log;
}

}  // namespace

TEST_CASE(
    "generated fixed datapath top: fill, stream, accumulate, drain and activate match the "
    "reference",
    "[xcheck]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    VerilatedContext ctx;
    Vtop_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 8);
    const MismatchLog log = run_top(m, cfg, fixed_arith(cfg), rng, 30);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 4000);
}

TEST_CASE(
    "generated fp32 datapath top: fill, stream, accumulate, drain and activate match the reference",
    "[xcheck]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_8x8_fp32.yaml");
    VerilatedContext ctx;
    Vtop_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 9);
    const MismatchLog log = run_top(m, cfg, fp32_arith(), rng, 20);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 6000);
}
