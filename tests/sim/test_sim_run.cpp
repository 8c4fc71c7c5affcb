// `edgesa run` end to end: the JSON contract, determinism, multi-device splits, bad input.
#include <set>

#include <catch2/catch.hpp>

#include "sim_cli.h"
#include "sim_fixtures.h"

using namespace edgesa;
using edgesa::test::run_sim;

namespace {
Network two_fc(int dev_a, int dev_b) {
    Network n;
    n.name = "two";
    n.input = {256, 1, 1};
    n.input_format = test::fmt("fp32");
    n.layers.push_back(test::fc("f1", "input", {256, 1, 1}, 512));
    n.layers.push_back(test::fc("f2", "f1", {512, 1, 1}, 128));
    n.layers[0].device = dev_a;
    n.layers[1].device = dev_b;
    return n;
}
}  // namespace

TEST_CASE("run --json follows the contract", "[smoke]") {
    const auto j = run_sim(two_fc(0, 0), {});
    for (const char* k : {"edgesa_version", "config_hash", "workload_hash", "mode", "workload",
                          "config", "totals", "layers", "stats"})
        CHECK(j.contains(k));
    CHECK(j["config_hash"].get<std::string>().size() == 16);
    CHECK(j["workload_hash"].get<std::string>().size() == 16);
    CHECK(j["mode"] == "timing");
    const auto& t = j["totals"];
    for (const char* k : {"cycles", "time_ms", "macs", "utilization", "energy_pj",
                          "dram_read_bytes", "dram_write_bytes", "dram_bytes_saved_by_compression"})
        CHECK(t.contains(k));
    for (const char* k : {"memory", "weight_fill", "decompressor", "writeback"})
        CHECK(t["stall_cycles"].contains(k));
    REQUIRE(j["layers"].size() == 2);
    for (const auto& l : j["layers"])
        for (const char* k :
             {"name", "type", "device", "branch", "start_cycle", "end_cycle", "cycles", "macs",
              "utilization", "dram_read_bytes", "dram_write_bytes", "energy_pj", "stall_cycles"})
            CHECK(l.contains(k));
    CHECK(t["macs"].get<uint64_t>() == 256 * 512 + 512 * 128);
    CHECK(t["utilization"].get<double>() > 0);
    CHECK(t["utilization"].get<double>() <= 1);
    CHECK(t["energy_pj"].get<double>() > 0);
    // Every stat leaf has a value, a unit and a description.
    const auto& dram = j["stats"]["dev0"]["dram"]["read_bursts"];
    CHECK(dram.contains("value"));
    CHECK(dram["unit"] == "bursts");
    CHECK_FALSE(dram["description"].get<std::string>().empty());
    // The second layer waits for the first one's write-back.
    CHECK(j["layers"][1]["start_cycle"].get<uint64_t>() >
          j["layers"][0]["end_cycle"].get<uint64_t>() - 1);
}

TEST_CASE("the same run twice gives identical output", "[smoke]") {
    const auto a = run_sim(two_fc(0, 0), {});
    const auto b = run_sim(two_fc(0, 0), {});
    auto strip = [](nlohmann::json j) {
        j.erase("workload");  // temp file names differ
        return j.dump();
    };
    CHECK(strip(a) == strip(b));
}

TEST_CASE("a split over two devices waits for the link: latency + bytes / bandwidth", "[smoke]") {
    const std::vector<std::string> sets = {"system.devices=2", "system.link_latency_ms=0.05",
                                           "system.link_mbps=100"};
    const auto j = run_sim(two_fc(0, 1), sets);
    const auto& f1 = j["layers"][0];
    const auto& f2 = j["layers"][1];
    CHECK(f2["device"] == 1);
    // f1's output: 512 fp32 = 2048 bytes; 100 Mb/s at 100 MHz = 8 cycles per byte; 0.05 ms = 5000
    // cycles.
    const uint64_t link = 2048 * 8 + 5000;
    CHECK(f2["start_cycle"].get<uint64_t>() == f1["end_cycle"].get<uint64_t>() + link);
    CHECK(j["stats"]["system"]["link"]["bytes"]["value"] == 2048);
    // On one device there is no link in the way.
    const auto one = run_sim(two_fc(0, 0), sets);
    CHECK(one["stats"]["system"]["link"]["bytes"]["value"] == 0);
    CHECK(one["totals"]["cycles"].get<uint64_t>() < j["totals"]["cycles"].get<uint64_t>());
}

