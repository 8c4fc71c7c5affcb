// Point expansion: cartesian product, zipped axes, constraint filtering, seeded sampling.
#include <catch2/catch.hpp>

#include <set>

#include "spec/point_expansion.h"
#include "sweep_test_util.h"

using namespace edgesa;
using edgesa::test::sweep_data;

namespace {

sweep::SweepSpec spec_of(const std::string& body) {
    return sweep::parse_sweep_spec_text(
        "base_config: small_base.yaml\n"
        "workloads:\n"
        "  - trace: tiny.trace\n"
        "  - {name: other, trace: tiny.trace}\n" +
            body,
        sweep_data("inline.yaml"));
}

std::string value_of(const sweep::SweepPoint& p, const std::string& key) {
    for (const auto& [k, v] : p.params)
        if (k == key) return v;
    return "";
}

}  // namespace

TEST_CASE("expansion: workloads x cartesian product with the last axis fastest",
          "[sweep][expansion]") {
    const auto e =
        sweep::expand_points(spec_of("axes:\n"
                                     "  - {param: array.rows, values: [8, 16, 32]}\n"
                                     "  - {param: array.width, values: [16, 32]}\n"));
    REQUIRE(e.points.size() == 2 * 3 * 2);
    CHECK(e.total == 12);
    CHECK(value_of(e.points[0], "rows") == "8");
    CHECK(value_of(e.points[0], "width") == "16");
    CHECK(value_of(e.points[1], "width") == "32");
    CHECK(value_of(e.points[2], "rows") == "16");
    CHECK(e.points[6].workload == 1);
    std::set<std::string> combos;
    for (const auto& p : e.points)
        combos.insert(std::to_string(p.workload) + value_of(p, "rows") + "x" +
                      value_of(p, "width"));
    CHECK(combos.size() == 12);
    CHECK(e.points[5].config_overrides ==
          sweep::KeyValues{{"array.rows", "32"}, {"array.width", "32"}});
}

TEST_CASE("expansion: zipped axes move together", "[sweep][expansion]") {
    const auto e =
        sweep::expand_points(spec_of("axes:\n"
                                     "  - zip:\n"
                                     "      - {param: clock.mhz, values: [100, 800]}\n"
                                     "      - {param: dram.bandwidth_gbps, values: [3.73, 12.8]}\n"
                                     "  - {param: array.rows, values: [8, 16]}\n"));
    REQUIRE(e.points.size() == 2 * 2 * 2);
    for (const auto& p : e.points)
        CHECK((value_of(p, "mhz") == "100") == (value_of(p, "bandwidth_gbps") == "3.73"));
}

TEST_CASE("expansion: constraints drop exactly the points that break them",
          "[sweep][expansion][constraints]") {
    const auto e =
        sweep::expand_points(spec_of("axes:\n"
                                     "  - {param: array.rows, values: [8, 16, 32, 64]}\n"
                                     "  - {param: array.width, values: [16, 32, 64]}\n"
                                     "constraints:\n"
                                     "  - rows * width <= 1024\n"
                                     "  - workload == \"tiny\" || rows == 8\n"));
    // tiny: (rows, width) with rows*width <= 1024: 8x{16,32,64}, 16x{16,32,64}, 32x{16,32}, 64x16 =
    // 9 other: only rows == 8: 8x{16,32,64} = 3
    CHECK(e.total == 24);
    CHECK(e.points.size() == 12);
    CHECK(e.dropped_by_constraints == 12);
    for (const auto& p : e.points) {
        CHECK(std::stoi(value_of(p, "rows")) * std::stoi(value_of(p, "width")) <= 1024);
        if (p.workload == 1) CHECK(value_of(p, "rows") == "8");
    }
}

TEST_CASE("expansion: constraints may use config keys that are not swept",
          "[sweep][expansion][constraints]") {
    // small_base.yaml has array.buffer_depth 4.
    const auto e =
        sweep::expand_points(spec_of("axes:\n"
                                     "  - {param: array.rows, values: [2, 4, 8]}\n"
                                     "constraints:\n"
                                     "  - rows >= array.buffer_depth\n"));
    CHECK(e.points.size() == 2 * 2);
}

TEST_CASE("expansion: seeded sampling is reproducible and depends on the seed",
          "[sweep][expansion][sampling]") {
    const std::string axes =
        "axes:\n"
        "  - {param: array.rows, range: {from: 1, to: 64, step: 1}}\n"
        "  - {param: array.buffer_depth, values: [1, 2, 4, 8]}\n";
    auto ids = [](const sweep::Expansion& e) {
        std::vector<int64_t> s;
        for (const auto& p : e.points) s.push_back(p.seq);
        return s;
    };
    const auto a = sweep::expand_points(spec_of(axes + "sample: {count: 10, seed: 7}\n"));
    const auto b = sweep::expand_points(spec_of(axes + "sample: {count: 10, seed: 7}\n"));
    const auto c = sweep::expand_points(spec_of(axes + "sample: {count: 10, seed: 8}\n"));
    REQUIRE(a.points.size() == 10);
    CHECK(ids(a) == ids(b));
    CHECK(ids(a) != ids(c));
    const std::vector<int64_t> seqs = ids(a);
    CHECK(std::is_sorted(seqs.begin(), seqs.end()));
    CHECK(std::set<int64_t>(seqs.begin(), seqs.end()).size() == 10);
    const auto all = sweep::expand_points(spec_of(axes + "sample: {count: 1000, seed: 7}\n"));
    CHECK(all.points.size() == 2 * 64 * 4);
}

TEST_CASE("expansion: an axis can vary the storage formats the hardware has (storage.*)",
          "[sweep][expansion]") {
    const auto e = sweep::expand_points(
        spec_of("axes:\n"
                "  - zip:\n"
                "      - {param: storage.kinds, values: [fixed, \"fp32,custom,fixed\"]}\n"
                "      - {param: storage.lane_bits, values: [32, 0]}\n"));
    REQUIRE(e.points.size() == 2 * 2);
    CHECK(e.points[0].config_overrides ==
          sweep::KeyValues{{"storage.kinds", "fixed"}, {"storage.lane_bits", "32"}});
    CHECK(e.points[1].config_overrides ==
          sweep::KeyValues{{"storage.kinds", "fp32,custom,fixed"}, {"storage.lane_bits", "0"}});
}

TEST_CASE("expansion: an axis can vary the activation functions the hardware has",
          "[sweep][expansion]") {
    const auto e = sweep::expand_points(
        spec_of("axes:\n"
                "  - {param: act_pool.functions, values: [\"relu, relu6\", \"relu, relu6, "
                "sigmoid, tanh\"]}\n"));
    REQUIRE(e.points.size() == 2 * 2);
    CHECK(e.points[0].config_overrides == sweep::KeyValues{{"act_pool.functions", "relu, relu6"}});
    CHECK(e.points[1].config_overrides ==
          sweep::KeyValues{{"act_pool.functions", "relu, relu6, sigmoid, tanh"}});
}

TEST_CASE("expansion: an axis can vary the pooling operations the hardware has (act_pool.ops)",
          "[sweep][expansion]") {
    const auto e = sweep::expand_points(spec_of(
        "axes:\n"
        "  - {param: act_pool.ops, values: [\"max_pool\", \"max_pool, avg_pool, add\"]}\n"));
    REQUIRE(e.points.size() == 2 * 2);
    CHECK(e.points[0].config_overrides == sweep::KeyValues{{"act_pool.ops", "max_pool"}});
    CHECK(e.points[1].config_overrides ==
          sweep::KeyValues{{"act_pool.ops", "max_pool, avg_pool, add"}});
}
