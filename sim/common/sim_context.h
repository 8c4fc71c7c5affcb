#pragma once
// State shared by the units of one simulation: the config, the program, per-layer statistics,
// the layer scoreboard (dependencies and the inter-device link) and latency probes.
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <vector>

#include <systemc>

#include "common/event_capture.h"
#include "config/accel_config.h"
#include "functional/functional_state.h"
#include "network.h"
#include "program/layer_program.h"
#include "stats/stats.h"

namespace edgesa::sim {

constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();

enum Stall { kStallMemory = 0, kStallWeightFill, kStallDecompressor, kStallWriteback, kStallCount };
const char* stall_name(int s);

// Per-layer counters, filled by the units as tokens of that layer pass through them.
struct LayerStats {
    uint64_t start_cycle = kNever, end_cycle = kNever;
    uint64_t stall[kStallCount] = {};
    uint64_t fill_vectors = 0, stream_issues = 0, pass_vectors = 0;
    uint64_t mac_slots = 0;  // rows*width per stream issue (energy: every multiplier fires)
    uint64_t dram_read_bursts = 0, dram_write_bursts = 0;
    uint64_t decoded_values = 0, compressed_values = 0, act_pool_values = 0, acc_writes = 0;
    uint64_t link_bytes = 0;  // this layer's output sent over the inter-device link
};

// First-event probes of one layer, recorded where the event happens (cycle-boundary tests).
struct LayerProbe {
    uint64_t first_read_request = kNever, first_read_data = kNever;
    uint64_t first_token = kNever, first_decoded = kNever, first_issue = kNever;
    uint64_t first_product = kNever, first_tree_out = kNever, first_acc_write = kNever;
    uint64_t first_drain = kNever, first_act_out = kNever, first_compressed = kNever;
    uint64_t first_write_request = kNever;
    static void mark(uint64_t& field, uint64_t cycle) {
        if (field == kNever) field = cycle;
    }
};

// Layer completion and the inter-device link: a tensor produced on device a and read on device
// b crosses one shared serial link after its producer finishes (latency + bytes / bandwidth).
class Scoreboard {
  public:
    void init(const Network& net, const Program& prog, const AccelConfig& cfg);
    // The layer's output is usable on `device` at cycle `now`: its write-back completed at an
    // earlier edge (completion is registered, so the order in which the units' methods run within
    // one edge never matters), and the link transfer, if any, has arrived.
    bool available(int layer, int device, uint64_t now);
    void mark_done(int layer, uint64_t now);
    // Isolated runs (SimOptions::isolate_layer): the layer counts as done and available
    // everywhere before cycle 0, and never crosses the link.
    void preset_done(int layer);
    uint64_t done_cycle(int layer) const { return done_[size_t(layer)]; }
    size_t done_count() const { return done_count_; }
    uint64_t link_bytes() const { return link_bytes_; }
    // Bytes of this layer's output sent over the link (to every consumer device).
    uint64_t link_bytes(int layer) const { return layer_link_bytes_[size_t(layer)]; }
    uint64_t link_busy_cycles() const { return link_busy_; }
    uint64_t link_transfers() const { return link_transfers_; }
    // The latest link arrival scheduled so far (0 when none): waiting for it is not a deadlock.
    uint64_t last_arrival() const { return last_arrival_; }
    // The earliest link arrival after `now` among the transfers sent so far (kNever: none). Idle
    // skipping never jumps past it.
    uint64_t next_arrival_after(uint64_t now) const;

  private:
    // Sends the link transfers of completions from edges before `now`, in (cycle, layer) order.
    void commit(uint64_t now);
    void send(int layer, uint64_t done);
    std::vector<uint64_t> done_;
    std::vector<bool> preset_;
    std::vector<std::pair<uint64_t, int>> pending_;  // completions whose transfers are not sent yet
    std::map<std::pair<int, int>, uint64_t> arrival_;  // (layer, device) -> cycle
    std::vector<std::vector<int>> consumer_devices_;
    std::vector<uint64_t> out_bytes_;
    std::vector<uint64_t> layer_link_bytes_;
    std::vector<int> device_;
    size_t done_count_ = 0;
    uint64_t last_arrival_ = 0;
    uint64_t link_free_ = 0, link_bytes_ = 0, link_busy_ = 0, link_transfers_ = 0;
    double link_cycles_per_byte_ = 0;
    uint64_t link_latency_cycles_ = 0;
};

// The clock period at cfg.clock.mhz, rounded to an even number of picoseconds.
sc_core::sc_time clock_period(const AccelConfig& c);

// Everything the units of one simulation share (read-mostly; each counter has one writer).
struct SimContext {
    SimContext(const AccelConfig& c, const Network& n, const Program& p, bool functional_mode,
               const FunctionalData& data = {});

    const AccelConfig& cfg;
    const Network& net;
    const Program& prog;
    bool functional;
    sc_core::sc_time period;  // clock_period(cfg)
    // The clock: one process (system/simulation.cpp) runs every unit's tick() at each rising
    // edge and notifies `tick` for any other listener; `tick_fall` (half a period later) only
    // feeds the VCD mirrors. No sc_clock signal: that saves a signal update and a negedge
    // callback per cycle.
    sc_core::sc_event tick{"tick"}, tick_fall{"tick_fall"};
    bool want_fall = false;
    StatRegistry stats;
    std::vector<LayerStats> layer_stats;
    std::vector<LayerProbe> probes;
    Scoreboard board;
    std::vector<std::vector<int>> device_layers;  // program layer indices per device, trace order
    std::unique_ptr<FunctionalState> fn;          // functional mode only
    EventCapture* capture = nullptr;              // `edgesa verify` only (SimOptions::capture)

    uint64_t cycle() const { return sc_core::sc_time_stamp().value() / period.value(); }
    uint64_t now = 0;  // the current edge, set by the clock process before the units run
};

}  // namespace edgesa::sim