TEST_CASE("independent branches on two devices run in parallel", "[smoke]") {
    Network n;
    n.name = "branches";
    n.input = {256, 1, 1};
    n.input_format = test::fmt("fp32");
    n.layers.push_back(test::fc("a", "input", {256, 1, 1}, 1024));
    n.layers.push_back(test::fc("b", "input", {256, 1, 1}, 1024));
    n.layers[0].branch = 0;
    n.layers[1].branch = 1;
    const auto serial = run_sim(n, {});
    n.layers[1].device = 1;
    const auto parallel = run_sim(n, {"system.devices=2"});
    CHECK(parallel["layers"][1]["start_cycle"].get<uint64_t>() == 0);
    // On one device b's image is read after a's (the streamer overlaps b with a's drain only).
    CHECK(serial["layers"][1]["start_cycle"].get<uint64_t>() >
          serial["layers"][0]["start_cycle"].get<uint64_t>() + 1000);
    CHECK(parallel["totals"]["cycles"].get<uint64_t>() <
          serial["totals"]["cycles"].get<uint64_t>());
}

TEST_CASE("bad run input exits 2 with one message naming the problem", "[smoke]") {
    const std::string cfg = test::seed_config();
    auto r = test::run_edgesa("run --config " + cfg + " --workload /nonexistent/x.trace.yaml");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--workload"));
    const std::string trace = test::temp_path("split.trace.yaml");
    write_trace_file(trace, two_fc(0, 1));
    r = test::run_edgesa("run --config " + cfg + " --workload " + trace);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("f2.device"));
    CHECK_THAT(r.err, Catch::Contains(trace + ":"));
    r = test::run_edgesa("run --config " + cfg + " --workload " + trace +
                         " --set system.devices=2 --mode fast");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--mode"));
    const std::string json = test::temp_path("none.json");
    r = test::run_edgesa("run --config " + cfg + " --workload " + trace + " --json " + json);
    CHECK(r.exit_code == 2);
    CHECK(test::slurp_file(json).empty());  // no half-written output
    std::remove(trace.c_str());
}

TEST_CASE("zoo models run by name", "[smoke]") {
    const std::string json = test::temp_path("lenet.json");
    const auto r =
        test::run_edgesa("run --config " + test::seed_config() + " --workload lenet5 --json " +
                         json + " --csv " + json + ".csv");
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(test::slurp_file(json));
    CHECK(j["layers"].size() > 3);
    CHECK(j["totals"]["cycles"].get<uint64_t>() > 0);
    CHECK_THAT(test::slurp_file(json + ".csv"), Catch::StartsWith("name,type,device"));
    std::remove(json.c_str());
    std::remove((json + ".csv").c_str());
}

TEST_CASE("the VCD holds the handshakes, and only the chosen layer's window with a VCD layer",
          "[smoke]") {
    const std::string trace = test::temp_path("two.trace.yaml"), vcd = test::temp_path("w.vcd"),
                      json = test::temp_path("w.json");
    write_trace_file(trace, two_fc(0, 0));
    auto r = test::run_edgesa("run --config " + test::seed_config() + " --workload " + trace +
                              " --vcd " + vcd + " --vcd-layer f2 --json " + json);
    REQUIRE(r.exit_code == 0);
    const std::string text = test::slurp_file(vcd);
    CHECK_THAT(text, Catch::Contains("streamer_to_decomp_valid"));
    CHECK_THAT(text, Catch::Contains("decomp_to_array_ready"));
    CHECK_THAT(text, Catch::Contains("comp_to_writeback_valid"));
    // The first value change after the initial dump is inside f2's window.
    const auto j = nlohmann::json::parse(test::slurp_file(json));
    const uint64_t f2_start = j["layers"][1]["start_cycle"].get<uint64_t>();
    const size_t first = text.find("\n#", text.find("$enddefinitions"));
    REQUIRE(first != std::string::npos);
    const size_t second = text.find("\n#", first + 2);
    REQUIRE(second != std::string::npos);
    // Real time: 1 ps units, 10 ns cycles at the seed's 100 MHz (clock.mhz sets the period).
    CHECK_THAT(text, Catch::Contains("1 ps"));
    CHECK(std::stoull(text.substr(second + 2)) / 10000 >= f2_start);
    r = test::run_edgesa("run --config " + test::seed_config() + " --workload " + trace +
                         " --vcd " + vcd + "x --vcd-layer nope");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--vcd-layer"));
    for (const auto& f : {trace, vcd, json}) std::remove(f.c_str());
}
