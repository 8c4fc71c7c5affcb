#include "hw/hw_layout.h"

#include <algorithm>
#include <cctype>

namespace edgesa::hw {

int ceil_log2(int64_t v) {
    int b = 0;
    while ((int64_t(1) << b) < v) ++b;
    return b;
}
int index_bits(int64_t v) {
    return std::max(1, ceil_log2(v));
}

namespace {

int64_t pow2_at_least(int64_t v) {
    int64_t p = 1;
    while (p < v) p *= 2;
    return p;
}

}  // namespace

uint32_t encode_format_word(const StorageFormat& f) {
    using namespace fmt_word;
    uint64_t w = kWidth.put(0, uint64_t(f.bits()));
    if (f.is_custom_float()) {
        const CustomFloatFormat& c = f.custom_float();
        w = kKind.put(w, kKindCustomFloat);
        w = kEI.put(w, uint64_t(c.exp_bits));
        w = kMF.put(w, uint64_t(c.man_bits));
        w = kBias.put(w, uint64_t(uint32_t(c.bias)));
    } else if (f.is_fixed()) {
        w = kKind.put(w, kKindFixed);
        w = kEI.put(w, uint64_t(f.fixed().int_bits));
        w = kMF.put(w, uint64_t(f.fixed().frac_bits));
    }
    return uint32_t(w);
}

StorageFormat decode_format_word(uint32_t word) {
    using namespace fmt_word;
    const int a = int(kEI.get(word)), b = int(kMF.get(word));
    switch (kKind.get(word)) {
        case kKindCustomFloat:
            return CustomFloatFormat{a, b, int(int8_t(uint8_t(kBias.get(word))))};
        case kKindFixed:
            return FixedFormat{a, b};
        default:
            return Fp32Format{};
    }
}

const std::vector<DescField>& descriptor_fields() {
    static const std::vector<DescField> f = {
        {"image_addr", 32, "byte address of the layer image"},
        {"image_bytes", 32, "bytes of the layer image"},
        {"out_addr", 32, "byte address of the packed outputs"},
        {"k", 16, "output channels per group"},
        {"n", 32, "columns (H_out * W_out, 1 for fc)"},
        {"kb", 16, "output blocks"},
        {"rb", 16, "reduction chunks"},
        {"g", 8, "blocks per group step (G)"},
        {"resident", 1, "every weight block resident: slot = kb * RB + rb"},
        {"has_bias", 1, "the layer adds a bias"},
        {"act", 4,
         "activation: 0 none, 1 relu, 2 relu6, 3 leaky_relu, 4 hard_sigmoid, 5 hard_swish, "
         "6 sigmoid, 7 silu, 8 tanh (numerics/activation.h ActCode)"},
        {"w_fmt", fmt_word::kBits, "weight storage-format word"},
        {"x_fmt", fmt_word::kBits, "input storage-format word"},
        {"p1_fmt", fmt_word::kBits,
         "storage-format word of pass inputs 1+ (add/mul: input 1; scale_shift: the weight "
         "format)"},
        {"o_fmt", fmt_word::kBits, "output storage-format word"},
        {"pool_op", 3, "pass: 0 none, 1 max, 2 sum, 3 mul, 4 scale_shift"},
        {"pool_count", 16, "pass vectors per output vector"},
        {"pool_scale", 1, "scale the window result"},
        {"pool_recip", 32, "fp32 float(1/n); fixed round(2^16/n)"},
    };
    return f;
}

std::string desc_camel_name(const DescField& f) {
    std::string name = "Desc";
    bool up = true;
    for (const char* c = f.name; *c; ++c) {
        if (*c == '_') {
            up = true;
            continue;
        }
        name += up ? char(std::toupper(static_cast<unsigned char>(*c))) : *c;
        up = false;
    }
    return name;
}

const std::vector<AxiLiteReg>& axi_lite_regs() {
    static const std::vector<AxiLiteReg> regs = [] {
        std::vector<AxiLiteReg> r = {
            {"Ctrl", 0x00, 2, "rw", "bit 0 start (write 1; reads 1 until taken), bit 1 irq enable"},
            {"Status", 0x04, 3, "ro, w1c",
             "bit 0 busy, bit 1 done (sticky), bit 2 bus error (sticky); write 1 clears 1, 2"},
            {"Cycles", 0x08, 32, "ro", "edges of the last layer: descriptor taken to done_o"},
            {"Id", 0x0c, 32, "ro", "0x45534131 (\"ESA1\")"},
        };
        int off = 0x10;
        for (const auto& d : descriptor_fields()) {
            r.push_back({desc_camel_name(d), off, d.bits, "rw",
                         std::string("desc_") + d.name + "_i: " + d.what});
            off += 4;
        }
        return r;
    }();
    return regs;
}

int axi_lite_addr_bits() {
    return ceil_log2(axi_lite_regs().back().offset + 4);
}

HwLayout layout(const AccelConfig& cfg) {
    HwLayout g;
    const bool fixed = cfg.derived.fixed_compute;
    g.rows = cfg.array.rows;
    g.width = cfg.array.width;
    g.lanes = cfg.act_pool.lanes;
    g.operand_bits = cfg.derived.operand_bits;
    g.leaf_bits = fixed ? cfg.derived.fixed.product_bits : 32;
    g.sum_bits = fixed ? cfg.derived.fixed.accumulator_bits : 32;
    g.slot_bits = index_bits(cfg.array.buffer_depth);
    g.row_bits = index_bits(cfg.array.rows);
    g.acc_addr_bits = index_bits(cfg.accumulator.depth);
    // One bit above the operand: a scale_shift's x * s, rounded, saturates there before + t
    // (exact, docs/numerics.md "Other layers").
    g.pool_lane_bits = fixed ? std::max(g.sum_bits, g.operand_bits + 1) : 32;

    const int64_t burst = cfg.dram.burst_bytes;
    g.burst_bytes = burst;
    g.burst_shift = ceil_log2(burst);  // burst_bytes is a power of two (config/schema.cpp)
    g.rd_max = 1 + std::max<int64_t>(1, cfg.derived.dram_millibytes_per_cycle) / (1000 * burst);
    g.wr_max = cfg.fifo.write_depth;
    // The read FIFO holds fifo.read_depth bursts, and never less than one vector plus a burst.
    const int64_t vector_bytes = int64_t(packed_bytes(uint64_t(cfg.array.width), 32));
    g.fifo_bytes = std::max(cfg.fifo.read_depth * burst,
                            (vector_bytes + 2 * burst - 1) / burst * burst + burst);
    g.bias_entry = cfg.array.buffer_depth * cfg.array.rows;
    g.act_functions = 1u | cfg.derived.act_functions;
    g.pool_ops = cfg.derived.pool_ops;
    g.lane_bits = int(cfg.storage.lane_bits);
    // The credit counts a byte consumed once a vector has read any of its bits (the model's
    // ceil(values_end * bits / 8)), so with widths that are not whole bytes the next vector still
    // reads the rest of that byte while up to fifo_bytes newer bytes may already be requested: the
    // buffer must be larger than the credit, or a short-latency delivery overwrites that byte
    // (found by verify --random, seed 151: e2m0 inputs behind a 0-cycle DRAM).
    const bool partial_bytes = g.lane_bits == 0 || g.lane_bits % 8 != 0;
    g.buf_bytes = pow2_at_least(g.fifo_bytes + (partial_bytes ? 1 : 0));
    while (g.lane_bits != 0 && g.lane_bits % (2 << g.lane_shift) == 0) ++g.lane_shift;
    g.wb_lane_shift = std::min(g.lane_shift, ceil_log2(burst * 8));

    // Every stored code has lane_bits bits when the config fixes them, so tokens and beats
    // carry that many (and the operands or raws fixed compute makes of them), not 32.
    g.code_bits = g.lane_bits != 0 ? g.lane_bits : 32;
    g.tok_lane_bits = fixed ? std::max(g.code_bits, g.operand_bits) : 32;
    g.tok_bits = token::kDataLsb + int64_t(g.tok_lane_bits) * g.width;
    g.beat_lanes = std::max(g.lanes, g.width);
    g.lane_count_bits = index_bits(g.beat_lanes + 1);
    g.val_bits = fixed ? std::max(g.pool_lane_bits, g.code_bits) : 32;
    g.beat_bias_lsb = beat::kValuesLsb + g.val_bits * g.beat_lanes;
    g.bias_bits = fixed ? g.operand_bits : g.code_bits;
    g.beat_bits = g.beat_bias_lsb + int64_t(g.bias_bits) * g.lanes;
    // The write-back packs at most one beat of codes per edge, so a port of that many bursts
    // keeps up with it; the outstanding limit (wr_max) only needs a counter, not a buffer.
    g.wr_port = std::min(g.wr_max, (g.beat_lanes * g.code_bits + 8 * burst - 1) / (8 * burst));

    // AXI4 allows 8..1024-bit data and 256-beat INCR bursts; a wider burst takes several beats.
    g.axi_data_bits = int(std::min<int64_t>(8 * burst, 1024));
    g.axi_size = ceil_log2(g.axi_data_bits / 8);
    g.axi_beats = 8 * burst / g.axi_data_bits;
    g.axi_chunk_bursts = 256 / g.axi_beats;
    g.axi_rd_queue = cfg.dram.max_outstanding;
    g.axi_rd_queue_count_bits = index_bits(g.axi_rd_queue + 1);
    g.axi_wr_queue_count_bits = index_bits(g.wr_max + 1);
    return g;
}

}  // namespace edgesa::hw
