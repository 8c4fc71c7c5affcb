// The SystemC side of `edgesa verify`: isolated layer runs (sim's isolate_layer, preset_outputs
// and event capture hooks), each in its own forked process.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../run_cli.h"
#include "config/loader.h"
#include "sc_side.h"
#include "trace/trace_io.h"

using namespace edgesa;
using namespace edgesa::verify;

namespace {

std::string work_dir() {
    const std::string d = "/tmp/edgesa_verify_sc_" + std::to_string(::getpid());
    std::filesystem::create_directories(d);
    return d;
}

// The requests of one side cover [base, base + bursts*burst) without a gap, in order.
uint64_t contiguous_bursts(const std::vector<sim::MemEvent>& ev, uint64_t base, uint64_t burst) {
    uint64_t next = base, total = 0;
    uint64_t last_cycle = 0;
    for (const auto& e : ev) {
        REQUIRE(e.addr == next);
        REQUIRE(e.cycle >= last_cycle);
        last_cycle = e.cycle;
        next += uint64_t(e.bursts) * burst;
        total += e.bursts;
    }
    return total;
}

}  // namespace

TEST_CASE(
    "isolated SystemC layer runs start at cycle 0, read the whole image and write every output "
    "once",
    "[verify][xcheck]") {
    const std::string trace = test::source_dir() + "/tests/data/verify/residual_add.yaml";
    const std::string config = test::source_dir() + "/configs/rtl_8x8_fp32.yaml";
    const Network net = read_trace_file(trace);
    const AccelConfig cfg = load_config_file(config);
    const sim::Program prog = sim::Program::build(net, cfg);
    const std::string dir = work_dir();
    const Tensors full = sc_full_run(net, cfg, prog);
    REQUIRE(full.size() == 2);
    const uint64_t burst = uint64_t(cfg.dram.burst_bytes);

    for (int layer : {0, 1}) {  // the conv, then the add of its output and the network input
        INFO("layer " << prog.layers[size_t(layer)].name);
        const ScLayerRun r = sc_layer_run(net, cfg, prog, layer, full, 0x10000, 0x40000, "");
        CHECK(r.start_cycle == 0);
        const uint64_t n = uint64_t(net.layers[size_t(layer)].out.elements());
        REQUIRE(r.write_order.size() == n);
        std::vector<uint32_t> sorted = r.write_order;
        std::sort(sorted.begin(), sorted.end());
        std::vector<uint32_t> all(n);
        std::iota(all.begin(), all.end(), 0u);
        CHECK(sorted == all);
        for (size_t i = 0; i < n; ++i) REQUIRE(r.codes[i] == full[size_t(layer)][r.write_order[i]]);
        const uint64_t image = prog.layers[size_t(layer)].image_bytes;
        CHECK(contiguous_bursts(r.reads, 0x10000, burst) == (image + burst - 1) / burst);
        const uint64_t out_bytes = packed_bytes(n, net.layers[size_t(layer)].out_format.bits());
        CHECK(contiguous_bursts(r.writes, 0x40000, burst) == (out_bytes + burst - 1) / burst);
        REQUIRE(!r.writes.empty());
        CHECK(r.end_cycle > r.writes.back().cycle);
        CHECK(r.reads.front().cycle == 0);
    }

    // The first layer starts at cycle 0 of the full run on an idle device too, so its isolated
    // run takes exactly the full run's cycles (`edgesa run`, a separate process).
    const std::string json = dir + "/run.json";
    const auto cli = test::run_edgesa("run --config " + config + " --workload " + trace +
                                      " --mode functional --json " + json);
    REQUIRE(cli.exit_code == 0);
    const auto rep = nlohmann::json::parse(test::slurp_file(json));
    const ScLayerRun conv = sc_layer_run(net, cfg, prog, 0, full, 0, 0x40000, "");
    CHECK(conv.end_cycle == rep["layers"][0]["end_cycle"].get<uint64_t>());
    std::filesystem::remove_all(dir);
}

TEST_CASE("an isolated layer reads its producers' values from the preset outputs",
          "[verify][xcheck]") {
    const std::string trace = test::source_dir() + "/tests/data/verify/residual_add.yaml";
    const Network net = read_trace_file(trace);
    const AccelConfig cfg = load_config_file(test::source_dir() + "/configs/rtl_8x8_fp32.yaml");
    const sim::Program prog = sim::Program::build(net, cfg);
    Tensors full = sc_full_run(net, cfg, prog);
    const ScLayerRun a = sc_layer_run(net, cfg, prog, 1, full, 0, 0x40000, "");
    for (auto& v : full[0]) v = 0;  // the add now sees conv = +0: its output is the input alone
    const ScLayerRun b = sc_layer_run(net, cfg, prog, 1, full, 0, 0x40000, "");
    CHECK(a.end_cycle == b.end_cycle);  // values never change the timing
    CHECK(a.codes != b.codes);
}
