// edgesa_axi_top (gen/rtl/edgesa_axi_top.v, docs/fpga.md "AXI top"): it lints clean in a
// generated design, also with several AXI beats per burst, and its register map is the same in
// hw::axi_lite_regs(), the generated header, the RTL and the docs. That the registers hold what
// is written is checked through the bus by every `edgesa verify --top axi` run (register
// read-back, tests/verify and the verify matrix).
#include <regex>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "fpga_test_util.h"
#include "hw/hw_layout.h"

using namespace edgesa::test;

namespace {

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

int lint_axi_top(const std::string& dir, std::string* log, const std::string& extra = "") {
    return shell("cd " + dir + " && verilator --lint-only -Wall " + extra +
                     " -y . edgesa_axi_top.v --top-module edgesa_axi_top",
                 log);
}

}  // namespace

TEST_CASE("edgesa_axi_top lints clean in the generated designs", "[fpga][lint][axi]") {
    FpgaScratch s;
    for (const auto& name : lint_configs()) {
        INFO(name);
        const std::string out = gen_shipped(s.str(), name);
        REQUIRE(!out.empty());
        CHECK(count(slurp_file(out + "/files.f"), "edgesa_axi_top.v") == 1);
        std::string log;
        const int rc = lint_axi_top(out, &log);
        INFO(log);
        CHECK(rc == 0);
    }
    // 256-byte bursts: 1024-bit AXI beats, two per burst (the R collection and W beat select).
    // The top's own write-back then builds a 16,512-bit word, which Verilator's WIDTHCONCAT
    // flags (over 8k bits); that warning is the top's, every other one stays on.
    const std::string cfg =
        derived_config(s.str(), "rtl_4x4_q3.13", {{"burst_bytes: 8", "burst_bytes: 256"}}, "");
    const std::string out = s.str() + "/burst256";
    REQUIRE(run_edgesa("gen --config " + cfg + " -o " + out).exit_code == 0);
    const std::string vh = slurp_file(out + "/edgesa_hw_params.vh");
    CHECK(std::regex_search(vh, std::regex("AxiDataBits +=  *1024;")));
    CHECK(std::regex_search(vh, std::regex("AxiBeats +=  *2;")));
    std::string log;
    const int rc = lint_axi_top(out, &log, "-Wno-WIDTHCONCAT");
    INFO(log);
    CHECK(rc == 0);
}

TEST_CASE("the AXI4-Lite register map agrees in hw_layout, the header, the RTL and docs/fpga.md",
          "[fpga][axi]") {
    FpgaScratch s;
    const std::string out = gen_shipped(s.str(), "rtl_4x4_q3.13");
    REQUIRE(!out.empty());
    const std::string vh = slurp_file(out + "/edgesa_hw_params.vh");
    const std::string rtl = slurp_file(out + "/edgesa_axi_top.v");
    const std::string docs = slurp_file(source_dir() + "/docs/fpga.md");
    const auto& regs = edgesa::hw::axi_lite_regs();
    // The fixed registers, then one per descriptor field (every desc_*_i port of edgesa_top).
    REQUIRE(regs.size() == 4 + edgesa::hw::descriptor_fields().size());
    int expect_offset = 0;
    for (const auto& r : regs) {
        INFO("register " << r.name);
        CHECK(r.offset == expect_offset);  // word registers, no gaps
        expect_offset += 4;
        CHECK(std::regex_search(vh, std::regex("localparam integer AxiReg" + r.name +
                                               " += " + std::to_string(r.offset) + ";")));
        // Decoded in the RTL: read-only registers in the read multiplexer, writable ones also in
        // the write decode.
        const std::string use = "AxiReg" + r.name + "[AW-1:0]";
        CHECK(count(rtl, use) == (std::string(r.access) == "ro" ? 1 : 2));
        CHECK(count(docs, fmt::format("| 0x{:02x} | `{}` | {} | {} |", r.offset, r.name, r.access,
                                      r.bits)) == 1);
    }
    CHECK(edgesa::hw::axi_lite_addr_bits() == 7);
    CHECK(std::regex_search(vh, std::regex("AxiLiteAddrBits += 7;")));
    for (const auto* f : edgesa::hw::axi_lite::kBitFields) {
        INFO(f->name);
        CHECK(std::regex_search(vh, std::regex(std::string("localparam integer ") + f->name +
                                               "Lsb += " + std::to_string(f->lsb) + ";")));
        CHECK(count(rtl, std::string(f->name) + "Lsb") >= 1);
    }
    CHECK(count(docs, fmt::format("0x{:08x}", edgesa::hw::axi_lite::kIdValue)) >= 1);
}

TEST_CASE("edgesa_axi_bd.tcl runs to its end in tclsh against stub Vivado commands",
          "[fpga][axi][vivado]") {
    // No Vivado here: every Vivado command the script calls is a stub that logs its call, and
    // add_files fails on a file that does not exist, so the Tcl parses, runs in order and names
    // the design's real files. Whether Vivado accepts it is untested (docs/fpga.md).
    FpgaScratch s;
    const std::string out = gen_shipped(s.str(), "rtl_4x4_q3.13");
    REQUIRE(!out.empty());
    const std::string stub = s.str() + "/stub.tcl";
    {
        std::FILE* f = std::fopen(stub.c_str(), "w");
        REQUIRE(f);
        std::fputs(
            "set log {}\n"
            "foreach c {create_project set_property current_fileset synth_design "
            "report_utilization report_timing_summary close_design create_bd_design "
            "create_bd_cell apply_bd_automation get_bd_cells get_bd_intf_pins get_bd_pins "
            "connect_bd_net assign_bd_address validate_bd_design save_bd_design} {\n"
            "  proc $c {args} \"lappend ::log \\\"$c \\$args\\\"; return $c\"\n"
            "}\n"
            "proc add_files {args} {\n"
            "  set f [lindex $args end]\n"
            "  if {![file exists $f]} { error \"add_files: no file $f\" }\n"
            "  lappend ::log \"add_files [file tail $f]\"\n"
            "}\n"
            "proc get_files {args} { return [lindex $args end] }\n"
            "proc make_wrapper {args} { return [info script] }\n"
            "set argv {}\n"
            "source [lindex $::argv0_script 0]\n"
            "foreach l $log { puts \"called: $l\" }\n",
            f);
        std::fclose(f);
    }
    std::string log;
    const int rc = shell("cd " + s.str() + " && echo 'set argv0_script " + out +
                             "/edgesa_axi_bd.tcl; source " + stub + "' | tclsh",
                         &log);
    INFO(log);
    CHECK(rc == 0);
    CHECK(log.find("block design edgesa (rtl_4x4_q3.13) on xc7z020clg400-1") != std::string::npos);
    CHECK(log.find("called: add_files edgesa_axi_top.v") != std::string::npos);
    CHECK(log.find("called: add_files edgesa_top.xdc") != std::string::npos);
    CHECK(log.find("called: create_bd_cell -type module -reference edgesa_axi_top accel") !=
          std::string::npos);
    CHECK(log.find("CONFIG.PCW_FPGA0_PERIPHERAL_FREQMHZ 100") != std::string::npos);
    CHECK(log.find("accel/irq_o") != std::string::npos);
}
