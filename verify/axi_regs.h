#pragma once
// The AXI4-Lite side of `edgesa verify --top axi`: a layer job's descriptor as register writes
// at the offsets of hw::axi_lite_regs() (docs/fpga.md, "AXI top"), which the AXI runner
// (verify/rtl_runner/axi_runner_main.cpp) writes, reads back and compares.
#include <cstdint>
#include <utility>
#include <vector>

#include "rtl_run.h"

namespace edgesa::verify {

struct LiteWrite {
    uint32_t offset;
    uint32_t value;  // the field's value; the register keeps its low `bits` bits
    int bits;
};

// One write per descriptor register, in register-map order.
std::vector<LiteWrite> descriptor_writes(const RtlLayerJob& job);

}  // namespace edgesa::verify
