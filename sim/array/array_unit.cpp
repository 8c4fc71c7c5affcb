#include "array/array_unit.h"

#include "numerics/fp32.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>

namespace edgesa::sim {

ArrayUnit::ArrayUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                     Channel<VecToken>& in, Channel<Beat>& drain, DeviceStatus& status)
    : sc_module(name),
      ctx_(ctx),
      in_(in),
      drain_(drain),
      status_(status),
      fifo_depth_(size_t(ctx.cfg.fifo.stream_depth)),
      rows_(uint64_t(ctx.cfg.array.rows)),
      mult_stages_(uint64_t(ctx.cfg.array.multiplier_stages)),
      tree_stages_(uint64_t(ctx.cfg.derived.tree_stages)),
      bank_(uint64_t(ctx.cfg.act_pool.lanes)) {
    // Positions 0 (row-0 input register) .. rows + M + T (last row's accumulator write).
    ring_.resize(size_t(rows_ + mult_stages_ + tree_stages_ + 1));
    const std::string p = "dev" + std::to_string(device) + ".array.";
    fill_ = &ctx.stats.add(p + "fill_vectors", "vectors",
                           "Weight vectors poured into the cell buffers");
    bias_ = &ctx.stats.add(p + "bias_vectors", "vectors", "Bias vectors stored for the drain");
    issues_ =
        &ctx.stats.add(p + "stream_issues", "issues",
                       "Stream vector issues into row 0 (each computes rows x width products)");
    idle_ = &ctx.stats.add(p + "idle_cycles", "cycles",
                           "Cycles with nothing to issue and no layer being read");
    for (int s = 0; s < kStallCount; ++s)
        stall_[s] = &ctx.stats.add(p + "stall." + stall_name(s), "cycles",
                                   std::string("Row-0 issue cycles lost to ") + stall_name(s));
    if (ctx.fn) {
        const size_t width = size_t(ctx.cfg.array.width);
        weights_.assign(size_t(rows_) * size_t(ctx.cfg.array.buffer_depth) * width, 0);
        for (const auto& lp : ctx.prog.layers)
            for (const auto& b : lp.blocks)
                if (b.header.type == BlockType::kStream)
                    acc_stride_ = std::max<size_t>(acc_stride_, size_t(b.issues) * b.header.length);
        acc_.assign(size_t(rows_) * acc_stride_, 0);
        products_.resize(width);
        const FixedDatapath& d = ctx.cfg.derived.fixed;
        narrow_ = ctx.cfg.derived.fixed_compute && d.operand.total_bits() <= 16 &&
                  2 * d.operand.total_bits() == d.product_bits;
        if (narrow_) {
            weights16_.assign(weights_.size(), 0);
            weight_magnitude_.assign(weights_.size() / width, 0);
            x16_.assign(width, 0);
        }
    }
}

namespace {
// The exact sum of a row's width products when it cannot leave int32 (the caller checks the
// sum of magnitudes): a plain loop the compiler turns into packed 16-bit multiply-adds.
int64_t dot16(const int16_t* w, const int16_t* x, size_t width) {
    int32_t s = 0;
    for (size_t j = 0; j < width; ++j) s += int32_t(w[j]) * int32_t(x[j]);
    return s;
}
}  // namespace

void ArrayUnit::fill_cells(const VecToken& t) {
    const size_t width = size_t(ctx_.cfg.array.width), depth = size_t(ctx_.cfg.array.buffer_depth);
    const Payload& p = ctx_.fn->at(t.payload);
    const size_t at = (size_t(t.row) * depth + t.issues) * width;
    int64_t* cell = &weights_[at];
    for (size_t j = 0; j < width; ++j) cell[j] = j < p.values.size() ? p.values[j] : 0;
    if (narrow_) {
        int64_t magnitude = 0;
        for (size_t j = 0; j < width; ++j) {
            weights16_[at + j] = int16_t(cell[j]);
            magnitude += cell[j] < 0 ? -cell[j] : cell[j];
        }
        weight_magnitude_[at / width] = magnitude;
    }
    ctx_.fn->release(t.payload);
}

