#pragma once
// The block streamer: reads each layer's block image from DRAM in bursts (credit-limited by the
// read FIFO and max_outstanding), parses headers, and emits one vector per cycle to the
// decompressor bank once the vector's packed bytes have arrived.
#include <systemc>

#include "common/channel.h"
#include "common/device_status.h"
#include "common/sim_context.h"
#include "common/tokens.h"
#include "memory/dram_unit.h"

namespace edgesa::sim {

// Reads each layer image from DRAM and sends its vectors to the decompressors.
class BlockStreamer : public sc_core::sc_module {
  public:
    BlockStreamer(sc_core::sc_module_name name, SimContext& ctx, int device, DramPorts& dram,
                  Channel<VecToken>& out, DeviceStatus& status);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping (docs/architecture.md): edges from `now` on that would only count a memory
    // wait (0: the next edge does work), and applying n of them.
    uint64_t quiet_edges(uint64_t now);
    void skip(uint64_t n);

  private:
    void start_next_layers(uint64_t now);
    bool next_token(VecToken* tok, bool* mem_wait);
    void finish_block();
    uint64_t need_bytes() const;
    bool can_request() const;

    SimContext& ctx_;
    int device_;
    DramPorts& dram_;
    Channel<VecToken>& out_;
    DeviceStatus& status_;
    const std::vector<int>& layers_;
    size_t pos_ = 0;                          // next entry of layers_
    int cur_ = -1;                            // layer being streamed
    uint64_t requested_ = 0, delivered_ = 0;  // bursts of the current image
    uint64_t consumed_ = 0;                   // image bytes consumed
    size_t block_ = 0;
    int64_t vec_ = -1;                                   // -1: header not parsed yet
    uint64_t block_start_ = 0;                           // image offset of the current block
    uint64_t burst_, max_outstanding_, fifo_bytes_ = 0;  // from the config
    uint64_t total_bursts_ = 0;                          // bursts of the current image
    Counter *vectors_, *headers_, *mem_wait_;
};

}  // namespace edgesa::sim
