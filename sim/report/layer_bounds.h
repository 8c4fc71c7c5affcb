#pragma once
// Closed-form bounds of one layer next to its simulated cycles, the resource that limits it and
// the config knob that would move it (docs/performance.md, "Bounds and bottlenecks"). The cycles
// come from the simulation; these formulas only explain them.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/sim_context.h"
#include "config/accel_config.h"
#include "program/layer_program.h"

namespace edgesa::sim {

// The DRAM read loop, by Little's law: bursts that must be in flight to keep the bandwidth busy.
struct ReadLoop {
    int64_t round_trip_cycles = 0;   // request edge to the burst's bytes consumed from the FIFO
    int64_t outstanding_needed = 0;  // bursts in flight: bandwidth x (latency + request edges)
    int64_t fifo_needed = 0;         // read FIFO bursts: bandwidth x round trip
};
ReadLoop read_loop(const AccelConfig& cfg);

struct LayerBounds {
    uint64_t compute = 0;  // MACs / (rows * width)
    uint64_t dram = 0;     // DRAM bytes read and written / bytes per cycle
    uint64_t row0 = 0;  // row 0 issues: weight pours + stream vectors + pass vectors, one per cycle
    uint64_t decode = 0;  // decompressed values / decompressor engines
    uint64_t drain = 0;   // act/pool values / lanes, compressed values / compressor engines
    uint64_t achieved = 0;
    std::string limit;      // compute | dram_bandwidth | row0_pour | decompressor | drain |
                            // dram_latency | weight_pour | writeback | pipeline_latency
    bool at_bound = false;  // achieved within 25 % of the largest bound
    std::string knob;       // a sentence: what to change, and why
    std::vector<std::pair<std::string, std::string>> knob_set;  // the same as --set key=value
    uint64_t largest() const;
};

LayerBounds layer_bounds(const AccelConfig& cfg, const LayerProgram& lp, const LayerStats& st);

// `edgesa config check` warnings: the read FIFO or outstanding requests cannot cover latency x
// bandwidth, or the act/pool lanes cannot drain as fast as the array produces.
std::vector<std::string> config_warnings(const AccelConfig& cfg);

}  // namespace edgesa::sim
