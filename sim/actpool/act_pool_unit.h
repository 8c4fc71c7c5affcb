#pragma once
// The activation and pooling unit: act_pool.lanes values per cycle, act_pool.stages registers.
// Drain beats get bias + fused activation (same count out); pass beats (pooling, add,
// activation layers) arrive window-gathered: pool_count vectors fold into one output vector.
#include <map>
#include <systemc>

#include "codec/engine_bank.h"
#include "common/channel.h"
#include "common/sim_context.h"
#include "common/tokens.h"

namespace edgesa::sim {

// Bias, activation and pooling on act_pool.lanes values per cycle.
class ActPoolUnit : public sc_core::sc_module {
  public:
    ActPoolUnit(sc_core::sc_module_name name, SimContext& ctx, int device, Channel<Beat>& in,
                Channel<Beat>& out);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping: edges that would change nothing (0 or unbounded); nothing to count.
    uint64_t quiet_edges() const { return bank_.quiet(in_, out_) ? kNever : 0; }

  private:
    void transform(Beat& b);
    SimContext& ctx_;
    Channel<Beat>&in_, &out_;
    EngineBank<Beat> bank_;
    std::map<uint32_t, uint32_t> window_pos_;  // layer -> pass vectors of the current window seen
    Counter* values_;
};

}  // namespace edgesa::sim
