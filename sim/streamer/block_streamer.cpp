#include "streamer/block_streamer.h"

#include "hw/hw_layout.h"

#include <algorithm>
#include <string>

namespace edgesa::sim {

BlockStreamer::BlockStreamer(sc_core::sc_module_name name, SimContext& ctx, int device,
                             DramPorts& dram, Channel<VecToken>& out, DeviceStatus& status)
    : sc_module(name),
      ctx_(ctx),
      device_(device),
      dram_(dram),
      out_(out),
      status_(status),
      layers_(ctx.device_layers[size_t(device)]),
      burst_(uint64_t(ctx.cfg.dram.burst_bytes)),
      max_outstanding_(uint64_t(ctx.cfg.dram.max_outstanding)) {
    // The read credit, the same number the generated streamer uses (core/hw/hw_layout.h).
    fifo_bytes_ = uint64_t(hw::layout(ctx.cfg).fifo_bytes);
    const std::string p = "dev" + std::to_string(device) + ".streamer.";
    vectors_ = &ctx.stats.add(p + "vectors", "vectors", "Vectors sent to the decompressor bank");
    headers_ = &ctx.stats.add(p + "headers", "headers", "Block headers parsed");
    mem_wait_ = &ctx.stats.add(p + "mem_wait_cycles", "cycles",
                               "Cycles a vector waited for its bytes from DRAM");
}

void BlockStreamer::start_next_layers(uint64_t now) {
    while (cur_ < 0 && pos_ < layers_.size()) {
        const int li = layers_[pos_];
        const LayerProgram& lp = ctx_.prog.layers[size_t(li)];
        for (int in : lp.inputs)
            if (!ctx_.board.available(in, device_, now)) return;
        ++pos_;
        auto& st = ctx_.layer_stats[size_t(li)];
        st.start_cycle = now;
        bool has_vectors = false;
        for (const auto& b : lp.blocks) has_vectors |= b.header.length > 0;
        if (lp.kind == LayerKind::kHost || lp.kind == LayerKind::kNoop || !has_vectors) {
            st.end_cycle = now;  // no device work (concat, flatten, softmax on the host)
            if (ctx_.fn) ctx_.fn->compute_direct(li);
            ctx_.board.mark_done(li, now);
            continue;
        }
        cur_ = li;
        total_bursts_ = (lp.image_bytes + burst_ - 1) / burst_;
        requested_ = delivered_ = consumed_ = 0;
        block_ = 0;
        vec_ = -1;
        block_start_ = 0;
    }
}

void BlockStreamer::finish_block() {
    const LayerProgram& lp = ctx_.prog.layers[size_t(cur_)];
    block_start_ += lp.blocks[block_].bytes();
    ++block_;
    vec_ = -1;
    if (block_ == lp.blocks.size()) cur_ = -1;  // image done; the next layer may start next edge
}

// Image bytes that must have arrived before the current header or vector can be taken.
uint64_t BlockStreamer::need_bytes() const {
    const Block& b = ctx_.prog.layers[size_t(cur_)].blocks[block_];
    if (vec_ < 0) return block_start_ + kHeaderBytes;
    const bool last_vec = uint64_t(vec_) + 1 == b.header.length;
    const uint64_t values_end = last_vec
                                    ? uint64_t(vec_) * b.values_per_vector + b.last_vector_values
                                    : uint64_t(vec_ + 1) * b.values_per_vector;
    return block_start_ + kHeaderBytes + packed_bytes(values_end, b.bits);
}

// Whether the read FIFO and max_outstanding allow one more burst of the current image.
bool BlockStreamer::can_request() const {
    // Credit-based flow control: request only what the read FIFO can hold.
    return requested_ < total_bursts_ && (requested_ + 1) * burst_ - consumed_ <= fifo_bytes_ &&
           requested_ - delivered_ < max_outstanding_;
}

uint64_t BlockStreamer::quiet_edges(uint64_t now) {
    if (dram_.rd_data.read() || dram_.rd_req.read() || out_.valid.read()) return 0;
    if (status_.streamer_layer.read() != cur_) return 0;
    if (cur_ < 0) {
        if (status_.streamer_mem_wait.read()) return 0;
        if (pos_ >= layers_.size()) return kNever;
        // Waiting for an input: until a link transfer arrives (or another device finishes one).
        for (int in : ctx_.prog.layers[size_t(layers_[pos_])].inputs)
            if (!ctx_.board.available(in, device_, now)) {
                const uint64_t a = ctx_.board.next_arrival_after(now);
                return a == kNever ? kNever : a - now;
            }
        return 0;  // the next layer starts at this edge
    }
    // Waiting for DRAM bytes with every allowed burst requested: the edge only counts a wait.
    if (!status_.streamer_mem_wait.read() || can_request()) return 0;
    const uint64_t have = delivered_ * uint64_t(ctx_.cfg.dram.burst_bytes);
    if (have >= need_bytes()) return 0;
    return kNever;
}

void BlockStreamer::skip(uint64_t n) {
    if (cur_ >= 0) *mem_wait_ += n;
}

// Produces at most one token (or parses one header) from bytes already delivered.
bool BlockStreamer::next_token(VecToken* tok, bool* mem_wait) {
    const LayerProgram& lp = ctx_.prog.layers[size_t(cur_)];
    const uint64_t have = delivered_ * uint64_t(ctx_.cfg.dram.burst_bytes);
    const Block& b = lp.blocks[block_];
    if (vec_ < 0) {
        // A header is parsed in its own cycle.
        const uint64_t need = need_bytes();
        if (have < need) {
            *mem_wait = true;
            return false;
        }
        consumed_ = need;
        ++*headers_;
        vec_ = 0;
        if (b.header.length == 0) finish_block();
        return false;
    }
    const bool last_vec = uint64_t(vec_) + 1 == b.header.length;
    const uint64_t need = need_bytes();
    if (have < need) {
        *mem_wait = true;
        return false;
    }
    consumed_ = need;
    tok->kind = uint8_t(b.header.type);
    tok->issues = b.header.type == BlockType::kWeight ? b.header.slot : uint8_t(b.issues);
    tok->row = uint16_t(b.header.type == BlockType::kWeight ? vec_ : 0);
    tok->values = uint16_t(last_vec ? b.last_vector_values : b.values_per_vector);
    tok->format_id = b.format_id;
    tok->layer = uint32_t(cur_);
    tok->block = uint32_t(block_);
    tok->vec = uint32_t(vec_);
    tok->block_last = last_vec;
    tok->layer_last = last_vec && block_ + 1 == lp.blocks.size();
    tok->payload = 0;
    if (ctx_.fn && (b.header.type == BlockType::kWeight || b.header.type == BlockType::kStream)) {
        tok->payload = ctx_.fn->alloc();
        ctx_.fn->gather(cur_, b, uint32_t(vec_), &ctx_.fn->at(tok->payload));
    }
    ++vec_;
    if (last_vec) finish_block();
    return true;
}

void BlockStreamer::tick() {
    const uint64_t now = ctx_.now;
    const uint32_t arrived = dram_.rd_data.read();
    if (cur_ >= 0 && arrived > 0) {
        delivered_ += arrived;
        LayerProbe::mark(ctx_.probes[size_t(cur_)].first_read_data, now);
    }
    if (cur_ < 0) start_next_layers(now);

    uint32_t req = 0;
    bool mem_wait = false;
    VecToken tok;
    bool have_tok = false;
    if (cur_ >= 0) {
        const uint64_t burst = uint64_t(ctx_.cfg.dram.burst_bytes);
        while (can_request()) {
            ++requested_;
            ++req;
        }
        if (req > 0) {
            if (ctx_.capture)  // image bursts requested before this edge give the address
                ctx_.capture->layers[size_t(cur_)].reads.push_back(
                    {now, ctx_.capture->image_addr + (requested_ - req) * burst, req});
            ctx_.layer_stats[size_t(cur_)].dram_read_bursts += req;
            LayerProbe::mark(ctx_.probes[size_t(cur_)].first_read_request, now);
        }
        if (out_.producer_free()) {
            const int layer = cur_;
            have_tok = next_token(&tok, &mem_wait);
            if (have_tok) {
                ++*vectors_;
                LayerProbe::mark(ctx_.probes[size_t(layer)].first_token, now);
            }
            if (mem_wait) ++*mem_wait_;
        }
    }
    drive(out_, have_tok ? &tok : nullptr);
    dram_.rd_req.write(req);
    status_.streamer_mem_wait.write(mem_wait);
    status_.streamer_layer.write(cur_);
}

}  // namespace edgesa::sim