// The values a stream issue produces. They are computed at the issue edge: vectors never overtake,
// so the weights this issue meets at row r are exactly those of the fills issued before it, and
// each accumulator entry sees its chunks in rb order (docs/architecture.md, "Array").
void ArrayUnit::compute_issue(const VecToken& t, const Block& b, uint32_t g) {
    const LayerProgram& lp = ctx_.prog.layers[t.layer];
    const ValueCodec& vc = ctx_.fn->codec();
    const size_t width = size_t(ctx_.cfg.array.width), depth = size_t(ctx_.cfg.array.buffer_depth);
    const int64_t kb = int64_t(b.kb) + g;
    const size_t slot = lp.resident_all ? size_t(lp.slot_base + kb * lp.RB + b.rb) : size_t(g);
    const int64_t valid_rows = std::min<int64_t>(int64_t(rows_), lp.K - kb * int64_t(rows_));
    const size_t entry = size_t(g) * b.header.length + t.vec;
    const std::vector<int64_t>& x = ctx_.fn->at(t.payload).values;
    const FixedDatapath& d = ctx_.cfg.derived.fixed;
    const int drop = 2 * d.operand.total_bits() - d.product_bits;
    // Narrow operands: |every partial sum of the tree| <= sum |w_j| * max |x_j|. When that bound
    // is within the accumulator range and int32, no tree add saturates and the tree's result is
    // the exact integer dot product, computed in 16-bit lanes.
    int64_t x_max = 0, narrow_limit = 0;
    if (narrow_) {
        for (size_t j = 0; j < width; ++j) {
            x16_[j] = int16_t(x[j]);
            x_max = std::max<int64_t>(x_max, x[j] < 0 ? -x[j] : x[j]);
        }
        narrow_limit = std::min<int64_t>((int64_t(1) << (d.accumulator_bits - 1)) - 1, INT32_MAX);
    }
    for (int64_t r = 0; r < valid_rows; ++r) {
        const size_t cell = size_t(r) * depth + slot;
        const int64_t* w = &weights_[cell * width];
        int64_t& a = acc_[size_t(r) * acc_stride_ + entry];
        if (vc.fixed() && drop >= 0) {
            // Inlined FixedDatapath::mul (exact product, floor-drop) and add (saturating).
            const int64_t hi = (int64_t(1) << (d.accumulator_bits - 1)) - 1, lo = -hi - 1;
            auto sat_add = [hi, lo](int64_t u, int64_t v) {
                const int64_t s = u + v;
                return s > hi ? hi : (s < lo ? lo : s);
            };
            if (narrow_ && weight_magnitude_[cell] * x_max <= narrow_limit) {
                const int64_t sum = dot16(&weights16_[cell * width], x16_.data(), width);
                a = b.rb == 0 ? sum : sat_add(a, sum);
                continue;
            }
            int64_t sum = 0, magnitude = 0;
            for (size_t j = 0; j < width; ++j) {
                const int64_t p = drop == 0 ? w[j] * x[j] : (w[j] * x[j]) >> drop;
                sum += p;
                magnitude += p < 0 ? -p : p;
            }
            // No partial sum of the tree can exceed the sum of magnitudes: when that is within
            // range no add saturates, and the tree's result is the plain (exact integer) sum.
            if (magnitude > hi) {
                for (size_t j = 0; j < width; ++j) products_[j] = (w[j] * x[j]) >> drop;
                for (size_t n = width; n > 1; n /= 2)  // balanced tree: level 0 adds (2i, 2i+1)
                    for (size_t i = 0; i < n / 2; ++i)
                        products_[i] = sat_add(products_[2 * i], products_[2 * i + 1]);
                sum = products_[0];
            }
            a = b.rb == 0 ? sum : sat_add(a, sum);
        } else if (!vc.fixed()) {
            auto f = [](int64_t v) { return fp32::from_bits(uint32_t(v)); };
            for (size_t j = 0; j < width; ++j)
                products_[j] = int64_t(fp32::bits(fp32::mul(f(w[j]), f(x[j]))));
            for (size_t n = width; n > 1; n /= 2)
                for (size_t i = 0; i < n / 2; ++i)
                    products_[i] = int64_t(
                        fp32::bits(fp32::add(f(products_[2 * i]), f(products_[2 * i + 1]))));
            a = b.rb == 0 ? products_[0] : int64_t(fp32::bits(fp32::add(f(a), f(products_[0]))));
        } else {
            for (size_t j = 0; j < width; ++j) products_[j] = vc.mul(w[j], x[j]);
            for (size_t n = width; n > 1; n /= 2)
                for (size_t i = 0; i < n / 2; ++i)
                    products_[i] = vc.add(products_[2 * i], products_[2 * i + 1]);
            a = b.rb == 0 ? products_[0] : vc.add(a, products_[0]);
        }
    }
}

