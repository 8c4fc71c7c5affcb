// `edgesa gen` and `edgesa synth` end to end: the file set and its headers, determinism, bad
// input, Verilator lint of every config's top, yosys checks, and the checked-in rtl/ designs.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "config/loader.h"
#include "io/atomic_file.h"
#include "run_cli.h"

using namespace edgesa::test;
namespace fs = std::filesystem;

namespace {

// A fresh scratch directory per call, removed by the caller's Scratch.
struct Scratch {
    fs::path dir;
    Scratch() {
        static int n = 0;
        dir = fs::temp_directory_path() /
              ("edgesa_gen_cli_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() { fs::remove_all(dir); }
    std::string str() const { return dir.string(); }
};

std::vector<std::string> files_f(const fs::path& dir) {
    std::vector<std::string> v;
    std::istringstream in(slurp_file((dir / "files.f").string()));
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.rfind("//", 0) != 0) v.push_back(line);
    return v;
}

// "" when equal, else the first differing line of both texts.
std::string first_difference(const std::string& kept, const std::string& fresh) {
    std::istringstream a(kept), b(fresh);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool ga = bool(std::getline(a, la)), gb = bool(std::getline(b, lb));
        if (!ga && !gb) return "";
        if (ga != gb || la != lb)
            return "line " + std::to_string(line) + ": checked in '" + (ga ? la : "<end>") +
                   "', generated '" + (gb ? lb : "<end>") + "'";
    }
}

int run_shell(const std::string& cmd, std::string* out) {
    const std::string log =
        fs::temp_directory_path() / ("edgesa_gen_cli_sh_" + std::to_string(::getpid()));
    const int st = std::system((cmd + " >" + log + " 2>&1").c_str());
    *out = slurp_file(log);
    fs::remove(log);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// Lints the generated top of one config file with verilator -Wall: no warning at all. hw_params
// and top (when given) receive the generated edgesa_hw_params.vh and edgesa_top.v.
void lint_config_file(const std::string& path, const std::string& name,
                      std::string* hw_params = nullptr, std::string* top = nullptr) {
    Scratch s;
    const auto g = run_edgesa("gen --config " + path + " -o " + s.str());
    REQUIRE(g.exit_code == 0);
    if (hw_params) *hw_params = slurp_file((s.dir / "edgesa_hw_params.vh").string());
    if (top) *top = slurp_file((s.dir / "edgesa_top.v").string());
    std::string out;
    const int rc = run_shell(
        "cd " + s.str() + " && verilator --lint-only -Wall -f files.f --top-module edgesa_top",
        &out);
    INFO("reproduce: edgesa gen --config configs/"
         << name
         << ".yaml -o /tmp/x && cd /tmp/x && "
            "verilator --lint-only -Wall -f files.f --top-module edgesa_top\n"
         << out);
    CHECK(rc == 0);
    CHECK(out.find("%Warning") == std::string::npos);
}

void lint_config(const std::string& name) {
    lint_config_file(source_dir() + "/configs/" + name + ".yaml", name);
}

}  // namespace

TEST_CASE(
    "edgesa gen writes one file per unit, files.f and README, each with the provenance header",
    "[smoke]") {
    Scratch s;
    const std::string cfg = source_dir() + "/configs/rtl_8x8_fp32.yaml";
    const auto r = run_edgesa("gen --config " + cfg + " -o " + s.str());
    REQUIRE(r.exit_code == 0);
    const auto c = edgesa::load_config_file(cfg);
    const auto files = files_f(s.dir);
    for (const char* unit :
         {"edgesa_fp32_mul.v", "edgesa_fp32_add.v", "edgesa_mult_cell.v", "edgesa_adder_tree.v",
          "edgesa_systolic_array.v", "edgesa_accumulator.v", "edgesa_act_lane.v",
          "edgesa_array_ctrl.v", "edgesa_pool_lane.v", "edgesa_cf_encode.v", "edgesa_cf_decode.v",
          "edgesa_cf_const_calc.v", "edgesa_top.v"})
        CHECK(std::find(files.begin(), files.end(), unit) != files.end());
    // dependencies first: the top, then the AXI wrapper that instantiates it
    REQUIRE(files.size() >= 2);
    CHECK(files[files.size() - 2] == "edgesa_top.v");
    CHECK(files.back() == "edgesa_axi_top.v");
    // Only the modules edgesa_top instantiates (the old edgesa_datapath tree is gone).
    for (const char* gone :
         {"edgesa_datapath.v", "edgesa_act_pool.v", "edgesa_pool_unit.v", "edgesa_stream_pipe.v",
          "edgesa_compressor_engine.v", "edgesa_decompressor_engine.v"})
        CHECK(std::find(files.begin(), files.end(), gone) == files.end());
    // The hardware description is an include file beside the units, not a compilation unit.
    CHECK(std::find(files.begin(), files.end(), "edgesa_hw_params.vh") == files.end());
    const std::string params = slurp_file((s.dir / "edgesa_hw_params.vh").string());
    CHECK(params.rfind("// Generated by edgesa " EDGESA_VERSION_FOR_TEST, 0) == 0);
    auto param_line = [&params](const std::string& name) {  // "localparam integer <name> = ..."
        const size_t at = params.find("localparam integer " + name + " ");
        return at == std::string::npos ? "" : params.substr(at, params.find('\n', at) - at);
    };
    CHECK(param_line("TokFmtLsb").find("= 84;") != std::string::npos);
    CHECK(param_line("TokFmtLsb").find("// [85:84]") != std::string::npos);
    // fp32 compute: an 86-bit header and one 32-bit operand lane per column
    CHECK(param_line("HwTokBits").find("= " + std::to_string(86 + 32 * c.array.width) + ";") !=
          std::string::npos);
    for (const auto& f : files) {
        INFO(f);
        const std::string text = slurp_file((s.dir / f).string());
        CHECK(text.rfind("// Generated by edgesa " EDGESA_VERSION_FOR_TEST, 0) == 0);
        CHECK(text.find("hash " + c.derived.hash) != std::string::npos);
        CHECK(text.find("Regenerate: edgesa gen --config " + cfg + " -o " + s.str()) !=
              std::string::npos);
        CHECK(text.find("module " + f.substr(0, f.size() - 2) + " ") != std::string::npos);
    }
    const std::string readme = slurp_file((s.dir / "README.md").string());
    CHECK(readme.find("clk_i") != std::string::npos);
    CHECK(readme.find("rst_ni") != std::string::npos);
    CHECK(readme.find("valid") != std::string::npos);
}

TEST_CASE("edgesa gen is deterministic: the same config gives byte-identical files", "[smoke]") {
    Scratch s;
    const std::string cfg = source_dir() + "/configs/rtl_4x4_q3.13.yaml";
    REQUIRE(run_edgesa("gen --config " + cfg + " -o " + s.str() + "/out").exit_code == 0);
    std::map<std::string, std::string> first;
    for (const auto& e : fs::directory_iterator(s.dir / "out"))
        first[e.path().filename()] = slurp_file(e.path());
    fs::rename(s.dir / "out", s.dir / "first");
    REQUIRE(run_edgesa("gen --config " + cfg + " -o " + s.str() + "/out").exit_code == 0);
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(s.dir / "out")) {
        INFO(e.path());
        CHECK(first.at(e.path().filename()) == slurp_file(e.path()));
        ++n;
    }
    CHECK(n == first.size());
    CHECK(n > 10);
}

