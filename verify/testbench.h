#pragma once
// The standalone self-checking testbench of `edgesa gen --testbench` (docs/fpga.md, "Standalone
// testbench"): Verilog-2005 that needs no edgesa, no Verilator and no C++. It carries the layers'
// block images and the SystemC model's expected output codes, start and end edges and every read
// and write request (edge, address, bursts), all from run_layers() (the same jobs and runs
// `edgesa verify` compares). It drives the descriptor and models the memory port exactly like the
// Verilator runner (verify/rtl_runner/rtl_runner_main.cpp: the DramModel of
// sim/memory/dram_model.cpp, requests of edge t pushed and stepped at edge t+1, responses seen at
// edge t+2).
#include <string>
#include <vector>

#include "generator.h"
#include "verify_run.h"

namespace edgesa::verify {

// The testbench's files: tb_edgesa.v and per layer tb_edgesa_<i>_image.hex,
// tb_edgesa_<i>_expected.hex, tb_edgesa_<i>_reads.hex and tb_edgesa_<i>_writes.hex ($readmemh,
// read from the simulator's working directory). `opt` gives the banner.
std::vector<gen::GeneratedFile> make_testbench(const VerifyTarget& t, const LayerRuns& runs,
                                               const gen::GenOptions& opt);

// The testbench's top module.
inline const char* testbench_module() {
    return "tb_edgesa";
}

}  // namespace edgesa::verify
