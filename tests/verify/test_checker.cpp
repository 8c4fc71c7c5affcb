// Checking the checker: `edgesa verify` on RTL with a deliberate one-cycle fault and a deliberate
// one-bit fault must fail, at the right layer, item, index and cycle. Each fault is its own
// cache entry (the key includes the faults), built once per build tree in tests/verify/cache.
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../run_cli.h"

using namespace edgesa::test;

namespace {

struct FaultRun {
    CliResult cli;
    nlohmann::json json;
};

// edgesa verify on conv1x1 of rtl_4x4_q3.13 with `args`, its work in work/checker_<name>.
FaultRun run_verify(const std::string& name, const std::string& args) {
    const std::string work = std::string(EDGESA_VERIFY_BIN_DIR) + "/work/checker_" + name;
    std::filesystem::remove_all(work);
    const std::string json = work + ".json";
    std::filesystem::remove(json);
    FaultRun r;
    r.cli = run_edgesa(
        "verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
        source_dir() + "/tests/data/verify/q3.13/conv1x1.yaml --cache-dir " +
        EDGESA_VERIFY_BIN_DIR + "/cache --work-dir " + work + " --json " + json + " " + args);
    if (std::filesystem::exists(json)) r.json = nlohmann::json::parse(slurp_file(json));
    return r;
}

FaultRun verify_with_fault(const std::string& fault, const std::string& extra) {
    return run_verify(fault, "--inject-fault " + fault + " " + extra);
}

// The fault run failed (exit status 1) with a mismatch in layer conv1x1: that mismatch object
// (null when the run reported none).
nlohmann::json conv1x1_mismatch(const FaultRun& r) {
    CHECK(r.cli.exit_code == 1);
    if (r.json.value("result", "") != "mismatch") return nullptr;
    CHECK(r.json["mismatch"]["layer"] == "conv1x1");
    return r.json["mismatch"];
}

}  // namespace

TEST_CASE(
    "checker check: RTL one pipeline stage late is reported as the first write one cycle late",
    "[verify][xcheck]") {
    const FaultRun r = verify_with_fault("compressor-extra-stage", "");
    INFO(r.cli.out << r.cli.err);
    const nlohmann::json m = conv1x1_mismatch(r);
    REQUIRE(m.is_object());
    CHECK(m["item"] == "write");
    CHECK(m["index"] == 0);
    // The SystemC side's first write-back transaction, and the RTL's one edge later.
    CHECK(m["expected_cycle"] == r.json["mismatch"]["systemc_writes"][0][0]);
    CHECK(m["actual_cycle"].get<uint64_t>() == m["expected_cycle"].get<uint64_t>() + 1);
    CHECK(m["actual_cycle"] == r.json["mismatch"]["rtl_writes"][0][0]);
    CHECK(r.cli.out.find("MISMATCH in layer conv1x1 (write)") != std::string::npos);
    CHECK(r.cli.out.find("write transaction 0: expected cycle " +
                         std::to_string(m["expected_cycle"].get<uint64_t>())) != std::string::npos);
    // The handshake trace: the SystemC side's write request at the marked edge, the RTL's at the
    // next edge, both rows marked as differing; the edges before it agree.
    const uint64_t e = m["expected_cycle"].get<uint64_t>();
    const auto& h = m["handshake"];
    REQUIRE(h.is_array());
    size_t at = h.size();
    for (size_t i = 0; i < h.size(); ++i)
        if (h[i]["edge"].get<uint64_t>() == e) at = i;
    REQUIRE(at + 1 < h.size());
    CHECK(at >= 1);  // earlier activity is shown
    CHECK(h[at]["differs"] == true);
    CHECK(h[at]["systemc"].contains("wr_req"));
    CHECK_FALSE(h[at]["rtl"].contains("wr_req"));
    CHECK(h[at + 1]["edge"].get<uint64_t>() == e + 1);
    CHECK(h[at + 1]["differs"] == true);
    CHECK(h[at + 1]["rtl"]["wr_req"] == h[at]["systemc"]["wr_req"]);
    for (size_t i = 0; i < at; ++i) CHECK(h[i]["differs"] == false);
    const std::string row = fmt::format(">* {:>8}  SystemC", e);
    const auto pos = r.cli.out.find(row);
    REQUIRE(pos != std::string::npos);
    CHECK(r.cli.out.find(h[at]["systemc"]["wr_req"].get<std::string>(), pos) <
          r.cli.out.find("RTL", pos));  // on the SystemC row, not on the RTL row below it
    CHECK(r.cli.out.find(fmt::format(" * {:>8}  SystemC", e + 1)) != std::string::npos);
    // Both waveforms are written (the RTL's by the traced runner, built on the mismatch).
    for (const char* k : {"systemc_vcd", "rtl_vcd"}) {
        INFO(k);
        REQUIRE(m.contains(k));
        CHECK(std::filesystem::file_size(m[k].get<std::string>()) > 100);
    }
}

