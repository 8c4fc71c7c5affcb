#pragma once
// Running layers through the Verilated edgesa_top (docs/rtl-interface.md, "Verilator runner"):
// make_layer_job() turns one layer of a SystemC run into a job (its block image, addresses and
// descriptor), run_rtl() writes the job file, runs the runner executable (verify/rtl_runner/, built
// with the design's Vedgesa_top) and parses its result. Each job runs from reset, its descriptor
// presented at edge start_cycle (0: the first edge after reset), with the same DramModel as the
// SystemC side behind the memory port.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/event_capture.h"
#include "config/accel_config.h"
#include "functional/functional_state.h"
#include "program/layer_program.h"

namespace edgesa::verify {

struct MemTxn {
    uint64_t cycle;
    uint64_t addr;
    uint32_t bursts;
};  // request issued at edge `cycle`

// The layer descriptor: the control registers the host writes before a layer starts
// (docs/rtl-interface.md, "Layer descriptor"). Formats are packed format words
// (hw::encode_format_word()).
struct RtlDescriptor {
    uint32_t k = 0, n = 0, kb = 0, rb = 0, g = 0;  // GEMM geometry (LayerProgram)
    bool resident = false;
    bool has_bias = false;
    uint32_t act = 0;  // numerics/activation.h ActCode: 0 none, 1 relu ... 8 tanh
    uint32_t w_fmt = 0, x_fmt = 0, p1_fmt = 0, o_fmt = 0;
    // pass layers (docs/rtl-interface.md): the act/pool lanes fold pool_count vectors per
    // output vector: op 0 none (one output per input), 1 max, 2 sum; then, with pool_scale, the
    // scale by pool_recip (fp32 bits of float(1/n), or fixed round(2^16/n)).
    uint32_t pool_op = 0, pool_count = 1, pool_recip = 0;
    bool pool_scale = false;
};

struct RtlLayerJob {
    std::string name;
    std::vector<uint8_t> image;
    uint64_t image_addr = 0, out_addr = 0;
    // Added by R: the descriptor, when it is presented, what the output holds, and the DRAM timing.
    RtlDescriptor desc;
    uint64_t start_cycle = 0;
    uint64_t out_values = 0;
    int out_bits = 32;
    int64_t dram_millibytes_per_cycle = 1000, dram_burst_bytes = 32, dram_latency_cycles = 0;
    int64_t rd_max = 1, wr_port = 1;  // memory port bursts (hw::layout), checked by the runner
    int64_t axi_beats = 1;            // edgesa_axi_top: AXI beats per burst (hw::layout)
    int axi_size = 3;                 // ARSIZE/AWSIZE
};

constexpr uint64_t kNoEdge = ~0ull;

// What the AXI runner (`verify --top axi`) saw besides the memory traffic: the AXI4-Lite reads
// and the AXI memory model's protocol checks (verify/rtl_runner/axi_runner_main.cpp).
struct AxiLayerResult {
    uint64_t start_edge = 0;  // the descriptor transfer, from reset (every other edge is relative)
    uint32_t cycles_register = 0;                  // CYCLES after irq_o
    uint32_t status_done = 0, status_cleared = 0;  // STATUS after irq_o, and after its W1C write
    uint32_t id = 0;                               // the ID register
    std::vector<std::pair<uint32_t, uint32_t>> readback;  // (offset, value read) per desc register
    std::vector<std::string> errors;                      // AXI protocol errors, first 8
};

struct RtlLayerResult {
    std::string name;
    uint64_t start_cycle = 0, end_cycle = 0;  // kNoEdge: never (start) / no done_o (end)
    bool timed_out = false;  // stopped by the deadlock guard (max_cycles) without done_o
    std::vector<MemTxn> reads, writes;
    std::vector<sim::PortBeat> rd_data, wr_done;  // the DRAM model's responses (handshake trace)
    std::vector<uint8_t> out_bytes;  // packed_bytes(out_values, out_bits) bytes from out_addr
    // --top axi: reads/writes are the AR/AW bursts (edge, address, memory bursts), every edge
    // relative to the descriptor transfer (start_cycle 0).
    std::optional<AxiLayerResult> axi;
};

struct RtlRunOptions {
    std::string vcd_path;
    uint64_t max_cycles = 0;
    // The AXI runner's backpressure seed (0: every ready always 1; docs/fpga.md, "AXI top").
    uint64_t axi_stall_seed = 0;
};

// One layer's job from the same objects the SystemC run used. Throws InputError when the layer
// is one the generated RTL does not run (docs/rtl-interface.md, "Limits").
RtlLayerJob make_layer_job(const AccelConfig& cfg, const sim::LayerProgram& lp,
                           const sim::FunctionalState& fn, uint64_t image_addr, uint64_t out_addr);
// The value of descriptor field `name` (hw::descriptor_fields(), the top's desc_<name>_i ports)
// in layer job `j`; a field this table does not know is a generator error (std::logic_error),
// never a silent 0.
uint64_t descriptor_value(const RtlLayerJob& job, const std::string& name);
// Every descriptor field's value (hw::descriptor_fields() order, by name: image_addr ...
// pool_recip), as the runners drive desc_<name>_i and the AXI runner writes its register.
std::vector<std::pair<std::string, uint32_t>> descriptor_values(const RtlLayerJob& job);
// Writes the job file into work_dir, runs the runner executable, parses its result; throws
// InputError with a clear message on failure.
std::vector<RtlLayerResult> run_rtl(const std::string& runner_exe,
                                    const std::vector<RtlLayerJob>& jobs,
                                    const std::string& work_dir, const RtlRunOptions& opt);

}  // namespace edgesa::verify
