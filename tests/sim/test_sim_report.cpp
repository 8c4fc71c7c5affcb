// The architect's report (docs/energy.md, docs/performance.md "Bounds and bottlenecks"): energy
// parts that add up exactly, the bound attribution with knobs that work, the config warnings and
// the HTML page in a real browser.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "../chromium_dom.h"
#include "config/loader.h"
#include "report/area_model.h"
#include "sim_cli.h"

using namespace edgesa;
using nlohmann::json;

namespace {

json run_zoo(const std::string& model, const std::vector<std::string>& sets,
             const std::string& extra = "") {
    const std::string out = test::temp_path("zoo.json");
    std::string args = "run --config " + test::seed_config() + " --workload " + model + " --json " +
                       out + " " + extra;
    for (const auto& s : sets) args += " --set " + s;
    const auto r = test::run_edgesa(args);
    INFO("edgesa " << args << "\n" << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    json j = json::parse(test::slurp_file(out));
    std::remove(out.c_str());
    return j;
}

uint64_t parts_sum(const json& e) {
    uint64_t s = 0;
    for (auto it = e.begin(); it != e.end(); ++it)
        if (it.key() != "total") s += it.value().get<uint64_t>();
    return s;
}

}  // namespace

TEST_CASE("energy: the components add up to every layer's and the run's total, exactly",
          "[analytical]") {
    // Two devices with an LCP split, so the link part is not zero.
    const std::string dir = test::temp_path("lcp");
    std::filesystem::create_directories(dir);
    REQUIRE(test::run_edgesa("trace zoo lenet5 -o " + dir + "/l.yaml").exit_code == 0);
    REQUIRE(
        test::run_edgesa("trace split " + dir + "/l.yaml --lcp 2 --devices 2 -o " + dir + "/s.yaml")
            .exit_code == 0);
    const json j = run_zoo(dir + "/s.yaml", {"system.devices=2", "energy.static_mw=5"});
    const json& t = j["totals"]["energy_fj"];
    std::map<std::string, uint64_t> by_part;
    uint64_t layers_total = 0;
    for (const auto& l : j["layers"]) {
        const json& e = l["energy_fj"];
        CHECK(parts_sum(e) == e["total"].get<uint64_t>());
        CHECK(l["energy_pj"].get<double>() == double(e["total"].get<uint64_t>()) / 1e3);
        layers_total += e["total"].get<uint64_t>();
        for (auto it = e.begin(); it != e.end(); ++it)
            by_part[it.key()] += it.value().get<uint64_t>();
    }
    CHECK(parts_sum(t) == t["total"].get<uint64_t>());
    CHECK(layers_total == t["total"].get<uint64_t>());
    for (auto it = t.begin(); it != t.end(); ++it)
        CHECK(by_part[it.key()] == it.value().get<uint64_t>());
    CHECK(j["totals"]["energy_pj"].get<double>() == double(t["total"].get<uint64_t>()) / 1e3);
    // Every component of this run is present: the link carried branch outputs, static power is on.
    for (const char* p : {"multipliers", "adder_trees", "cell_buffers", "accumulators",
                          "decompressor", "compressor", "act_pool", "dram", "link", "static"})
        CHECK(t[p].get<uint64_t>() > 0);
    CHECK(j["totals"]["link"]["bytes"].get<uint64_t>() > 0);
    // The link's part is its bytes times the per-byte energy (2.4 uJ per byte by default).
    CHECK(t["link"].get<uint64_t>() ==
          j["totals"]["link"]["bytes"].get<uint64_t>() * 2400000000ull);
    std::filesystem::remove_all(dir);
}

TEST_CASE("energy and area scale with the technology node", "[analytical]") {
    const json a = run_zoo("lenet5", {});
    const json b = run_zoo("lenet5", {"energy.node=7", "area.node=7"});
    const json &ea = a["totals"]["energy_fj"], &eb = b["totals"]["energy_fj"];
    // On-chip parts shrink by (7/45) x (0.7/1.0)^2; DRAM does not scale.
    CHECK(eb["dram"] == ea["dram"]);
    CHECK(double(eb["multipliers"].get<uint64_t>()) ==
          Approx(double(ea["multipliers"].get<uint64_t>()) * 7.0 / 45.0 * 0.49).epsilon(1e-6));
    CHECK(b["totals"]["area_mm2"].get<double>() ==
          Approx(a["totals"]["area_mm2"].get<double>() * (7.0 / 45.0) * (7.0 / 45.0)));
    CHECK(a["totals"]["cycles"] == b["totals"]["cycles"]);
}

TEST_CASE("bounds: every AlexNet layer names its limit, and its knob moves it toward its bound",
          "[analytical]") {
    const json base = run_zoo("alexnet", {});
    static const std::set<std::string> limits = {
        "compute",      "dram_bandwidth", "row0_pour", "decompressor",     "drain",
        "dram_latency", "weight_pour",    "writeback", "pipeline_latency", "none"};
    std::map<std::string, std::vector<size_t>> by_knob;  // knob set (as --set words) -> layers
    for (size_t i = 0; i < base["layers"].size(); ++i) {
        const json& l = base["layers"][i];
        const json& b = l["bounds"];
        INFO(l["name"] << ": " << b.dump());
        CHECK(limits.count(b["limit"].get<std::string>()) == 1);
        CHECK_FALSE(b["knob"].get<std::string>().empty());
        if (l["cycles"].get<uint64_t>() == 0) continue;
        CHECK(b["limit"] != "none");
        // No layer beats a bound (the bounds are bounds).
        for (const char* k : {"compute", "dram", "row0", "decode", "drain"})
            CHECK(b[k].get<uint64_t>() <= l["cycles"].get<uint64_t>());
        std::string sets;
        for (auto it = b["knob_set"].begin(); it != b["knob_set"].end(); ++it)
            sets += it.key() + "=" + it.value().get<std::string>() + " ";
        if (!sets.empty()) by_knob[sets].push_back(i);
    }
    // The seed design as shipped is latency-bound on its 8-burst read FIFO (docs/performance.md).
    CHECK(base["layers"][0]["bounds"]["limit"] == "dram_latency");
    REQUIRE_FALSE(by_knob.empty());
    for (const auto& [sets, idx] : by_knob) {
        std::vector<std::string> words;
        std::istringstream ss(sets);
        for (std::string w; ss >> w;) words.push_back(w);
        const json moved = run_zoo("alexnet", words);
        for (size_t i : idx) {
            const json &before = base["layers"][i], &after = moved["layers"][i];
            INFO(before["name"] << " with " << sets << ": " << before["cycles"] << " -> "
                                << after["cycles"]);
            CHECK(after["cycles"].get<uint64_t>() < before["cycles"].get<uint64_t>());
        }
    }
}

TEST_CASE("config check warns where buffers or lanes cannot keep up", "[config]") {
    auto r = test::run_edgesa("config check " + test::seed_config());
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains(
                          "warning: fifo.read_depth = 8 bursts cannot cover latency x bandwidth"));
    CHECK_THAT(r.err, Catch::Contains("act_pool.lanes = 4 cannot drain"));
    const std::string yaml = test::temp_path("balanced.yaml");
    std::ofstream(yaml)
        << "array: {rows: 8, width: 8}\nact_pool: {lanes: 8}\ncompressor: {engines: 8}\n"
           "fifo: {read_depth: 64}\ndram: {max_outstanding: 64}\n";
    r = test::run_edgesa("config check " + yaml);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("warning") == std::string::npos);
    std::remove(yaml.c_str());
}

