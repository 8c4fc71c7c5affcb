// The two schedulers (docs/architecture.md, "Schedulers") give identical results: the default
// clock process (every unit's tick() in one process, many edges per kernel activation, quiet
// units left out, idle skipping) and `--scheduler per-unit` (one SC_METHOD per unit on the
// clock edge, registers committed in the next delta cycle, every unit at every edge, no
// skipping). Every layer's JSON (cycles, probes, stalls, bytes and, in functional mode, the
// output digest), every counter and the totals must agree, on conv, pooling, a residual add and
// fc, on one and two devices.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim_cli.h"
#include "sim_fixtures.h"

using namespace edgesa;
using edgesa::test::run_sim;

namespace {

void check_identical(const Network& net, const std::vector<std::string>& sets,
                     const std::string& mode) {
    const auto clock = run_sim(net, sets, test::seed_config(), "--mode " + mode);
    const auto units =
        run_sim(net, sets, test::seed_config(), "--mode " + mode + " --scheduler per-unit");
    REQUIRE(units["simulator"]["skipped_edges"] == 0);
    REQUIRE(units["layers"].size() == net.layers.size());
    REQUIRE(clock["layers"].size() == net.layers.size());
    for (size_t i = 0; i < net.layers.size(); ++i) {
        INFO("layer " << net.layers[i].name);
        CHECK(units["layers"][i]["end_cycle"] == clock["layers"][i]["end_cycle"]);
        if (mode == "functional") {
            REQUIRE(units["layers"][i].contains("output_hash"));
            CHECK(units["layers"][i]["output_hash"] == clock["layers"][i]["output_hash"]);
        }
        CHECK(units["layers"][i].dump() == clock["layers"][i].dump());
    }
    CHECK(units["stats"].dump() == clock["stats"].dump());
    CHECK(units["totals"].dump() == clock["totals"].dump());
    CHECK(units["totals"]["cycles"].get<uint64_t>() > 0);
}

}  // namespace

TEST_CASE("the per-unit scheduler equals the clock process: conv, pooling, add, fc",
          "[scheduler]") {
    for (const char* mode : {"timing", "functional"}) {
        INFO(mode);
        check_identical(test::residual_mix(10, 0), {}, mode);
        check_identical(test::residual_mix(10, 0),
                        {"array.buffer_depth=1", "dram.bandwidth_gbps=0.2"}, mode);
    }
}

TEST_CASE("the per-unit scheduler equals the clock process on two devices with a link",
          "[scheduler]") {
    const std::vector<std::string> sets = {"system.devices=2", "system.link_latency_ms=0.01",
                                           "system.link_mbps=100"};
    for (const char* mode : {"timing", "functional"}) {
        INFO(mode);
        check_identical(test::residual_mix(10, 1), sets, mode);
    }
}

TEST_CASE("edgesa run --scheduler with an unknown name is an input error naming the option",
          "[smoke]") {
    const auto r = test::run_edgesa("run --config " + test::seed_config() +
                                    " --workload lenet5 --scheduler threads");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--scheduler") != std::string::npos);
    CHECK(r.err.find("must be clock or per-unit") != std::string::npos);
}
