#include "writeback/writeback_unit.h"

#include <string>

#include "hw/hw_layout.h"

namespace edgesa::sim {

WritebackUnit::WritebackUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                             Channel<Beat>& in, DramPorts& dram)
    : sc_module(name),
      ctx_(ctx),
      in_(in),
      dram_(dram),
      port_bursts_(uint64_t(hw::layout(ctx.cfg).wr_port)) {
    const std::string p = "dev" + std::to_string(device) + ".writeback.";
    bursts_ = &ctx.stats.add(p + "bursts", "bursts", "Write bursts requested");
    bits_ = &ctx.stats.add(p + "packed_bits", "bits", "Compressed bits packed for DRAM");
}

uint64_t WritebackUnit::quiet_edges() const {
    const uint64_t burst_bits = uint64_t(ctx_.cfg.dram.burst_bytes) * 8;
    if (!fifo_.empty() || in_.valid.read() || !in_.ready.read()) return 0;
    if (dram_.wr_done.read() || dram_.wr_req.read()) return 0;
    // No burst to request (none whole, or all slots outstanding) and no completion due.
    if (outstanding_ < uint64_t(ctx_.cfg.fifo.write_depth) &&
        (pending_bits_ >= burst_bits || (flushing_ && pending_bits_ > 0)))
        return 0;
    if (flushing_ && pending_bits_ == 0 && outstanding_ == 0) return 0;
    return kNever;
}

void WritebackUnit::tick() {
    const uint64_t now = ctx_.now;
    const uint64_t burst_bits = uint64_t(ctx_.cfg.dram.burst_bytes) * 8;
    const uint64_t max_out = uint64_t(ctx_.cfg.fifo.write_depth);
    outstanding_ -= dram_.wr_done.read();
    if (!flushing_ && !fifo_.empty() && pending_bits_ < burst_bits * port_bursts_) {
        const Beat b = fifo_.front();
        fifo_.pop_front();
        layer_ = b.layer;
        pending_bits_ += uint64_t(b.values) * b.bits;
        *bits_ += uint64_t(b.values) * b.bits;
        flushing_ = b.layer_last;
        if (ctx_.capture) {  // output elements in packing order (pass layers: index order)
            LayerEvents& ev = ctx_.capture->layers[b.layer];
            if (ctx_.fn && b.payload) {
                const Payload& p = ctx_.fn->at(b.payload);
                ev.write_order.insert(ev.write_order.end(), p.index.begin(), p.index.end());
            } else {
                for (uint32_t i = 0; i < b.values; ++i)
                    ev.write_order.push_back(uint32_t(ev.pass_next++));
            }
        }
        if (ctx_.fn && b.payload) {
            const Payload& p = ctx_.fn->at(b.payload);
            auto& out = ctx_.fn->outputs[b.layer];
            for (size_t i = 0; i < p.values.size(); ++i) out[p.index[i]] = p.values[i];
            ctx_.fn->release(b.payload);
        }
    }
    uint32_t req = 0;
    while (outstanding_ < max_out && req < port_bursts_ &&
           (pending_bits_ >= burst_bits || (flushing_ && pending_bits_ > 0))) {
        pending_bits_ = pending_bits_ >= burst_bits ? pending_bits_ - burst_bits : 0;
        ++outstanding_;
        ++req;
    }
    if (req > 0) {
        if (ctx_.capture)  // output bursts requested before this edge give the address
            ctx_.capture->layers[layer_].writes.push_back(
                {now,
                 ctx_.capture->out_addr +
                     ctx_.layer_stats[layer_].dram_write_bursts * (burst_bits / 8),
                 req});
        ctx_.layer_stats[layer_].dram_write_bursts += req;
        *bursts_ += req;
        LayerProbe::mark(ctx_.probes[layer_].first_write_request, now);
    }
    dram_.wr_req.write(req);
    if (flushing_ && pending_bits_ == 0 && outstanding_ == 0) {
        flushing_ = false;
        ctx_.layer_stats[layer_].end_cycle = now;
        ctx_.board.mark_done(int(layer_), now);
    }
    if (in_.fired()) fifo_.push_back(in_.data.read());
    in_.ready.write(fifo_.size() < 2);
}

}  // namespace edgesa::sim
