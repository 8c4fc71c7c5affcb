#include "system/device.h"

#include <algorithm>

namespace edgesa::sim {

Device::Device(sc_core::sc_module_name name, SimContext& ctx, int id)
    : sc_module(name),
      dram("dram", ctx, id, dram_ports),
      streamer("streamer", ctx, id, dram_ports, to_decomp, status),
      decompressor("decompressor", ctx, id, to_decomp, to_array, status),
      array("array", ctx, id, to_array, to_act, status),
      act_pool("act_pool", ctx, id, to_act, to_comp),
      compressor("compressor", ctx, id, to_comp, to_wb),
      writeback("writeback", ctx, id, to_wb, dram_ports) {
    status.streamer_layer.reset(-1);
}

void Device::tick() {
    // A bank or the write-back that is quiet this edge would change nothing at all (its
    // quiet_edges() conditions; it has no per-edge counters), so its tick is left out.
    dram.tick();
    streamer.tick();
    if (!decompressor.quiet_edges()) decompressor.tick();
    array.tick();
    if (!act_pool.quiet_edges()) act_pool.tick();
    if (!compressor.quiet_edges()) compressor.tick();
    if (!writeback.quiet_edges()) writeback.tick();
    commit();
}

void Device::commit() {
    dram_ports.commit();
    status.commit();
    to_decomp.commit();
    to_array.commit();
    to_act.commit();
    to_comp.commit();
    to_wb.commit();
}

uint64_t Device::quiet_edges(uint64_t now) {
    // Cheapest and most often busy first.
    uint64_t n = dram.quiet_edges();
    if (n) n = std::min(n, decompressor.quiet_edges());
    if (n) n = std::min(n, writeback.quiet_edges());
    if (n) n = std::min(n, act_pool.quiet_edges());
    if (n) n = std::min(n, compressor.quiet_edges());
    if (n) n = std::min(n, streamer.quiet_edges(now));
    if (n) n = std::min(n, array.quiet_edges(now));
    return n;
}

void Device::skip(uint64_t n, uint64_t now) {
    dram.skip(n);
    streamer.skip(n);
    array.skip(n, now);
}

void Device::trace(sc_core::sc_trace_file* tf) const {
    const std::string p = std::string(name()) + ".";
    sc_trace(tf, dram_ports.rd_req, p + "dram_rd_req");
    sc_trace(tf, dram_ports.rd_data, p + "dram_rd_data");
    sc_trace(tf, dram_ports.wr_req, p + "dram_wr_req");
    sc_trace(tf, dram_ports.wr_done, p + "dram_wr_done");
    to_decomp.trace(tf, p + "streamer_to_decomp");
    to_array.trace(tf, p + "decomp_to_array");
    to_act.trace(tf, p + "array_to_actpool");
    to_comp.trace(tf, p + "actpool_to_comp");
    to_wb.trace(tf, p + "comp_to_writeback");
    sc_trace(tf, status.streamer_mem_wait, p + "streamer_mem_wait");
    sc_trace(tf, status.decomp_busy, p + "decomp_busy");
}

}  // namespace edgesa::sim