TEST_CASE("edgesa gen rejects bad input with one diagnostic and exit 2, writing nothing",
          "[smoke]") {
    Scratch s;
    const std::string out = s.str() + "/never";
    auto r = run_edgesa("gen --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml -o " + out +
                        " --inject-fault tree-extra-stag");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--inject-fault = tree-extra-stag") != std::string::npos);
    CHECK(r.err.find("tree-extra-stage") != std::string::npos);  // the valid names are listed
    CHECK_FALSE(fs::exists(out));
    // A config with an error: file:line:col, key, value, rule.
    fs::path bad = s.dir / "bad.yaml";
    {
        std::ofstream f(bad);
        f << "array:\n  rows: 4\n  width: 6\n";
    }
    r = run_edgesa("gen --config " + bad.string() + " -o " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(bad.string() + ":3:") != std::string::npos);
    CHECK(r.err.find("array.width") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    r = run_edgesa("synth --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --target asic");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--target = asic") != std::string::npos);
}

TEST_CASE("verilator -Wall lints the generated top of every RTL config without a warning",
          "[smoke][lint]") {
    for (const auto& e : fs::directory_iterator(source_dir() + "/configs")) {
        const std::string name = e.path().stem();
        if (name.rfind("rtl_", 0) != 0) continue;
        INFO(name);
        lint_config(name);
    }
}

TEST_CASE(
    "a design with relu and relu6 only (act_pool.functions) passes the lanes Functions = 7 and "
    "lints without a warning, fixed and fp32",
    "[smoke][lint]") {
    Scratch s;
    // the 4x4 design with every function (rtl_4x4_q3.13 declares its own) and the 8x8 fp32 one
    for (const char* name : {"verify/q3.13_4x4_every", "rtl_8x8_fp32"}) {
        INFO(name);
        std::string text = slurp_file(source_dir() + "/configs/" + name + ".yaml");
        const size_t at = text.find("act_pool:\n");
        REQUIRE(at != std::string::npos);
        text.insert(at + 10, "  functions: relu, relu6\n");
        const std::string stem = fs::path(name).filename().string();
        const std::string path = (s.dir / (stem + "_relu.yaml")).string();
        edgesa::write_file_atomic(path, text);
        std::string params, top;
        lint_config_file(path, stem + "_relu", &params, &top);
        CHECK(params.find("localparam integer HwActFunctions      = 7;") != std::string::npos);
        CHECK(top.find(".Functions(HwActFunctions)") != std::string::npos);
    }
    // and the shipped iCE40 design, which declares only these
    std::string params;
    lint_config_file(source_dir() + "/configs/ice40_2x2_q3.5.yaml", "ice40_2x2_q3.5", &params);
    CHECK(params.find("localparam integer HwActFunctions      = 7;") != std::string::npos);
}

TEST_CASE(
    "designs with a subset of act_pool.ops pass the pool lanes Ops = HwPoolOps and lint without a "
    "warning, fixed and fp32",
    "[smoke][lint]") {
    Scratch s;
    // max_pool (no adder, no multiplier), add (no multiplier), mul and scale_shift (no average)
    const std::vector<std::pair<std::string, int>> subsets = {
        {"max_pool", 1}, {"max_pool, add", 5}, {"mul, scale_shift", 24}};
    for (const char* name : {"verify/q3.13_4x4_every", "rtl_8x8_fp32"}) {
        for (const auto& [ops, bits] : subsets) {
            INFO(name << " ops " << ops);
            std::string text = slurp_file(source_dir() + "/configs/" + name + ".yaml");
            const size_t at = text.find("act_pool:\n");
            REQUIRE(at != std::string::npos);
            text.insert(at + 10, "  ops: " + ops + "\n");
            const std::string stem = fs::path(name).filename().string();
            const std::string path = (s.dir / (stem + "_ops.yaml")).string();
            edgesa::write_file_atomic(path, text);
            std::string params, top;
            lint_config_file(path, stem + "_ops", &params, &top);
            CHECK(params.find("localparam integer HwPoolOps           = " + std::to_string(bits) +
                              ";") != std::string::npos);
            CHECK(top.find("edgesa_pool_lane #(.Ops(HwPoolOps))") != std::string::npos);
        }
    }
    // and the shipped iCE40 design, which declares max_pool only
    std::string params;
    lint_config_file(source_dir() + "/configs/ice40_2x2_q3.5.yaml", "ice40_2x2_q3.5", &params);
    CHECK(params.find("localparam integer HwPoolOps           = 1;") != std::string::npos);
}

TEST_CASE("verilator -Wall lints the seed's 64x32 q3.13 design without a warning", "[lint]") {
    lint_config("seed_64x32_q3.13");
}

TEST_CASE("verilator -Wall lints the seed's 64x32 fp32 design without a warning", "[lint][slow]") {
    lint_config("seed_64x32_fp32_sieve");
}

TEST_CASE("edgesa synth: a unit passes check -assert with no latches and reports its size",
          "[smoke]") {
    const auto r = run_edgesa("synth --config " + source_dir() +
                              "/configs/rtl_8x8_fp32.yaml --top edgesa_cf_const_calc --json");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("top") == "edgesa_cf_const_calc");
    // Eight registered constants: Min, Min/2, Max (3 x 32) and five narrow ones.
    CHECK(j.at("flip_flops").get<int64_t>() >= 64);
    CHECK(j.at("cells").get<int64_t>() > j.at("flip_flops").get<int64_t>());
    CHECK(j.at("cmos_transistors").get<std::string>() != "n/a");
    // Memories: the generic target maps them to flip-flops, so no RAM primitive is counted.
    CHECK(j.at("block_rams").get<int64_t>() == 0);
    CHECK(j.at("lut_rams").get<int64_t>() == 0);
    // yosys' usage line was found in its log (docs/hardware.md records these per config).
    CHECK(j.at("yosys_peak_mb").get<double>() > 0);
    CHECK(j.at("yosys_cpu_s").get<double>() > 0);
    // The logic depth of the flattened netlist (ltp -noff): at least one cell between registers.
    CHECK(j.at("logic_depth").get<int64_t>() > 1);
}

