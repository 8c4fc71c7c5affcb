// The generated array unit (edgesa_array_ctrl: the FIFO, the row-0 issue, the systolic array,
// the accumulators and the drain, as edgesa_top instantiates it) against the reduction order of
// docs/numerics.md, for configs/rtl_4x4_q3.13.yaml (fixed) and configs/rtl_8x8_fp32.yaml (fp32):
// weights poured into the cell buffers by fill tokens, two reduction chunks streamed with random
// bubbles (chunk 0 writes the accumulators, chunk 1 adds), then every entry drained in (row,
// column) order with its channel's bias code (sent as a bias vector ahead of the fills, kept in
// the unit's bias entries), under random drain-side stalls. Tokens and beats are
// packed with the hardware description (core/hw/hw_layout.h) the generator used.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <functional>

#include "Varray_fixed.h"
#include "Varray_fp32.h"
#include "config/loader.h"
#include "gen_test_util.h"
#include "hw/hw_layout.h"
#include "numerics/fp32.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

// Bit access to Verilator ports of any width.
template <class T>
void put(T& p, int lsb, int w, uint64_t v) {
    const uint64_t m = (w == 64 ? ~0ull : (1ull << w) - 1) << lsb;
    p = T((uint64_t(p) & ~m) | ((v << lsb) & m));
}
template <std::size_t N>
void put(VlWide<N>& p, int lsb, int w, uint64_t v) {
    for (int b = 0; b < w; ++b) {
        const int i = lsb + b;
        const uint32_t bit = uint32_t((v >> b) & 1u);
        p[size_t(i / 32)] = (p[size_t(i / 32)] & ~(1u << (i % 32))) | (bit << (i % 32));
    }
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
};

Arith fixed_arith(const AccelConfig& cfg) {
    const FixedDatapath dp = cfg.derived.fixed;
    const int ob = dp.operand.total_bits(), sb = dp.accumulator_bits;
    auto sx = [](uint64_t v, int bits) {
        const uint64_t s = 1ull << (bits - 1);
        v &= (s << 1) - 1;
        return int64_t(v ^ s) - int64_t(s);
    };
    auto mask = [](int64_t v, int bits) -> uint64_t {
        return uint64_t(v) & ((uint64_t(1) << bits) - 1);
    };
    return {ob, sb, [ob](std::mt19937_64& r) { return r() & ((1ull << ob) - 1); },
            [=](uint64_t a, uint64_t b) { return mask(dp.mul(sx(a, ob), sx(b, ob)), sb); },
            [=](uint64_t a, uint64_t b) { return mask(dp.add(sx(a, sb), sx(b, sb)), sb); }};
}

Arith fp32_arith() {
    auto f = [](uint64_t v) { return fp32::from_bits(uint32_t(v)); };
    return {32, 32,
            [](std::mt19937_64& r) {
                return uint64_t(r() % 8 == 0 ? fp32_any(r)
                                             : fp32_with_exp(r, 118 + uint32_t(r() % 16)));
            },
            [f](uint64_t a, uint64_t b) { return uint64_t(fp32::bits(fp32::mul(f(a), f(b)))); },
            [f](uint64_t a, uint64_t b) { return uint64_t(fp32::bits(fp32::add(f(a), f(b)))); }};
}

struct Token {
    uint64_t type, slot, vec, len, index;
    bool last_vec, last_block;
    std::vector<uint64_t> data;
};

