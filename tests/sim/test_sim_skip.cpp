// Idle skipping (docs/architecture.md, "Idle skipping") is exact: every network below runs with
// skipping on (the default) and with `--no-skip` (every edge stepped), and the two --json reports
// must agree on every per-layer cycle, probe and byte count, every counter and, in functional
// mode, every layer's output digest. Each case also requires that skipping actually happened, so
// the comparison cannot pass by never skipping.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim_cli.h"
#include "sim_fixtures.h"

using namespace edgesa;
using edgesa::test::run_sim;

namespace {

// Runs `net` both ways and compares the reports; returns the skipped fraction of all edges.
double check_identical(const Network& net, const std::vector<std::string>& sets,
                       const std::string& mode) {
    const auto skip = run_sim(net, sets, test::seed_config(), "--mode " + mode);
    const auto step = run_sim(net, sets, test::seed_config(), "--mode " + mode + " --no-skip");
    REQUIRE(step["simulator"]["skipped_edges"] == 0);
    const uint64_t skipped = skip["simulator"]["skipped_edges"].get<uint64_t>();
    const uint64_t cycles = step["totals"]["cycles"].get<uint64_t>();
    REQUIRE(skip["layers"].size() == net.layers.size());
    for (size_t i = 0; i < net.layers.size(); ++i) {
        INFO("layer " << net.layers[i].name);
        CHECK(skip["layers"][i]["start_cycle"] == step["layers"][i]["start_cycle"]);
        CHECK(skip["layers"][i]["end_cycle"] == step["layers"][i]["end_cycle"]);
        if (mode == "functional") {
            REQUIRE(step["layers"][i].contains("output_hash"));
            CHECK(skip["layers"][i]["output_hash"] == step["layers"][i]["output_hash"]);
        }
        CHECK(skip["layers"][i].dump() == step["layers"][i].dump());  // probes, stalls, bytes, ...
    }
    CHECK(skip["stats"].dump() == step["stats"].dump());  // every counter of every unit
    CHECK(skip["totals"].dump() == step["totals"].dump());
    CHECK(skipped > 0);
    CHECK(skipped < cycles);
    return double(skipped) / double(cycles);
}

}  // namespace

TEST_CASE("idle skipping is exact: conv, pooling, residual add, fc, buffer depth 4 and 1",
          "[skip]") {
    for (const char* mode : {"timing", "functional"}) {
        INFO(mode);
        check_identical(test::residual_mix(12), {}, mode);
        check_identical(test::residual_mix(12), {"array.buffer_depth=1", "accumulator.depth=16"},
                        mode);
    }
}

TEST_CASE("idle skipping is exact under tight DRAM bandwidth and long latency", "[skip]") {
    // 0.2 GB/s = 2 B per cycle at 100 MHz and 400 ns = 40 cycles: the units mostly wait for DRAM.
    const double f = check_identical(test::residual_mix(12),
                                     {"dram.bandwidth_gbps=0.2", "dram.latency_ns=400"}, "timing");
    CHECK(f > 0.3);
    check_identical(test::residual_mix(12),
                    {"dram.bandwidth_gbps=0.2", "dram.latency_ns=400", "array.buffer_depth=1"},
                    "functional");
}

TEST_CASE("idle skipping is exact across devices: the link wait is skipped in one jump", "[skip]") {
    // fc on device 1 waits for add's output to cross the link (0.05 ms = 5,000 cycles + bytes).
    const std::vector<std::string> sets = {"system.devices=2", "system.link_latency_ms=0.05",
                                           "system.link_mbps=100"};
    for (const char* mode : {"timing", "functional"}) {
        INFO(mode);
        const double f = check_identical(test::residual_mix(12, 1), sets, mode);
        CHECK(f > 0.5);  // the link wait dominates the run
    }
}