void ArrayUnit::start_drain_values(uint32_t layer, uint32_t block) {
    const LayerProgram& lp = ctx_.prog.layers[layer];
    const Block& b = lp.blocks[block];
    drain_values_.values.clear();
    drain_values_.index.clear();
    drain_cursor_ = 0;
    const int64_t lt = b.header.length;
    for (uint32_t g = 0; g < b.issues; ++g) {
        const int64_t kb = int64_t(b.kb) + g;
        const int64_t valid_rows = std::min<int64_t>(int64_t(rows_), lp.K - kb * int64_t(rows_));
        for (int64_t r = 0; r < valid_rows; ++r)
            for (int64_t col = 0; col < lt; ++col) {
                drain_values_.values.push_back(
                    acc_[size_t(r) * acc_stride_ + size_t(g) * size_t(lt) + size_t(col)]);
                const int64_t k = int64_t(b.group) * lp.K + kb * int64_t(rows_) + r;
                drain_values_.index.push_back(uint32_t(k * lp.N + b.n0 + col));
            }
    }
}

const ArrayUnit::Slot* ArrayUnit::at(uint64_t now, uint64_t position) const {
    if (now < position) return nullptr;
    // head_ = now % ring size (set once per edge), so no division here
    const size_t i = head_ >= position ? head_ - position : head_ + ring_.size() - position;
    const Slot& s = ring_[i];
    return s.issued == now - position && s.kind != 0 ? &s : nullptr;
}

void ArrayUnit::inspect_pipeline(uint64_t now) {
    // Only stream vectors have events; none issued within the ring's span means none in flight.
    if (last_stream_issue_ == kNever || last_stream_issue_ + ring_.size() <= now) return;
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
    if (const Slot* s = at(now, acc + rows_ - 1); s && s->kind == 2 && s->tile_end) {
        bank_.tile_done(s->layer, s->drain_values, s->layer_last);
        if (ctx_.fn) start_drain_values(s->layer, s->block);
    }
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
    Slot& slot = ring_[head_];
    slot.clear();
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
        if (ctx_.fn && t.payload) fill_cells(t);
        fifo_.pop_front();
        return;
    }
    if (t.kind == uint8_t(BlockType::kBias)) {
        // Bias vector: stored for the drain in one edge (the RTL keeps two kb-sets of biases;
        // docs/architecture.md, "Biases"). It occupies the row-0 issue like a weight fill.
        ++st.stall[kStallWeightFill];
        ++*stall_[kStallWeightFill];
        ++*bias_;
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
    slot.block = t.block;
    if (ctx_.fn && t.payload) compute_issue(t, b, issue_index_ - 1);
    ++st.stream_issues;
    st.mac_slots += rows_ * uint64_t(ctx_.cfg.array.width);
    ++*issues_;
    last_stream_issue_ = now;
    if (issue_index_ == t.issues) {
        issue_index_ = 0;
        if (ctx_.fn) ctx_.fn->release(t.payload);
        fifo_.pop_front();
    }
}

