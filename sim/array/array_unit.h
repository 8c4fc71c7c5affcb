#pragma once
// The systolic array with its adder trees and accumulator banks (docs/architecture.md, units
// 4-6). One SC_METHOD per edge: the row-0 issue register (fills once, stream vectors G times),
// the diagonal pipeline in which a vector issued at edge t is at row r at t + r, its product
// after array.multiplier_stages more edges and its tree sum after tree_stages more, the
// accumulator write one edge later, and the drain of a finished tile to the act/pool unit.
#include <deque>
#include <vector>

#include <systemc>

#include "accum/accumulator_bank.h"
#include "common/channel.h"
#include "common/device_status.h"
#include "common/sim_context.h"
#include "common/tokens.h"

namespace edgesa::sim {

// Row-0 issue, the diagonal multiplier/tree pipeline and the accumulator drain.
class ArrayUnit : public sc_core::sc_module {
  public:
    ArrayUnit(sc_core::sc_module_name name, SimContext& ctx, int device, Channel<VecToken>& in,
              Channel<Beat>& drain, DeviceStatus& status);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping (docs/architecture.md): edges from `now` on in which the issue register only
    // counts a stall or idle cycle and the vectors still in the pipeline only write accumulators
    // (0: the next edge does more), and applying n of them.
    uint64_t quiet_edges(uint64_t now) const;
    void skip(uint64_t n, uint64_t now);

  private:
    // What one position of the diagonal pipeline holds: the vector issued at `issued`.
    struct Slot {
        uint64_t issued = kNever;
        uint8_t kind = 0;  // 0 bubble, 1 fill, 2 stream
        uint32_t layer = 0;
        bool first_of_layer = false;
        bool tile_end = false;  // last issue of a tile: its last-row write ends the tile
        bool layer_last = false;
        uint64_t drain_values = 0;
        uint32_t block = 0;  // the stream block (functional drain order)
        // Field by field: `= Slot{}` went through a stack temporary whose overlapping copies
        // stalled store forwarding (a fifth of timing mode's time).
        void clear() {
            issued = kNever;
            kind = 0;
            layer = 0;
            first_of_layer = tile_end = layer_last = false;
            drain_values = 0;
            block = 0;
        }
    };
    const Slot* at(uint64_t now, uint64_t position) const;
    void inspect_pipeline(uint64_t now);
    void issue(uint64_t now);
    bool forward_pass(uint64_t now, bool drain_free);

    SimContext& ctx_;
    Channel<VecToken>& in_;
    Channel<Beat>& drain_;
    DeviceStatus& status_;
    std::deque<VecToken> fifo_;
    size_t fifo_depth_;
    uint32_t issue_index_ = 0;             // which of the G issues of the head vector is next
    uint64_t last_stream_issue_ = kNever;  // edge of the latest stream issue
    std::vector<Slot> ring_;
    size_t head_ = 0;  // ring position of the current edge (now % ring size)
    uint64_t rows_, mult_stages_, tree_stages_;
    AccumulatorBank bank_;
    // Functional mode: cell weights [row][slot][width], accumulator entries [row][entry], and the
    // finished tile's values in drain order.
    void fill_cells(const VecToken& t);
    void compute_issue(const VecToken& t, const Block& b, uint32_t g);
    void start_drain_values(uint32_t layer, uint32_t block);
    std::vector<int64_t> weights_, acc_, products_;
    // Fixed point with operands of at most 16 bits and no product bits dropped: the cells' weights
    // also as int16 with the sum of their magnitudes per (row, slot), and the issued vector as
    // int16 (the 16-bit dot product below; docs/architecture.md, "Array").
    bool narrow_ = false;
    std::vector<int16_t> weights16_, x16_;
    std::vector<int64_t> weight_magnitude_;
    size_t acc_stride_ = 0;
    Payload drain_values_;
    size_t drain_cursor_ = 0;
    Counter *fill_, *bias_, *issues_, *idle_, *stall_[kStallCount];
};

}  // namespace edgesa::sim
