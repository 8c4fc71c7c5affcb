// The generated adder trees (fp32 from configs/rtl_8x8_fp32.yaml, fixed from
// configs/rtl_4x4_q3.13.yaml) against the reduction order of docs/numerics.md built from
// fp32::add / FixedDatapath::add, with random bubbles on valid_i; the result must appear exactly
// derived.tree_stages edges after its input, never earlier or later.
#include <catch2/catch.hpp>

#include <map>

#include "Vtree_fixed.h"
#include "Vtree_fp32.h"
#include "config/loader.h"
#include "gen_test_util.h"
#include "numerics/fp32.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

// Balanced binary reduction: level 0 adds (2i, 2i+1), level j neighbours of level j-1.
template <class T, class Add>
T reduce(std::vector<T> v, Add add) {
    while (v.size() > 1) {
        std::vector<T> next;
        for (size_t i = 0; i + 1 < v.size(); i += 2) next.push_back(add(v[i], v[i + 1]));
        v = next;
    }
    return v[0];
}

// Drives `cycles` cycles with valid_i high `valid_pct`% of the time. `make` fills the operand
// bus for one input and returns the expected sum; `sum` reads sum_o.
template <class M, class Make, class Sum>
MismatchLog run_tree(M& m, int latency, int cycles, int valid_pct, std::mt19937_64& rng, Make make,
                     Sum sum) {
    MismatchLog log;
    m.clk_i = 0;
    m.rst_ni = 1;
    m.eval();
    m.rst_ni = 0;  // a falling edge: the async reset
    m.eval();
    m.rst_ni = 1;
    std::map<int, uint64_t> expect_at;  // edge after which valid_o must show this sum
    for (int c = 0; c < cycles; ++c) {
        const bool v = int(rng() % 100) < valid_pct;
        m.valid_i = v;
        if (v) expect_at[c + latency - 1] = make(m);
        tick(m);
        const auto it = expect_at.find(c);
        log.check(bool(m.valid_o) == (it != expect_at.end()),
                  fmt::format("edge {}: valid_o = {}, expected {}", c, int(m.valid_o),
                              it != expect_at.end()));
        if (it != expect_at.end()) {
            log.check(sum(m) == it->second,
                      fmt::format("edge {}: rtl {:x}, ref {:x}", c, sum(m), it->second));
            expect_at.erase(it);
        }
    }
    return log;
}

}  // namespace

TEST_CASE("generated fp32 adder tree equals the reference reduction with the configured latency",
          "[xcheck][cycle]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_8x8_fp32.yaml");
    REQUIRE(cfg.array.width == 8);
    VerilatedContext ctx;
    Vtree_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 6);
    auto make = [&rng](Vtree_fp32& t) {
        std::vector<uint32_t> p(8);
        for (int i = 0; i < 8; ++i) {
            // products of similar magnitude (cancellation) or anything
            p[size_t(i)] =
                rng() % 2 ? fp32_with_exp(rng, 120 + uint32_t(rng() % 8)) : fp32_any(rng);
            t.operands_i[i] = p[size_t(i)];
        }
        return uint64_t(reduce(p, [](uint32_t a, uint32_t b) {
            return fp32::bits(fp32::add(fp32::from_bits(a), fp32::from_bits(b)));
        }));
    };
    const MismatchLog log = run_tree(m, cfg.derived.tree_stages, 120000, 85, rng, make,
                                     [](Vtree_fp32& t) { return uint64_t(t.sum_o); });
    INFO("tree_stages = " << cfg.derived.tree_stages << ": " << log.str());
    REQUIRE(log.mismatches == 0);
}

TEST_CASE(
    "generated fixed adder tree equals the saturating reference reduction with the configured "
    "latency",
    "[xcheck][cycle]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    REQUIRE(cfg.array.width == 4);
    const FixedDatapath dp = cfg.derived.fixed;
    const int pb = dp.product_bits, ab = dp.accumulator_bits;
    REQUIRE(pb == 32);
    REQUIRE(ab == 32);
    VerilatedContext ctx;
    Vtree_fixed m{&ctx};
    std::mt19937_64 rng(test_seed() + 7);
    uint64_t saturated = 0;
    auto make = [&](Vtree_fixed& t) {
        std::vector<int64_t> p(4);
        for (int i = 0; i < 4; ++i) {
            const int64_t hi = (int64_t(1) << (pb - 1)) - 1;
            int64_t v = int64_t(int32_t(uint32_t(rng())));
            if (rng() % 4 == 0)
                v = (rng() % 2) ? hi - int64_t(rng() % 4) : -hi - 1 + int64_t(rng() % 4);
            p[size_t(i)] = v;
            t.operands_i[i] = uint32_t(v);
        }
        int64_t plain = 0;
        for (int64_t v : p) plain += v;
        const int64_t r = reduce(p, [&](int64_t a, int64_t b) { return dp.add(a, b); });
        if (r != plain) ++saturated;
        return uint64_t(uint32_t(r));
    };
    const MismatchLog log = run_tree(m, cfg.derived.tree_stages, 120000, 85, rng, make,
                                     [](Vtree_fixed& t) { return uint64_t(t.sum_o); });
    INFO("tree_stages = " << cfg.derived.tree_stages << ": " << log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(saturated > 1000);
}
