// The constraint files and the iCE40 wrapper `edgesa gen` writes beside the design
// (gen/emit/fpga.h): one clock period from clock.mhz in every file; the wrapper lints clean.
#include <catch2/catch.hpp>

#include "fpga_test_util.h"

using namespace edgesa::test;

namespace {

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("edgesa gen writes SDC, XDC and iCE40 PCFs with the period of clock.mhz",
          "[fpga][constraints]") {
    FpgaScratch s;
    struct Case {
        std::string mhz, period;
    };
    for (const Case& c : {Case{"100", "10.000"}, Case{"125", "8.000"}, Case{"48", "20.833"}}) {
        INFO("clock.mhz " << c.mhz);
        const std::string cfg = derived_config(
            s.str(), "rtl_4x4_q3.13", {{"clock:\n  mhz: 100", "clock:\n  mhz: " + c.mhz}}, "");
        const std::string out = s.str() + "/mhz" + c.mhz;
        const auto g = run_edgesa("gen --config " + cfg + " -o " + out);
        REQUIRE(g.exit_code == 0);
        const std::string sdc = slurp_file(out + "/edgesa_top.sdc");
        const std::string xdc = slurp_file(out + "/edgesa_top.xdc");
        CHECK(has(sdc, "create_clock -name clk_i -period " + c.period + " [get_ports clk_i]\n"));
        CHECK(has(sdc, "set_false_path -from [get_ports rst_ni]"));
        CHECK(has(xdc, "create_clock -name clk_i -period " + c.period + " [get_ports clk_i]\n"));
        CHECK(has(xdc, "# I/O: "));
        for (const char* dev : {"up5k", "hx8k"}) {
            INFO(dev);
            const std::string pcf = slurp_file(out + "/edgesa_ice40_wrap_" + dev + ".pcf");
            CHECK(has(pcf, "set_frequency clk_i " + c.mhz + "\n"));
            for (const char* port : {"clk_i", "rst_ni", "sin_i", "sout_o", "done_o"})
                CHECK(has(pcf, std::string("set_io ") + port + " "));
        }
        // Not part of the design's file list: the wrapper and constraints sit beside it.
        CHECK_FALSE(has(slurp_file(out + "/files.f"), "edgesa_ice40_wrap"));
    }
}

TEST_CASE("the iCE40 wrapper lints clean around the generated top of three configs",
          "[fpga][lint]") {
    FpgaScratch s;
    for (const auto& name : lint_configs()) {
        INFO(name);
        const std::string out = gen_shipped(s.str(), name);
        REQUIRE(!out.empty());
        std::string log;
        const int rc = shell("cd " + out +
                                 " && verilator --lint-only -Wall -f files.f edgesa_ice40_wrap.v "
                                 "--top-module edgesa_ice40_wrap",
                             &log);
        INFO(log);
        CHECK(rc == 0);
        CHECK_FALSE(has(log, "%Warning"));
    }
}