TEST_CASE(
    "edgesa synth: every RTL config's top synthesises cleanly (generic, xilinx; ice40 for the "
    "smallest)",
    "[slow]") {
    // ice40 of rtl_8x8_fp32 takes far longer than the rest together, so it is left out.
    for (const auto& [cfg, target] :
         std::vector<std::pair<std::string, std::string>>{{"rtl_4x4_q3.13", "generic"},
                                                          {"rtl_4x4_q3.13", "xilinx"},
                                                          {"rtl_4x4_q3.13", "ice40"},
                                                          {"rtl_8x8_fp32", "generic"},
                                                          {"rtl_8x8_fp32", "xilinx"}}) {
        INFO(cfg << " " << target);
        const auto r = run_edgesa("synth --json --config " + source_dir() + "/configs/" + cfg +
                                  ".yaml --target " + target);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j.at("flip_flops").get<int64_t>() > 0);
        if (target != "generic") CHECK(j.at("luts").get<int64_t>() > 0);
        // The accumulators read synchronously: xilinx maps them to RAM primitives.
        if (target == "xilinx")
            CHECK(j.at("block_rams").get<int64_t>() + j.at("lut_rams").get<int64_t>() > 0);
    }
}

TEST_CASE("checked-in RTL of every named config is up to date", "[smoke]") {
    const YAML::Node named = YAML::LoadFile(source_dir() + "/rtl/named_configs.yaml");
    REQUIRE(named["configs"].size() >= 2);
    for (const auto& n : named["configs"]) {
        const std::string name = n["name"].as<std::string>(), cfg = n["config"].as<std::string>();
        INFO(name << ": regenerate with scripts/regen_rtl.sh (or: edgesa gen --config " << cfg
                  << " -o rtl/" << name << ", from the repository root)");
        // Same relative paths as the checked-in headers: run in a scratch root whose configs/
        // is the source tree's.
        Scratch s;
        fs::create_directory_symlink(source_dir() + "/configs", s.dir / "configs");
        std::string out;
        const char* bin = std::getenv("EDGESA_BIN");
        REQUIRE(run_shell("cd " + s.str() + " && " + std::string(bin ? bin : EDGESA_BIN_PATH) +
                              " gen --config " + cfg + " -o rtl/" + name,
                          &out) == 0);
        const fs::path fresh = s.dir / "rtl" / name, kept = fs::path(source_dir()) / "rtl" / name;
        std::set<std::string> names;
        for (const auto& e : fs::directory_iterator(fresh)) names.insert(e.path().filename());
        for (const auto& e : fs::directory_iterator(kept)) names.insert(e.path().filename());
        for (const auto& f : names) {
            INFO("file " << f);
            REQUIRE(fs::exists(kept / f));
            REQUIRE(fs::exists(fresh / f));
            CHECK(first_difference(slurp_file((kept / f).string()),
                                   slurp_file((fresh / f).string())) == "");
        }
    }
}