TEST_CASE("run --report: the HTML page loads in headless Chromium and shows the JSON's numbers",
          "[smoke][browser]") {
    const std::string dir = test::temp_path("report");
    const std::string lcp = dir + "_lcp";
    std::filesystem::create_directories(lcp);
    REQUIRE(test::run_edgesa("trace zoo lenet5 -o " + lcp + "/l.yaml").exit_code == 0);
    REQUIRE(
        test::run_edgesa("trace split " + lcp + "/l.yaml --lcp 2 --devices 2 -o " + lcp + "/s.yaml")
            .exit_code == 0);
    const auto r = test::run_edgesa("run --config " + test::seed_config() + " --workload " + lcp +
                                    "/s.yaml --set system.devices=2 --report " + dir);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("link: "));
    for (const char* svg : {"cycles_by_stall", "roofline", "energy_by_component",
                            "area_by_component", "dram_by_tensor", "dram_by_device"})
        CHECK_THAT(test::slurp_file(dir + "/" + svg + ".svg"), Catch::Contains("<svg"));
    const json j = json::parse(test::slurp_file(dir + "/report.json"));
    const std::string abs = std::filesystem::absolute(dir).string();
    const std::string dom = test::chromium_dom(abs + "/index.html", abs + "_profile");
    REQUIRE_THAT(dom, Catch::Contains("data-images-loaded=\"6/6\""));
    CHECK_THAT(dom, Catch::Contains("data-errors=\"0\""));
    // Every numeric cell: its JSON path and the value shown equal the JSON.
    const std::regex cell("data-k=\"([^\"]+)\" data-v=\"([^\"]+)\"");
    size_t cells = 0;
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), cell); it != std::sregex_iterator();
         ++it, ++cells) {
        std::string path = "/" + (*it)[1].str();
        for (auto& c : path)
            if (c == '.') c = '/';
        INFO(path);
        CHECK(json::parse((*it)[2].str()) == j.at(json::json_pointer(path)));
    }
    CHECK(cells > 5 * j["layers"].size());
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(lcp);
    std::filesystem::remove_all(abs + "_profile");
}

