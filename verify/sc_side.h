#pragma once
// The SystemC side of `edgesa verify`: functional-mode runs of the simulator, each in its own
// forked process (one SystemC kernel per process). A full run gives every layer's output; then
// every compared layer runs isolated (docs/verify.md): alone on device 0 from cycle 0, its
// producers' outputs taken from the full run, with its DRAM requests and write order recorded.
#include <cstdint>
#include <string>
#include <vector>

#include "common/event_capture.h"
#include "config/accel_config.h"
#include "network.h"
#include "program/layer_program.h"

namespace edgesa::verify {

using Tensors = std::vector<std::vector<int64_t>>;  // per layer, storage codes in (C, H, W) order

// One isolated layer run of the SystemC model.
struct ScLayerRun {
    std::string name;
    int layer = 0;
    uint64_t start_cycle = 0, end_cycle = 0;
    std::vector<sim::MemEvent> reads, writes;
    std::vector<sim::PortBeat> rd_data, wr_done;  // the DRAM's responses (handshake trace)
    std::vector<uint32_t> write_order;  // output element of each stored value, in write order
    std::vector<int64_t> codes;         // the stored codes in write order
    double seconds = 0;                 // wall time of simulate() alone
};

// Every layer's stored output after a full functional run.
Tensors sc_full_run(const Network& net, const AccelConfig& cfg, const sim::Program& prog);

// Layer `layer` alone; `vcd_path` non-empty also writes the SystemC waveform (sim's --vcd).
ScLayerRun sc_layer_run(const Network& net, const AccelConfig& cfg, const sim::Program& prog,
                        int layer, const Tensors& producers, uint64_t image_addr, uint64_t out_addr,
                        const std::string& vcd_path);

}  // namespace edgesa::verify