uint64_t ArrayUnit::quiet_edges(uint64_t now) const {
    if (!fifo_.empty() || in_.valid.read() || !in_.ready.read() || drain_.valid.read() ||
        bank_.draining())
        return 0;
    const uint64_t acc = mult_stages_ + tree_stages_ + 1,
                   last = acc + rows_ - 1;  // last = ring size - 1
    if (last_stream_issue_ == kNever || last_stream_issue_ + last < now)
        return kNever;  // pipeline empty
    // Stream vectors still in the pipeline: quiet until the next probe or tile end among them.
    uint64_t h = kNever;
    for (const Slot& s : ring_) {
        if (s.kind != 2 || s.issued == kNever || s.issued + last < now) continue;
        auto event = [&](uint64_t position) {
            if (s.issued + position >= now) h = std::min(h, s.issued + position - now);
        };
        if (s.first_of_layer) {
            event(mult_stages_);
            event(mult_stages_ + tree_stages_);
            event(acc);
        }
        if (s.tile_end) event(last);
    }
    return h;
}

void ArrayUnit::skip(uint64_t n, uint64_t now) {
    // The counters issue() adds on an empty FIFO (the status bits hold during a quiet stretch).
    const int layer = status_.streamer_layer.read();
    if (status_.streamer_mem_wait.read() && layer >= 0) {
        *stall_[kStallMemory] += n;
        ctx_.layer_stats[size_t(layer)].stall[kStallMemory] += n;
    } else if (status_.decomp_busy.read() && layer >= 0) {
        *stall_[kStallDecompressor] += n;
        ctx_.layer_stats[size_t(layer)].stall[kStallDecompressor] += n;
    } else {
        *idle_ += n;
    }
    // The accumulator writes inspect_pipeline() counts for vectors reaching that position.
    const uint64_t acc = mult_stages_ + tree_stages_ + 1;
    for (const Slot& s : ring_)
        if (s.kind == 2 && s.issued != kNever && s.issued + acc >= now && s.issued + acc < now + n)
            ctx_.layer_stats[s.layer].acc_writes += rows_;
}

void ArrayUnit::tick() {
    const uint64_t now = ctx_.now;
    head_ = size_t(now % ring_.size());
    // Drain first: it reads entries written at earlier edges only.
    bool drain_free = drain_.producer_free();
    if (drain_free) {
        uint32_t layer = 0;
        bool last = false;
        if (const uint64_t n = bank_.drain(&layer, &last)) {
            Beat b{layer, uint32_t(n), 32, false, last};
            if (ctx_.fn) {
                b.payload = ctx_.fn->alloc();
                Payload& p = ctx_.fn->at(b.payload);
                p.values.assign(drain_values_.values.begin() + long(drain_cursor_),
                                drain_values_.values.begin() + long(drain_cursor_ + n));
                p.index.assign(drain_values_.index.begin() + long(drain_cursor_),
                               drain_values_.index.begin() + long(drain_cursor_ + n));
                drain_cursor_ += n;
            }
            drive(drain_, &b);
            LayerProbe::mark(ctx_.probes[layer].first_drain, now);
            drain_free = false;
        }
    }
    inspect_pipeline(now);
    const bool forwarded = forward_pass(now, drain_free);
    if (drain_free && !forwarded) drive<Beat>(drain_, nullptr);
    if (!forwarded)
        issue(now);
    else
        ring_[head_].clear();
    if (in_.fired()) fifo_.push_back(in_.data.read());
    in_.ready.write(fifo_.size() < fifo_depth_);
}

}  // namespace edgesa::sim