TEST_CASE("edgesa gen --inject-fault emits the broken unit, says so, and changes nothing else",
          "[smoke]") {
    Scratch s;
    const std::string cfg = source_dir() + "/configs/rtl_4x4_q3.13.yaml";
    REQUIRE(run_edgesa("gen --config " + cfg + " -o " + s.str() + "/good").exit_code == 0);
    const auto r = run_edgesa("gen --config " + cfg + " -o " + s.str() +
                              "/bad --inject-fault tree-extra-stage");
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("WARNING") != std::string::npos);
    const std::string tree = slurp_file(s.str() + "/bad/edgesa_adder_tree.v");
    CHECK(tree.find("FAULT INJECTED (tree-extra-stage)") != std::string::npos);
    CHECK(tree.find("--inject-fault tree-extra-stage") != std::string::npos);
    CHECK(slurp_file(s.str() + "/good/edgesa_adder_tree.v").find("FAULT") == std::string::npos);
    // The array's tag delay follows the tree (a one-cycle fault, values still right).
    CHECK(slurp_file(s.str() + "/good/edgesa_systolic_array.v").find("TreeStages  = 2") !=
          std::string::npos);
    CHECK(slurp_file(s.str() + "/bad/edgesa_systolic_array.v").find("TreeStages  = 3") !=
          std::string::npos);
    // Every other unit's body (after its header) is unchanged.
    for (const auto& f : files_f(s.dir / "good")) {
        if (f == "edgesa_adder_tree.v" || f == "edgesa_systolic_array.v") continue;
        INFO(f);
        auto body = [](const std::string& t) { return t.substr(t.find("`default_nettype none")); };
        CHECK(body(slurp_file(s.str() + "/good/" + f)) == body(slurp_file(s.str() + "/bad/" + f)));
    }
}

