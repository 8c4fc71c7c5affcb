#include "system/vcd_gate.h"

namespace edgesa::sim {

VcdGate::VcdGate(sc_core::sc_module_name name, SimContext& ctx, int layer, Device& dev,
                 sc_core::sc_trace_file* tf)
    : sc_module(name), ctx_(ctx), layer_(layer) {
    const std::string p = std::string(dev.name()) + ".";
    sc_core::sc_trace(tf, cycle_, "cycle");
    add(words_, dev.dram_ports.rd_req, p + "dram_rd_req", tf);
    add(words_, dev.dram_ports.rd_data, p + "dram_rd_data", tf);
    add(words_, dev.dram_ports.wr_req, p + "dram_wr_req", tf);
    add(words_, dev.dram_ports.wr_done, p + "dram_wr_done", tf);
    add_channel(dev.to_decomp, vecs_, p + "streamer_to_decomp", tf);
    add_channel(dev.to_array, vecs_, p + "decomp_to_array", tf);
    add_channel(dev.to_act, beats_, p + "array_to_actpool", tf);
    add_channel(dev.to_comp, beats_, p + "actpool_to_comp", tf);
    add_channel(dev.to_wb, beats_, p + "comp_to_writeback", tf);
    add(bools_, dev.status.streamer_mem_wait, p + "streamer_mem_wait", tf);
    add(bools_, dev.status.decomp_busy, p + "decomp_busy", tf);
    SC_METHOD(tick);
    sensitive << ctx.tick_fall;
    dont_initialize();
}

void VcdGate::tick() {
    const auto& st = ctx_.layer_stats[size_t(layer_)];
    const uint64_t now = ctx_.cycle();
    if (st.start_cycle == kNever || now < st.start_cycle ||
        (st.end_cycle != kNever && now > st.end_cycle + 1))
        return;
    cycle_.write(now);
    for (auto& m : bools_) m.dst->write(m.src->read());
    for (auto& m : words_) m.dst->write(m.src->read());
    for (auto& m : vecs_) m.dst->write(m.src->read());
    for (auto& m : beats_) m.dst->write(m.src->read());
}

}  // namespace edgesa::sim
