#pragma once
// The accumulator banks of all rows (one per row, accumulator.depth entries each) and their
// drain: a tile owns the banks from its first issue until the drain has read every valid entry,
// act_pool.lanes entries per cycle. Stepped by the array unit's edge (no handshake between the
// trees and the banks: the trees never stall).
#include <cstdint>

namespace edgesa::sim {

// The accumulator banks of all rows and the drain cursor of the tile that owns them.
class AccumulatorBank {
  public:
    explicit AccumulatorBank(uint64_t lanes) : lanes_(lanes) {}
    bool busy() const { return in_use_; }
    bool draining() const { return drain_left_ > 0; }
    void claim() { in_use_ = true; }
    // The tile's last write landed: `values` valid entries wait to be drained.
    void tile_done(uint32_t layer, uint64_t values, bool layer_last) {
        drain_layer_ = layer;
        drain_left_ = values;
        drain_layer_last_ = layer_last;
        if (values == 0) in_use_ = false;
    }
    // Reads the next drain beat; returns the number of values (0 when nothing to drain).
    uint64_t drain(uint32_t* layer, bool* layer_last) {
        if (drain_left_ == 0) return 0;
        const uint64_t n = drain_left_ < lanes_ ? drain_left_ : lanes_;
        drain_left_ -= n;
        *layer = drain_layer_;
        *layer_last = drain_left_ == 0 && drain_layer_last_;
        if (drain_left_ == 0) in_use_ = false;
        reads_ += n;
        return n;
    }
    uint64_t reads() const { return reads_; }

  private:
    uint64_t lanes_;
    bool in_use_ = false;
    uint64_t drain_left_ = 0;
    uint32_t drain_layer_ = 0;
    bool drain_layer_last_ = false;
    uint64_t reads_ = 0;
};

}  // namespace edgesa::sim
