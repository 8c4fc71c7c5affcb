// Analytical bounds: simulated cycles never beat the compute bound (MACs / (rows * width)) or the
// bandwidth bound (DRAM bytes / bytes per cycle), and on large regular layers they come within a
// small documented margin of the larger one (docs/performance.md). Also: compression and weight
// buffers change what they should.
#include <algorithm>
#include <iostream>

#include <catch2/catch.hpp>

#include "sim_cli.h"
#include "sim_fixtures.h"

using namespace edgesa;
using edgesa::test::run_sim;

namespace {

struct Bounds {
    double compute, bandwidth, cycles;
};

Bounds bounds(const nlohmann::json& j, const nlohmann::json& layer) {
    const double peak = j["config"]["derived"]["peak_macs_per_cycle"].get<double>();
    const double bpc = j["config"]["derived"]["dram_bytes_per_cycle"].get<double>();
    const double bytes =
        layer["dram_read_bytes"].get<double>() + layer["dram_write_bytes"].get<double>();
    return {layer["macs"].get<double>() / peak, bytes / bpc, layer["cycles"].get<double>()};
}

// The seed design with buffers sized so the bounds are reachable: a read FIFO that covers the
// DRAM latency, a deep accumulator to amortise refills and a drain as wide as a tree.
const std::vector<std::string> kBalanced = {"fifo.read_depth=1024", "dram.max_outstanding=64",
                                            "accumulator.depth=8192", "act_pool.lanes=64",
                                            "compressor.engines=64"};
constexpr double kMargin = 0.10;  // documented in docs/performance.md

}  // namespace

TEST_CASE("every AlexNet layer respects the compute and bandwidth bounds", "[analytical]") {
    const std::string json = test::temp_path("alexnet.json");
    const auto r = test::run_edgesa("run --config " + test::seed_config() +
                                    " --workload alexnet --json " + json);
    REQUIRE(r.exit_code == 0);
    const auto a = nlohmann::json::parse(test::slurp_file(json));
    std::remove(json.c_str());
    for (const auto& l : a["layers"]) {
        if (l["cycles"].get<uint64_t>() == 0) continue;
        const Bounds b = bounds(a, l);
        std::cout << l["name"].get<std::string>() << ": cycles " << b.cycles << ", compute bound "
                  << b.compute << ", bandwidth bound " << b.bandwidth
                  << ", deviation from the larger "
                  << (b.cycles / std::max(b.compute, b.bandwidth) - 1) * 100 << "%\n";
        INFO(l["name"]);
        CHECK(b.cycles >= b.compute);
        CHECK(b.cycles >= b.bandwidth);
    }
}

TEST_CASE("a large compute-bound conv runs within the margin of the compute bound",
          "[analytical]") {
    const Network net = test::one_layer(
        test::conv("c", "input", {256, 56, 56}, 256, 3, 1, 1, "q3.13", "q3.13"), "q3.13");
    const auto j = run_sim(net, kBalanced);
    const Bounds b = bounds(j, j["layers"][0]);
    const double dev = b.cycles / std::max(b.compute, b.bandwidth) - 1;
    std::cout << "conv 256x56x56 3x3: cycles " << b.cycles << ", compute bound " << b.compute
              << ", bandwidth bound " << b.bandwidth << ", deviation " << dev * 100 << "%\n";
    CHECK(b.compute > b.bandwidth);
    CHECK(b.cycles >= b.compute);
    CHECK(dev <= kMargin);
}

TEST_CASE("a large bandwidth-bound fc runs within the margin of the bandwidth bound",
          "[analytical]") {
    const Network net = test::one_layer(test::fc("f", "input", {4096, 1, 1}, 1024, "fp32", "fp32"));
    const auto j = run_sim(net, kBalanced);
    const Bounds b = bounds(j, j["layers"][0]);
    const double dev = b.cycles / std::max(b.compute, b.bandwidth) - 1;
    std::cout << "fc 4096x1024 fp32: cycles " << b.cycles << ", compute bound " << b.compute
              << ", bandwidth bound " << b.bandwidth << ", deviation " << dev * 100 << "%\n";
    CHECK(b.bandwidth > b.compute);
    CHECK(b.cycles >= b.bandwidth);
    CHECK(dev <= kMargin);
}

TEST_CASE(
    "8-bit weight storage makes a bandwidth-bound layer faster than fp32, and the bytes show why",
    "[analytical]") {
    const auto f32 =
        run_sim(test::one_layer(test::fc("f", "input", {4096, 1, 1}, 1024, "fp32")), kBalanced);
    const auto f8 =
        run_sim(test::one_layer(test::fc("f", "input", {4096, 1, 1}, 1024, "e4m3b7")), kBalanced);
    const double c32 = f32["totals"]["cycles"].get<double>(),
                 c8 = f8["totals"]["cycles"].get<double>();
    const auto& w32 = f32["layers"][0]["tensors"]["weights"];
    const auto& w8 = f8["layers"][0]["tensors"]["weights"];
    std::cout << "fp32 weights: " << c32 << " cycles, " << w32["bytes"]
              << " weight bytes; e4m3b7: " << c8 << " cycles, " << w8["bytes"] << " weight bytes\n";
    CHECK(c8 < 0.5 * c32);
    CHECK(w8["bytes"].get<uint64_t>() * 4 == w32["bytes"].get<uint64_t>());
    CHECK(f8["totals"]["dram_bytes_saved_by_compression"].get<uint64_t>() >=
          3 * w8["bytes"].get<uint64_t>());
    CHECK(f32["totals"]["dram_read_bytes"].get<uint64_t>() >
          3 * f8["totals"]["dram_read_bytes"].get<uint64_t>());
}

TEST_CASE("weight buffers deeper than 1 remove the refills depth 1 needs", "[analytical]") {
    // K = 128 -> KB = 2, R = 64*9 = 576 -> RB = 18: 36 blocks; N = 56*56 in tiles of 512.
    const Network net = test::one_layer(
        test::conv("c", "input", {64, 56, 56}, 128, 3, 1, 1, "q3.13", "q3.13"), "q3.13");
    const auto d1 = run_sim(net, {"array.buffer_depth=1", "accumulator.depth=512"});
    const auto d64 = run_sim(net, {"array.buffer_depth=64", "accumulator.depth=512"});
    const auto& l1 = d1["layers"][0];
    const auto& l64 = d64["layers"][0];
    std::cout << "depth 1: " << l1["weight_fills"] << " fills, " << l1["fill_vectors"]
              << " fill vectors, " << l1["cycles"] << " cycles; depth 64: " << l64["weight_fills"]
              << " fills, " << l64["fill_vectors"] << " fill vectors, " << l64["cycles"]
              << " cycles\n";
    CHECK(l64["weight_fills"].get<uint64_t>() == 36);  // every block once
    CHECK(l1["weight_fills"].get<uint64_t>() > 36);
    CHECK(l1["fill_vectors"].get<uint64_t>() > l64["fill_vectors"].get<uint64_t>());
    CHECK(l1["stall_cycles"]["weight_fill"].get<uint64_t>() >
          l64["stall_cycles"]["weight_fill"].get<uint64_t>());
    CHECK(l1["cycles"].get<uint64_t>() > l64["cycles"].get<uint64_t>());
}
