// `edgesa verify --vcd`: the RTL runner's VCD moved onto the SystemC time axis, and the port-level
// VCDs of both sides (same names, same axis).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "../run_cli.h"
#include "port_vcd.h"
#include "vcd_retime.h"

using namespace edgesa;

TEST_CASE("waves: the runner's eval steps become picoseconds at the clock period",
          "[verify][smoke]") {
    const std::string path = "/tmp/edgesa_waves_" + std::to_string(::getpid()) + ".vcd";
    // Two reset evals (steps 0, 1), then edge 0 at step 2, its falling half at 3, edge 1 at 4.
    std::ofstream(path)
        << "$timescale\n  1ps\n$end\n$enddefinitions $end\n#0\n0!\n#1\n#2\n1!\n#3\n0!\n#4\n1!\n";
    verify::retime_rtl_vcd(path, 5000);  // 100 MHz: 10 ns per cycle
    CHECK(test::slurp_file(path) ==
          "$timescale 1ps $end\n$enddefinitions $end\n#0\n0!\n1!\n#5000\n0!\n#10000\n1!\n");
    std::remove(path.c_str());
}

TEST_CASE("waves: port VCDs carry the top's names and put edge k at k periods", "[verify][smoke]") {
    const std::string path = "/tmp/edgesa_ports_" + std::to_string(::getpid()) + ".vcd";
    verify::PortTrace t;
    t.start_cycle = 1;
    t.end_cycle = 3;
    t.rd_req = {{2, 0x40, 2}};
    verify::write_port_vcd(path, t, 1250);  // 800 MHz
    const std::string v = test::slurp_file(path);
    for (const char* name :
         {"clk_i", "desc_valid_i", "done_o", "rd_req_addr_o", "rd_req_bursts_o", "rd_data_bursts_i",
          "wr_req_addr_o", "wr_req_bursts_o", "wr_done_bursts_i"})
        CHECK_THAT(v, Catch::Contains(std::string(" ") + name + " $end"));
    CHECK_THAT(v, Catch::Contains("#1250\n1!\n1\"\n"));  // edge 1: the start
    CHECK_THAT(v,
               Catch::Contains(
                   "#2500\n1!\n0\"\nb10 $\nb1000000 %\n"));  // edge 2: a read of 2 bursts at 0x40
    CHECK_THAT(v,
               Catch::Contains("#3750\n1!\n1#\nb0 $\nb0 %\n"));  // edge 3: done, the request gone
    std::remove(path.c_str());
}
