#pragma once
// Registered status bits a unit exports for the array's stall attribution (not handshakes).
#include <systemc>

namespace edgesa::sim {

// Status bits of one device, read by the array for stall attribution.
struct DeviceStatus {
    sc_core::sc_signal<bool> streamer_mem_wait{"streamer_mem_wait"};  // a vector waits for DRAM bytes
    sc_core::sc_signal<bool> decomp_busy{"decomp_busy"};              // decompressors hold a vector
    sc_core::sc_signal<int> streamer_layer{"streamer_layer"};         // layer being read, -1 idle
};

}  // namespace edgesa::sim