// Reference areas from `edgesa synth` (docs/hardware.md, yosys 0.23 generic, main at 8873ff4): the
// CMOS transistor estimate priced at a NanGate NAND2_X1 per 4 transistors, plus the flip-flops the
// estimate leaves out. docs/energy.md ("Calibration") states the bands checked here.
static double synth_um2(double transistors, double flip_flops) {
    return transistors * sim::area45::kNand2Um2 / 4 + flip_flops * sim::area45::kFlipFlopUm2;
}

TEST_CASE("area: the model against the synthesis figures", "[analytical]") {
    const double a44 =
        sim::device_area(load_config_file(test::source_dir() + "/configs/rtl_4x4_q3.13.yaml"))
            .total_um2();
    const double a88 =
        sim::device_area(load_config_file(test::source_dir() + "/configs/rtl_8x8_fp32.yaml"))
            .total_um2();
    const double r44 = a44 / synth_um2(2464806, 20747), r88 = a88 / synth_um2(8390942, 61930);
    INFO("model / synth: rtl_4x4_q3.13 " << r44 << ", rtl_8x8_fp32 " << r88);
    CHECK(r88 > 0.3);  // within 2.3x (control units and generic gates make synthesis larger)
    CHECK(r88 < 1.0);
    CHECK(r44 > 0.05);  // within 13x (plus the 4x4 design's 16 mixed-storage converter lanes)
    CHECK(r44 < 0.2);
    // Units: fp32 arithmetic within 30 %, integer arithmetic and engines within 3.2x.
    using namespace sim::area45;
    CHECK(kFp32MultUm2 / synth_um2(30518, 0) == Approx(1.0).margin(0.3));
    CHECK(kFp32AddUm2 / synth_um2(18760, 0) == Approx(1.0).margin(0.3));
    CHECK(kInt32MultUm2 / 4 / synth_um2(13632, 0) > 1 / 3.2);
    CHECK(kInt32AddUm2 / synth_um2(2136, 0) > 1 / 3.2);
    // SIEVE's engines (seed 000 L902): 0.06 mm² for 32 + 32 engines of a Tegra K1 SM at 45 nm,
    // 938 um² each; ours per engine within a factor of 2.
    const auto sieve = sim::device_area(
        load_config_file(test::source_dir() + "/configs/seed_64x32_fp32_sieve.yaml"));
    const double per_engine =
        (sieve.um2[size_t(sim::Component::kDecompressor)] +
         sieve.um2[size_t(sim::Component::kCompressor)]) /
        40.0;  // 32 decompressors + 8 compressors (constant calculators included)
    CHECK(per_engine / (0.06e6 / 64) == Approx(1.0).margin(0.5));
    // The seed at 7 nm against its ASIC's 0.107 mm² (003): within 25 %.
    AccelConfig seed = load_config_file(test::source_dir() + "/configs/seed_64x32_q3.13.yaml",
                                        {{"area.node", "7"}});
    CHECK(sim::device_area(seed).total_um2() / 1e6 == Approx(0.107).epsilon(0.25));
}