// `layers` GEMM layers of K = rows channels, N = L columns, two reduction chunks, one output
// block (resident weights: chunk c in slot c), each drained completely before the next.
template <class M>
MismatchLog run_array(M& m, const AccelConfig& cfg, const Arith& ar, std::mt19937_64& rng,
                      int layers) {
    namespace tok = hw::token;
    const hw::HwLayout hl = hw::layout(cfg);
    const int rows = int(hl.rows), width = int(hl.width), lanes = int(hl.lanes);
    const int ob = ar.operand_bits, sb = ar.sum_bits;
    const int L = int(std::min<int64_t>(cfg.accumulator.depth, 40));
    MismatchLog log;
    reset(m);
    m.in_valid_i = 0;
    m.dr_ready_i = 0;
    for (int layer = 0; layer < layers; ++layer) {
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
        std::deque<Token> toks;
        for (int c = 0; c < 2; ++c)  // chunk c's weights in slot c (pouring, rows in any order)
            for (int r = rows - 1; r >= 0; --r)
                toks.push_back({1, uint64_t(c), uint64_t(r), uint64_t(rows), 0, r == 0, false,
                                W[size_t(c)][size_t(r)]});
        for (int c = 0; c < 2; ++c)
            for (int n = 0; n < L; ++n)
                toks.push_back({2, 1, uint64_t(n), uint64_t(L), uint64_t(c), n == L - 1,
                                c == 1 && n == L - 1, X[size_t(c)][size_t(n)]});
        m.k_i = uint16_t(rows);
        m.n_i = uint32_t(L);
        m.kb_i = 1;
        m.rb_i = 2;
        m.g_i = 1;
        m.resident_i = 1;
        // The kb-set's biases: random codes of a random width, sent as bias vectors (kind 0)
        // ahead of the fills, the way the streamer orders a layer image.
        // (storage.lane_bits fixes the width: every code has that many bits)
        const int w_bits = rng() % 2 ? 32 : 1 + int(rng() % 31);
        // The unit keeps HwBiasBits of each (fixed: the decompressed operand raw).
        const int code_bits = std::min(hl.lane_bits != 0 ? hl.lane_bits : w_bits, hl.bias_bits);
        std::vector<uint64_t> bias(static_cast<size_t>(rows));
        for (auto& b : bias)
            b = rng() & (code_bits == 32 ? 0xffffffffull : (1ull << code_bits) - 1);
        const int bias_vectors = (rows + width - 1) / width;
        for (int v = bias_vectors - 1; v >= 0; --v) {
            Token t{0,
                    1,
                    uint64_t(v),
                    uint64_t(bias_vectors),
                    uint64_t(rows),
                    v == bias_vectors - 1,
                    false,
                    std::vector<uint64_t>(size_t(width), 0)};
            for (int j = 0; j < width && v * width + j < rows; ++j)
                t.data[size_t(j)] = bias[size_t(v * width + j)];
            toks.push_front(t);
        }
        // push_front reversed them: vector 0 first, the last one carries last_vec
        auto bias_code = [&](int channel) { return bias[size_t(channel)]; };
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
        // The drain's order: (row, column); lane i of a beat carries the next entry.
        std::deque<std::pair<int, int>> want;
        for (int r = 0; r < rows; ++r)
            for (int n = 0; n < L; ++n) want.emplace_back(r, n);
        for (int guard = 0; guard < 100000 && !want.empty(); ++guard) {
            const bool offer = !toks.empty() && rng() % 4 != 0;  // random bubbles
            m.in_valid_i = offer;
            if (offer) {
                const Token& t = toks.front();
                put(m.in_tok_i, tok::kType.lsb, tok::kType.bits, t.type);
                put(m.in_tok_i, tok::kSlot.lsb, tok::kSlot.bits, t.slot);
                put(m.in_tok_i, tok::kVec.lsb, tok::kVec.bits, t.vec);
                put(m.in_tok_i, tok::kLen.lsb, tok::kLen.bits, t.len);
                put(m.in_tok_i, tok::kIndex.lsb, tok::kIndex.bits, t.index);
                put(m.in_tok_i, tok::kValues.lsb, tok::kValues.bits, uint64_t(width));
                put(m.in_tok_i, tok::kLastVec.lsb, 1, t.last_vec);
                put(m.in_tok_i, tok::kLastBlock.lsb, 1, t.last_block);
                for (int c = 0; c < width; ++c)
                    put(m.in_tok_i, tok::kDataLsb + c * hl.tok_lane_bits, hl.tok_lane_bits,
                        t.type == 0 ? t.data[size_t(c)]
                                    : t.data[size_t(c)] & ((ob == 64) ? ~0ull : (1ull << ob) - 1));
            }
            m.dr_ready_i = rng() % 3 != 0;
            const bool in_fire = offer && m.in_ready_o;
            if (m.dr_valid_o && m.dr_ready_i) {
                const int count =
                    int(get(m.dr_beat_o, hw::beat::kCount.lsb, hw::beat::kCount.bits));
                log.check(
                    count == std::min<int>(lanes, int(want.size())),
                    fmt::format("layer {}: beat of {} values, {} left", layer, count, want.size()));
                for (int i = 0; i < count && !want.empty(); ++i) {
                    const auto [r, n] = want.front();
                    want.pop_front();
                    const uint64_t got =
                        get(m.dr_beat_o, hw::beat::kValuesLsb + i * hl.val_bits, sb);
                    const uint64_t ref = ar.add(tree(0, r, n), tree(1, r, n));
                    log.check(got == ref, fmt::format("layer {} row {} n {}: rtl {:x}, ref {:x}",
                                                      layer, r, n, got, ref));
                    const uint64_t b =
                        get(m.dr_beat_o, int(hl.beat_bias_lsb) + i * hl.bias_bits, hl.bias_bits);
                    log.check(b == bias_code(r),
                              fmt::format("layer {} row {} bias code ({} bits): rtl {:x}, ref {:x}",
                                          layer, r, code_bits, b, bias_code(r)));
                }
                log.check(get(m.dr_beat_o, hw::beat::kLast.lsb, 1) == want.empty(),
                          fmt::format("layer {}: last bit with {} left", layer, want.size()));
            }
            if (in_fire) toks.pop_front();
            tick(m);
        }
        m.in_valid_i = 0;
        m.dr_ready_i = 0;
        REQUIRE(want.empty());
        REQUIRE(toks.empty());
        for (int i = 0; i < 4; ++i) tick(m);
        CHECK(!m.busy_o);
    }
    return log;
}

}  // namespace

TEST_CASE(
    "generated fixed array unit: fill, stream, accumulate and drain with bias codes match the "
    "reference",
    "[xcheck]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    VerilatedContext ctx;
    Varray_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 8);
    const MismatchLog log = run_array(m, cfg, fixed_arith(cfg), rng, 30);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 4000);
}

TEST_CASE(
    "generated fp32 array unit: fill, stream, accumulate and drain with bias codes match the "
    "reference",
    "[xcheck]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_8x8_fp32.yaml");
    VerilatedContext ctx;
    Varray_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 9);
    const MismatchLog log = run_array(m, cfg, fp32_arith(), rng, 20);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 6000);
}
