#pragma once
// Runs one simulation (one per process: the SystemC kernel cannot restart) of a network on a
// configured system of devices and returns the per-layer results and counters.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/event_capture.h"
#include "common/sim_context.h"
#include "config/accel_config.h"
#include "network.h"
#include "program/layer_program.h"

namespace edgesa::sim {

// How to run: mode, waveform and the deadlock guard.
struct SimOptions {
    bool functional = false;
    std::string vcd_path;     // empty: no waveform
    std::string vcd_layer;    // trace only while this layer runs (empty: whole run)
    uint64_t max_cycles = 0;  // 0: no limit; otherwise a deadlock guard
    // Jump over edges in which every unit only waits for a known DRAM or link event
    // (docs/architecture.md, "Idle skipping"); identical results, `edgesa run --no-skip` turns it
    // off.
    bool skip_idle = true;
    // `edgesa run --scheduler per-unit` (docs/architecture.md, "Schedulers"): every unit is its
    // own SC_METHOD on the clock edge, registers commit in the next delta cycle, one edge per
    // kernel activation, no idle skipping. Identical results, much slower.
    bool per_unit = false;
    // `edgesa verify` hooks (docs/verify.md). isolate_layer >= 0: only that layer runs, on device
    // 0 from cycle 0; every other layer counts as done before cycle 0 and, in functional mode,
    // holds its output from preset_outputs (codes per layer, as SimResult::outputs).
    int isolate_layer = -1;
    const std::vector<std::vector<int64_t>>* preset_outputs = nullptr;
    EventCapture* capture = nullptr;  // records DRAM requests and the write order when set
    // Functional mode: weights and input other than the trace's (the Python module's numpy arrays).
    FunctionalData data;
};

// What a run produced: per-layer counters and probes, all stats, functional outputs.
struct SimResult {
    uint64_t cycles = 0;
    std::vector<LayerStats> layers;
    std::vector<LayerProbe> probes;
    StatRegistry stats;
    bool completed = false;
    uint64_t skipped_edges = 0, skips = 0;  // idle skipping: edges not stepped, jumps taken
    // Functional mode: every layer's output as storage codes (fp32 bits, custom-float codes or
    // fixed raws), in (C, H, W) order.
    std::vector<std::vector<int64_t>> outputs;
};

// Builds the program, elaborates the devices, runs to completion. Throws InputError for bad
// traces and std::runtime_error if the model deadlocks.
SimResult simulate(const Network& net, const AccelConfig& cfg, const Program& prog,
                   const SimOptions& opt);

}  // namespace edgesa::sim
