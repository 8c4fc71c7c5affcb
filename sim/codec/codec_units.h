#pragma once
// The decompressor bank (DRAM words -> compute values, between the streamer and the array) and
// the compressor bank (results -> storage words, between act/pool and write-back). Each is one
// SC_METHOD driving an EngineBank.
#include <systemc>

#include "codec/engine_bank.h"
#include "common/channel.h"
#include "common/device_status.h"
#include "common/sim_context.h"
#include "common/tokens.h"

namespace edgesa::sim {

// decompressor.engines engines, one value per cycle each; constants reload on a format change.
class DecompressorUnit : public sc_core::sc_module {
  public:
    DecompressorUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                     Channel<VecToken>& in, Channel<VecToken>& out, DeviceStatus& status);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping: edges that would change nothing (0 or unbounded); nothing to count.
    uint64_t quiet_edges() const;

  private:
    SimContext& ctx_;
    Channel<VecToken>&in_, &out_;
    DeviceStatus& status_;
    EngineBank<VecToken> bank_;
    Counter *values_, *reloads_, *busy_;
};

// compressor.engines engines; constants reload when the output format changes between layers.
class CompressorUnit : public sc_core::sc_module {
  public:
    CompressorUnit(sc_core::sc_module_name name, SimContext& ctx, int device, Channel<Beat>& in,
                   Channel<Beat>& out);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping: edges that would change nothing (0 or unbounded); nothing to count.
    uint64_t quiet_edges() const;

  private:
    SimContext& ctx_;
    Channel<Beat>&in_, &out_;
    EngineBank<Beat> bank_;
    Counter *values_, *reloads_, *busy_;
};

}  // namespace edgesa::sim
