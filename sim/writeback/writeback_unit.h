#pragma once
// Write-back: packs compressed values into bursts and requests DRAM writes, at most
// fifo.write_depth bursts outstanding and hw::HwLayout::wr_port bursts per edge (the pending
// buffer holds fewer than wr_port bursts before it takes a beat). A layer is complete when its last
// beat is packed, the partial burst flushed and every write burst has moved.
#include <deque>

#include <systemc>

#include "common/channel.h"
#include "common/sim_context.h"
#include "common/tokens.h"
#include "memory/dram_unit.h"

namespace edgesa::sim {

class WritebackUnit : public sc_core::sc_module {
  public:
    WritebackUnit(sc_core::sc_module_name name, SimContext& ctx, int device, Channel<Beat>& in,
                  DramPorts& dram);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping: edges that would change nothing (0 or unbounded); nothing to count.
    uint64_t quiet_edges() const;

  private:
    SimContext& ctx_;
    Channel<Beat>& in_;
    DramPorts& dram_;
    const uint64_t port_bursts_;  // hw::layout(cfg).wr_port, the generated write-back's WrPort
    std::deque<Beat> fifo_;
    uint64_t pending_bits_ = 0;  // packed bits not yet handed to DRAM
    uint64_t outstanding_ = 0;   // write bursts requested, not yet moved
    uint32_t layer_ = 0;
    bool flushing_ = false;  // the layer's last beat is in; flush and wait for the writes
    Counter *bursts_, *bits_;
};

}  // namespace edgesa::sim
