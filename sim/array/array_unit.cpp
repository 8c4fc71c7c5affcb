#include "array/array_unit.h"

#include <string>

namespace edgesa::sim {

ArrayUnit::ArrayUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                     Channel<VecToken>& in, Channel<Beat>& drain, DeviceStatus& status)
    : sc_module(name), ctx_(ctx), in_(in), drain_(drain), status_(status),
      fifo_depth_(size_t(ctx.cfg.fifo.stream_depth)), rows_(uint64_t(ctx.cfg.array.rows)),
      mult_stages_(uint64_t(ctx.cfg.array.multiplier_stages)),
      tree_stages_(uint64_t(ctx.cfg.derived.tree_stages)),
      bank_(uint64_t(ctx.cfg.act_pool.lanes)) {
    // Positions 0 (row-0 input register) .. rows + M + T (last row's accumulator write).
    ring_.resize(size_t(rows_ + mult_stages_ + tree_stages_ + 1));
    const std::string p = "dev" + std::to_string(device) + ".array.";
    fill_ = &ctx.stats.add(p + "fill_vectors", "vectors", "Weight vectors poured into the cell buffers");
    issues_ = &ctx.stats.add(p + "stream_issues", "issues", "Stream vector issues into row 0 (each computes rows x width products)");
    idle_ = &ctx.stats.add(p + "idle_cycles", "cycles", "Cycles with nothing to issue and no layer being read");
    for (int s = 0; s < kStallCount; ++s)
        stall_[s] = &ctx.stats.add(p + "stall." + stall_name(s), "cycles",
                                   std::string("Row-0 issue cycles lost to ") + stall_name(s));
    SC_METHOD(tick);
    sensitive << clk.pos();
    dont_initialize();
}

const ArrayUnit::Slot* ArrayUnit::at(uint64_t now, uint64_t position) const {
    if (now < position) return nullptr;
    const Slot& s = ring_[size_t((now - position) % ring_.size())];
    return s.issued == now - position && s.kind != 0 ? &s : nullptr;
}

void ArrayUnit::inspect_pipeline(uint64_t now) {
    const uint64_t product = mult_stages_, tree_out = product + tree_stages_, acc = tree_out + 1;
    if (const Slot* s = at(now, product); s && s->kind == 2 && s->first_of_layer)
        LayerProbe::mark(ctx_.probes[s->layer].first_product, now);
    if (const Slot* s = at(now, tree_out); s && s->kind == 2 && s->first_of_layer)
        LayerProbe::mark(ctx_.probes[s->layer].first_tree_out, now);
    if (const Slot* s = at(now, acc); s && s->kind == 2) {
        if (s->first_of_layer) LayerProbe::mark(ctx_.probes[s->layer].first_acc_write, now);
        ctx_.layer_stats[s->layer].acc_writes += rows_;
    }
    // The last row writes its accumulator rows - 1 edges after row 0.
    if (const Slot* s = at(now, acc + rows_ - 1); s && s->kind == 2 && s->tile_end)
        bank_.tile_done(s->layer, s->drain_values, s->layer_last);
}

bool ArrayUnit::forward_pass(uint64_t now, bool drain_free) {
    if (fifo_.empty() || fifo_.front().kind != 3 || bank_.busy() || !drain_free) return false;
    const VecToken& t = fifo_.front();
    Beat b{t.layer, t.values, 32, true, t.layer_last};
    drive(drain_, &b);
    ++ctx_.layer_stats[t.layer].pass_vectors;
    LayerProbe::mark(ctx_.probes[t.layer].first_issue, now);
    fifo_.pop_front();
    return true;
}

void ArrayUnit::issue(uint64_t now) {
    Slot& slot = ring_[size_t(now % ring_.size())];
    slot = Slot{};
    if (fifo_.empty()) {
        const int layer = status_.streamer_layer.read();
        if (status_.streamer_mem_wait.read() && layer >= 0) {
            ++*stall_[kStallMemory];
            ++ctx_.layer_stats[size_t(layer)].stall[kStallMemory];
        } else if (status_.decomp_busy.read() && layer >= 0) {
            ++*stall_[kStallDecompressor];
            ++ctx_.layer_stats[size_t(layer)].stall[kStallDecompressor];
        } else {
            ++*idle_;
        }
        return;
    }
    const VecToken& t = fifo_.front();
    auto& st = ctx_.layer_stats[t.layer];
    if (t.kind == 1) {  // fill: one issue, written into its row's slot as it passes (pouring)
        slot.issued = now;
        slot.kind = 1;
        slot.layer = t.layer;
        ++st.fill_vectors;
        ++st.stall[kStallWeightFill];
        ++*fill_;
        ++*stall_[kStallWeightFill];
        fifo_.pop_front();
        return;
    }
    if (t.kind != 2) {  // a pass vector waiting for the banks to drain
        ++st.stall[kStallWriteback];
        ++*stall_[kStallWriteback];
        return;
    }
    const Block& b = ctx_.prog.layers[t.layer].blocks[t.block];
    const bool tile_start = b.rb == 0 && t.vec == 0 && issue_index_ == 0;
    if (tile_start && bank_.busy()) {  // the previous tile is still being written or drained
        ++st.stall[kStallWriteback];
        ++*stall_[kStallWriteback];
        return;
    }
    if (tile_start) bank_.claim();
    auto& probe = ctx_.probes[t.layer];
    slot.issued = now;
    slot.kind = 2;
    slot.layer = t.layer;
    slot.first_of_layer = probe.first_issue == kNever;
    LayerProbe::mark(probe.first_issue, now);
    ++issue_index_;
    slot.tile_end = b.tile_last && t.block_last && issue_index_ == t.issues;
    slot.layer_last = t.layer_last;
    slot.drain_values = b.drain_values;
    ++st.stream_issues;
    st.mac_slots += rows_ * uint64_t(ctx_.cfg.array.width);
    ++*issues_;
    if (issue_index_ == t.issues) {
        issue_index_ = 0;
        fifo_.pop_front();
    }
}

void ArrayUnit::tick() {
    const uint64_t now = ctx_.cycle();
    // Drain first: it reads entries written at earlier edges only.
    bool drain_free = drain_.producer_free();
    if (drain_free) {
        uint32_t layer = 0;
        bool last = false;
        if (const uint64_t n = bank_.drain(&layer, &last)) {
            Beat b{layer, uint32_t(n), 32, false, last};
            drive(drain_, &b);
            LayerProbe::mark(ctx_.probes[layer].first_drain, now);
            drain_free = false;
        }
    }
    inspect_pipeline(now);
    const bool forwarded = forward_pass(now, drain_free);
    if (drain_free && !forwarded) drive<Beat>(drain_, nullptr);
    if (!forwarded) issue(now);
    else ring_[size_t(now % ring_.size())] = Slot{};
    if (in_.fired()) fifo_.push_back(in_.data.read());
    in_.ready.write(fifo_.size() < fifo_depth_);
}

}  // namespace edgesa::sim
