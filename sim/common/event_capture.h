#pragma once
// Optional record of the memory-side events of a run, for `edgesa verify` (docs/verify.md): each
// read request and write-back transaction (the edge it was issued at, its byte address and its
// bursts), per layer the output elements in the order the write-back packed them, and device 0's
// DRAM responses (the handshake trace of a mismatch). The units append to it only when
// SimOptions::capture is set; a normal run never allocates it.
#include <cstdint>
#include <vector>

namespace edgesa::sim {

// One DRAM request: issued at edge `cycle`, `bursts` consecutive bursts from byte `addr`.
struct MemEvent {
    uint64_t cycle = 0;
    uint64_t addr = 0;
    uint32_t bursts = 0;
};

// One DRAM response: at edge `cycle` the DRAM delivered `bursts` read bursts (or moved that many
// write bursts); the requester sees them at the next edge.
struct PortBeat {
    uint64_t cycle = 0;
    uint32_t bursts = 0;
};

// The events of one layer. Addresses: the layer image is read from `image_addr` upward and the
// output is written from `out_addr` upward, both in whole bursts (EventCapture).
struct LayerEvents {
    std::vector<MemEvent> reads, writes;
    std::vector<uint32_t> write_order;  // output element (C, H, W index) of each stored value
    uint64_t pass_next = 0;             // pass layers emit their outputs in index order
};

// What the streamer and the write-back record when asked to.
struct EventCapture {
    uint64_t image_addr = 0;  // byte address of every layer image (verify runs one layer at a time)
    uint64_t out_addr = 0;    // byte address of every layer output
    std::vector<LayerEvents> layers;         // per program layer (sized by simulate())
    std::vector<PortBeat> rd_data, wr_done;  // device 0's DRAM unit, every edge with a response
};

}  // namespace edgesa::sim