TEST_CASE("a library unit is its gen/rtl/ file with the banner; a fault patches only that unit",
          "[smoke]") {
    Scratch s;
    const std::string cfg = source_dir() + "/configs/rtl_8x8_fp32.yaml";
    REQUIRE(run_edgesa("gen --config " + cfg + " -o " + s.str() + "/good").exit_code == 0);
    REQUIRE(
        run_edgesa("gen --config " + cfg + " -o " + s.str() + "/bad --inject-fault mul-round-flip")
            .exit_code == 0);
    auto body = [](const std::string& t) {
        const std::string b = t.substr(t.find("`default_nettype none\n\n") + 23);
        return b.substr(0, b.rfind("\n`default_nettype wire")) + "\n";
    };
    const std::string lib = slurp_file(source_dir() + "/gen/rtl/edgesa_fp32_mul.v");
    CHECK(body(slurp_file(s.str() + "/good/edgesa_fp32_mul.v")) == lib);
    const std::string bad = body(slurp_file(s.str() + "/bad/edgesa_fp32_mul.v"));
    CHECK(bad != lib);
    CHECK(bad.find("(sticky | ~sig[0])") != std::string::npos);
    for (const auto& f : files_f(s.dir / "good")) {
        if (f == "edgesa_fp32_mul.v") continue;
        INFO(f);
        CHECK(body(slurp_file(s.str() + "/good/" + f)) == body(slurp_file(s.str() + "/bad/" + f)));
    }
}

TEST_CASE("the generated top refuses to elaborate with parameters its hardware description lacks",
          "[lint]") {
    Scratch s;
    REQUIRE(run_edgesa("gen --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml -o " + s.str())
                .exit_code == 0);
    std::string out;
    const std::string lint =
        "cd " + s.str() + " && verilator --lint-only -Wall -f files.f --top-module edgesa_top";
    REQUIRE(run_shell(lint, &out) == 0);
    CHECK(run_shell(lint + " -GRdMax=7", &out) != 0);
    CHECK(out.find("edgesa_illegal_parameters_top_differs_from_hw_params") != std::string::npos);
    CHECK(run_shell(lint + " -GTokBits=99", &out) != 0);
    CHECK(out.find("edgesa_illegal_parameters_") != std::string::npos);
}
