#pragma once
// `edgesa verify --top axi`: one layer of edgesa_axi_top (verify/rtl_runner/axi_runner_main.cpp)
// against the SystemC model (docs/fpga.md, "AXI top"). Compared: the AXI memory model's protocol
// checks, the descriptor registers read back over AXI4-Lite and the ID register, every output
// word bit for bit, the memory traffic burst by burst (the AR and AW bursts cover the addresses
// of SystemC's read and write requests, in order), the CYCLES register against the edges the
// runner saw, STATUS.done and its clear, and the cycle relation axi_cycle_bounds() states.
#include <cstdint>
#include <optional>

#include "compare.h"
#include "rtl_run.h"

namespace edgesa::verify {

// The edges edgesa_axi_top adds to one request's round trip besides its beats (docs/fpga.md,
// "AXI top", "Cycles"): a read, queue push, AR register and R register; a write, queue push, AW
// register, W register, B and the wr_done register.
inline constexpr uint64_t kAxiReadExtraEdges = 3;
inline constexpr uint64_t kAxiWriteExtraEdges = 5;

// The layer cycles (end - start) the AXI top may take for a SystemC layer: at least SystemC's
// (the wrapper only adds latency), at most SystemC's plus, per SystemC request, its extra edges
// and its beats (bursts x AXI beats per burst, one per edge): [min, max].
struct AxiCycleBounds {
    uint64_t min = 0, max = 0;
};
AxiCycleBounds axi_cycle_bounds(const ScLayerRun& sc, const RtlLayerJob& job);

// With `backpressure` (the runner dropped the readies) only the lower cycle bound holds.
std::optional<Mismatch> compare_axi_layer(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                          const RtlLayerJob& job, const Layer& layer, int bits,
                                          uint64_t burst_bytes, uint64_t out_addr,
                                          bool backpressure = false);

}  // namespace edgesa::verify