TEST_CASE(
    "checker check: a flipped rounding bit in the RTL converter is reported at the first output "
    "word, one LSB off",
    "[verify][xcheck]") {
    // rne requantisation: the fault inverts the rounding increment of every stored value, so the
    // first word written differs in its low bit (plus carry) and every transaction still matches.
    const FaultRun r = verify_with_fault("convert-round-flip", "--set rounding=rne");
    INFO(r.cli.out << r.cli.err);
    const nlohmann::json m = conv1x1_mismatch(r);
    REQUIRE(m.is_object());
    CHECK(m["item"] == "output");
    CHECK(m["index"] == 0);
    const auto e = std::stoll(m["expected"].get<std::string>(), nullptr, 16);
    const auto a = std::stoll(m["actual"].get<std::string>(), nullptr, 16);
    CHECK(std::llabs(int64_t(int16_t(e)) - int64_t(int16_t(a))) == 1);
    CHECK(m["cycle"] ==
          r.json["mismatch"]["systemc_writes"][0][0]);  // word 0 is in the first write
    CHECK(r.json["layers"][0]["end_cycle"]["systemc"] == r.json["layers"][0]["end_cycle"]["rtl"]);
    CHECK(r.cli.out.find("output word 0 (tensor element c=") != std::string::npos);
    // The handshake trace around the first write: the ports agree at every shown edge (only the
    // data differs), the marked edge carries both sides' first write request.
    const auto& h = m["handshake"];
    REQUIRE(h.is_array());
    bool marked = false;
    for (const auto& row : h) {
        CHECK(row["differs"] == false);
        if (row["edge"] == m["cycle"]) {
            marked = true;
            CHECK(row["systemc"].contains("wr_req"));
            CHECK(row["rtl"]["wr_req"] == row["systemc"]["wr_req"]);
        }
    }
    CHECK(marked);
    CHECK(r.cli.out.find(fmt::format(">  {:>8}  SystemC", m["cycle"].get<uint64_t>())) !=
          std::string::npos);
}

TEST_CASE("verify --top axi fails when the AXI wrapper asks for a beat too few",
          "[verify][xcheck][axi]") {
    // axi-short-read: every AR burst of several memory bursts is one beat short, so the bus
    // carries fewer bursts than the top asked for (and the top then waits for them forever).
    const FaultRun r = verify_with_fault("axi-short-read", "--top axi");
    INFO(r.cli.out << r.cli.err);
    const nlohmann::json m = conv1x1_mismatch(r);
    REQUIRE(m.is_object());
    CHECK(m["item"] == "read");
    CHECK(r.cli.out.find("MISMATCH in layer conv1x1 (read)") != std::string::npos);
    CHECK(r.json["layers"][0]["rtl_timed_out"] == true);
}

TEST_CASE("verify --top axi passes the layer the faulty wrapper fails", "[verify][axi]") {
    const FaultRun r = run_verify("axi_ok", "--top axi");
    INFO(r.cli.out << r.cli.err);
    CHECK(r.cli.exit_code == 0);
    const auto& j = r.json;
    REQUIRE(j.value("result", "") == "match");
    const auto& a = j["layers"][0]["axi"];
    // SystemC's cycles <= the AXI top's <= the documented bound, and CYCLES agrees.
    CHECK(a["layer_cycles"].get<uint64_t>() >= a["systemc_layer_cycles"].get<uint64_t>());
    CHECK(a["layer_cycles"].get<uint64_t>() <= a["bound"][1].get<uint64_t>());
    CHECK(a["cycles_register"] == a["layer_cycles"]);
}

TEST_CASE("verify --top axi --axi-backpressure: the wrapper holds every valid while ready is low",
          "[verify][axi]") {
    // The AXI model drops ARREADY, AWREADY and WREADY on a pseudo-random quarter of the edges and
    // reports any valid or payload that changes before its handshake; the layer must still match.
    const FaultRun r = run_verify("axi_backpressure", "--top axi --axi-backpressure");
    INFO(r.cli.out << r.cli.err);
    CHECK(r.cli.exit_code == 0);
    CHECK(r.json.value("result", "") == "match");
    // Without --top axi there are no AXI readies to drop: a usage error, nothing run.
    const FaultRun bad = run_verify("axi_backpressure_core", "--axi-backpressure");
    CHECK(bad.cli.exit_code == 2);
    CHECK(bad.cli.err.find("--axi-backpressure") != std::string::npos);
    CHECK(bad.cli.err.find("needs --top axi") != std::string::npos);
}
