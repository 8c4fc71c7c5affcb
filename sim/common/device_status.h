#pragma once
// Registered status bits a unit exports for the array's stall attribution (not handshakes).
#include "common/reg.h"

namespace edgesa::sim {

// Status bits of one device, read by the array for stall attribution.
struct DeviceStatus {
    Reg<bool> streamer_mem_wait{"streamer_mem_wait"};  // a vector waits for DRAM bytes
    Reg<bool> decomp_busy{"decomp_busy"};              // decompressors hold a vector
    Reg<int> streamer_layer{"streamer_layer"};         // layer being read, -1 idle
    void commit() {
        streamer_mem_wait.commit();
        decomp_busy.commit();
        streamer_layer.commit();
    }
};

}  // namespace edgesa::sim
