#pragma once
// One accelerator: DRAM, block streamer, decompressor bank, array (+ trees and accumulators),
// act/pool unit, compressor bank and write-back, wired by valid/ready channels.
#include <memory>

#include <systemc>

#include "actpool/act_pool_unit.h"
#include "array/array_unit.h"
#include "codec/codec_units.h"
#include "common/channel.h"
#include "common/device_status.h"
#include "memory/dram_unit.h"
#include "streamer/block_streamer.h"
#include "writeback/writeback_unit.h"

namespace edgesa::sim {

// One accelerator: its units, its DRAM and the channels between them.
class Device : public sc_core::sc_module {
  public:
    Device(sc_core::sc_module_name name, SimContext& ctx, int id);
    // Adds the main handshakes to a VCD file.
    void trace(sc_core::sc_trace_file* tf) const;
    // One rising edge of every unit. All units read the signal values of the previous edge and
    // their writes land in the update phase, so the order of the calls never changes a result.
    void tick();
    // The edge's register writes become visible to the next edge (the end of tick(); the
    // per-unit scheduler calls it on its own, system/unit_scheduler.h).
    void commit();
    // Idle skipping: edges from `now` on in which no unit would change anything but counters (0:
    // the next edge does work; kNever: unbounded), and applying n such edges to the counters.
    uint64_t quiet_edges(uint64_t now);
    void skip(uint64_t n, uint64_t now);

    DramPorts dram_ports;
    DeviceStatus status;
    Channel<VecToken> to_decomp{"to_decomp"}, to_array{"to_array"};
    Channel<Beat> to_act{"to_act"}, to_comp{"to_comp"}, to_wb{"to_wb"};
    DramUnit dram;
    BlockStreamer streamer;
    DecompressorUnit decompressor;
    ArrayUnit array;
    ActPoolUnit act_pool;
    CompressorUnit compressor;
    WritebackUnit writeback;
};

}  // namespace edgesa::sim
