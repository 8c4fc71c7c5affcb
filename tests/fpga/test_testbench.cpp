// `edgesa gen --testbench`: the standalone Verilog-2005 testbench (verify/testbench.h) runs in
// Icarus Verilog alone, passes on the generated design and fails on a fault-injected one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "fpga_test_util.h"

using namespace edgesa::test;
namespace fs = std::filesystem;

namespace {

const std::string kQ = "configs/rtl_4x4_q3.13.yaml";

struct TbRun {
    int gen_exit = -1, sim_exit = -1;
    std::string gen_err, log;
};

// Generates design and testbench into dir, then compiles and runs it with iverilog/vvp there
// (nothing but the generated folder: no edgesa, no Verilator).
TbRun gen_and_run(const std::string& dir, const std::string& args) {
    TbRun r;
    const auto g = run_edgesa("gen -o " + dir + " --testbench " + args);
    r.gen_exit = g.exit_code;
    r.gen_err = g.err;
    if (g.exit_code != 0) return r;
    r.sim_exit = shell("cd " + dir +
                           " && iverilog -g2005 -Wall -o tb_edgesa.vvp -f files.f tb_edgesa.v"
                           " && vvp -n tb_edgesa.vvp",
                       &r.log);
    return r;
}

}  // namespace

TEST_CASE("the standalone testbench passes a conv and a pool layer in Icarus Verilog",
          "[fpga][testbench]") {
    FpgaScratch s;
    const std::string q = source_dir() + "/tests/data/verify/q3.13/";
    // one conv layer
    const TbRun conv =
        gen_and_run(s.str() + "/conv", "--config " + source_dir() + "/" + kQ + " --workload " + q +
                                           "conv1x1.yaml --layers conv1x1");
    INFO(conv.gen_err << conv.log);
    REQUIRE(conv.gen_exit == 0);
    CHECK(conv.sim_exit == 0);
    CHECK(conv.log.find("tb_edgesa: layer conv1x1: 80 outputs match, edges 0..") !=
          std::string::npos);
    CHECK(conv.log.find("tb_edgesa: PASS (1 layers)") != std::string::npos);
    CHECK(conv.log.find("FAIL") == std::string::npos);
    // The expected codes are the SystemC model's, one per output word.
    const std::string expected = slurp_file(s.str() + "/conv/tb_edgesa_0_expected.hex");
    CHECK(std::count(expected.begin(), expected.end(), '\n') == 80);
    // a pool layer and another in sequence, each from reset
    const TbRun pool = gen_and_run(s.str() + "/pool", "--config " + source_dir() + "/" + kQ +
                                                          " --workload " + q + "pool.yaml");
    INFO(pool.gen_err << pool.log);
    REQUIRE(pool.gen_exit == 0);
    CHECK(pool.sim_exit == 0);
    CHECK(pool.log.find("layer maxpool: 27 outputs match") != std::string::npos);
    CHECK(pool.log.find("layer avgpool: 108 outputs match") != std::string::npos);
    CHECK(pool.log.find("tb_edgesa: PASS (2 layers)") != std::string::npos);
}

TEST_CASE("the standalone testbench fails on a fault-injected design", "[fpga][testbench]") {
    FpgaScratch s;
    const std::string conv = source_dir() + "/tests/data/verify/q3.13/conv1x1.yaml";
    SECTION("one cycle: the adder tree with an extra stage writes one edge late") {
        const TbRun r =
            gen_and_run(s.str(), "--config " + source_dir() + "/" + kQ + " --workload " + conv +
                                     " --inject-fault tree-extra-stage");
        INFO(r.gen_err << r.log);
        REQUIRE(r.gen_exit == 0);
        CHECK(r.sim_exit != 0);
        CHECK(r.log.find("tb_edgesa: FAIL") != std::string::npos);
        CHECK(r.log.find("PASS") == std::string::npos);
        // The first write request is one edge late, same address and size.
        std::smatch m;
        REQUIRE(std::regex_search(r.log, m,
                                  std::regex(R"(FAIL write request 0: expected edge (\d+) addr )"
                                             R"((0x[0-9a-f]+) bursts 1 \(SystemC\), actual edge )"
                                             R"((\d+) addr (0x[0-9a-f]+) bursts 1)")));
        CHECK(std::stoul(m[3].str()) == std::stoul(m[1].str()) + 1);
        CHECK(m[2].str() == m[4].str());
    }
    SECTION("one bit: a flipped rounding increment is reported at output word 0") {
        const std::string cfg = derived_config(s.str(), "rtl_4x4_q3.13", {}, "rounding: rne\n");
        const TbRun r = gen_and_run(s.str() + "/rne", "--config " + cfg + " --workload " + conv +
                                                          " --inject-fault convert-round-flip");
        INFO(r.gen_err << r.log);
        REQUIRE(r.gen_exit == 0);
        CHECK(r.sim_exit != 0);
        CHECK(r.log.find("tb_edgesa: layer conv1x1: FAIL output word 0 (of 80): expected 0x") !=
              std::string::npos);
        CHECK(r.log.find("PASS") == std::string::npos);
    }
}

TEST_CASE("edgesa gen --testbench is deterministic and refuses bad input before writing",
          "[fpga][testbench]") {
    FpgaScratch s;
    const std::string cfg = source_dir() + "/" + kQ;
    const std::string conv = source_dir() + "/tests/data/verify/q3.13/conv1x1.yaml";
    // The same command twice (the banner names the output folder): byte-identical files.
    const std::string gen =
        "gen --config " + cfg + " -o " + s.str() + "/a --testbench --workload " + conv;
    REQUIRE(run_edgesa(gen).exit_code == 0);
    fs::rename(s.dir / "a", s.dir / "first");
    REQUIRE(run_edgesa(gen).exit_code == 0);
    for (const char* f : {"tb_edgesa.v", "tb_edgesa_0_image.hex", "tb_edgesa_0_expected.hex",
                          "tb_edgesa_0_reads.hex", "tb_edgesa_0_writes.hex"}) {
        INFO(f);
        CHECK(slurp_file(s.str() + "/first/" + f) == slurp_file(s.str() + "/a/" + f));
    }
    const auto no_layer = run_edgesa("gen --config " + cfg + " -o " + s.str() +
                                     "/c --testbench --workload " + conv + " --layers conv1x2");
    CHECK(no_layer.exit_code == 2);
    CHECK(no_layer.err.find("--layers = conv1x2") != std::string::npos);
    CHECK(no_layer.err.find("did you mean 'conv1x1'") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "c"));
    const auto no_workload =
        run_edgesa("gen --config " + cfg + " -o " + s.str() + "/d --testbench");
    CHECK(no_workload.exit_code == 2);
    CHECK(no_workload.err.find("--testbench, --workload and --layers go together") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "d"));
}

TEST_CASE("the shipped iCE40 design passes its standalone testbench (conv with ReLU, max pool)",
          "[fpga][testbench]") {
    FpgaScratch s;
    const TbRun r = gen_and_run(s.str(), "--config " + source_dir() +
                                             "/configs/ice40_2x2_q3.5.yaml --workload " +
                                             source_dir() + "/tests/fpga/data/conv_q3.5.yaml");
    INFO(r.gen_err << r.log);
    REQUIRE(r.gen_exit == 0);
    CHECK(r.sim_exit == 0);
    CHECK(r.log.find("layer conv3x3: 100 outputs match") != std::string::npos);
    CHECK(r.log.find("layer pool: 16 outputs match") != std::string::npos);
    CHECK(r.log.find("tb_edgesa: PASS (2 layers)") != std::string::npos);
}
