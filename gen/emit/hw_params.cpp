// edgesa_hw_params.vh: the hardware description of one design (core/hw/hw_layout.h) as Verilog
// localparams with bit-range comments. The modules that read token, beat or format-word fields
// include it inside their body, so each field offset is written once, here.
#include <fmt/format.h>

#include <cctype>
#include <type_traits>

#include "emitters.h"
#include "numerics/activation.h"
#include "numerics/activation_table.h"
#include "numerics/fp32.h"

namespace edgesa::gen {

namespace {

std::string range(int msb, int lsb) {
    return msb == lsb ? fmt::format("[{}]", lsb) : fmt::format("[{}:{}]", msb, lsb);
}

std::string param(const std::string& name, int64_t value, const std::string& comment) {
    std::string line = fmt::format("localparam integer {:<19} = {};", name, value);
    if (comment.empty()) return line + "\n";
    return fmt::format("{:<46}// {}\n", line, comment);
}

std::string fields(const hw::Field* const* begin, const hw::Field* const* end) {
    std::string s;
    for (auto it = begin; it != end; ++it) {
        const hw::Field& f = **it;
        s += param(std::string(f.name) + "Lsb", f.lsb, range(f.msb(), f.lsb) + " " + f.what);
        s += param(std::string(f.name) + "Bits", f.bits, "");
    }
    return s;
}

// A table of 32-bit constants, entry i at [32*i +: 32] (fp32 bits or a two's-complement raw).
std::string table(const std::string& name, const uint32_t* v, int n, const std::string& comment) {
    std::string s = fmt::format("// {}\nlocalparam [{}:0] {} = {{", comment, 32 * n - 1, name);
    for (int i = n - 1; i >= 0; --i)
        s += fmt::format("{}32'h{:08x}{}", (n - 1 - i) % 6 == 0 ? "\n  " : "", v[i],
                         i > 0 ? ", " : "");
    return s + "\n};\n";
}

template <class T>
std::string pwl(const std::string& name, const std::array<T, kPwlSegments>& a,
                const std::string& comment) {
    uint32_t v[kPwlSegments];
    for (int i = 0; i < kPwlSegments; ++i) {
        if constexpr (std::is_same_v<T, float>)
            v[i] = fp32::bits(a[size_t(i)]);
        else
            v[i] = uint32_t(a[size_t(i)]);
    }
    return table(name, v, kPwlSegments, comment);
}

std::string fp32_param(const std::string& name, float v, const std::string& comment) {
    return fmt::format("{:<46}// {}\n",
                       fmt::format("localparam [31:0] {:<19} = 32'h{:08x};", name, fp32::bits(v)),
                       comment);
}

// The activation functions' codes and constants (core/numerics/activation_table.h): fp32 designs
// read the fp32 forms, fixed designs the 16-fraction-bit forms.
std::string activation_params(bool fixed) {
    std::string s =
        "\n// Activations (docs/numerics.md): desc_act_i codes and the table constants.\n";
    for (int c = 0; c < kActCodes; ++c) {
        std::string camel;
        bool up = true;
        for (const char* p = activation_code_name(c); *p; ++p) {
            if (*p == '_') {
                up = true;
                continue;
            }
            camel += up ? char(std::toupper(*p)) : *p;
            up = false;
        }
        s += param("Act" + camel, c, c == 0 ? "act code" : "");
    }
    s += param("ActPwlSegments", kPwlSegments, "table segments per side of 0");
    s += param("ActPwlIndexBits", kPwlIndexBits, "log2(ActPwlSegments)");
    s += param("ActSigmoidShift", sigmoid_table().shift, "sigmoid segment width 2^-shift");
    s += param("ActTanhShift", tanh_table().shift, "tanh segment width 2^-shift");
    for (const PwlTable* t : {&sigmoid_table(), &tanh_table()}) {
        std::string n = t->name;
        n[0] = char(std::toupper(n[0]));
        if (fixed) {
            s += pwl("Act" + n + "SlopeQ16", t->slope_q16, n + " slopes, 16 fraction bits");
            // x < 0: 2^16 - intercept (sigmoid), -intercept (tanh), derived in the lane
            s += pwl("Act" + n + "IcptPosQ16", t->icpt_pos_q16, n + " intercepts, x >= 0");
        } else {
            s += pwl("Act" + n + "SlopeF32", t->slope_f32, n + " slopes, fp32");
            s += pwl("Act" + n + "IcptPosF32", t->icpt_pos_f32, n + " intercepts, x >= 0 (fp32)");
            s += pwl("Act" + n + "IcptNegF32", t->icpt_neg_f32,
                     n + " intercepts, x < 0 (fp32; sign bit set)");
        }
    }
    if (fixed) {
        s += param("ActConstFrac", kActConstFrac, "fraction bits of the fixed constants");
        s += param("ActLeakyQ16", leaky_slope_q16(), "round(0.1 * 2^16)");
        s += param("ActSixthQ16", sixth_q16(), "round(2^16 / 6)");
        s += param("ActHalfQ16", kHalfQ16, "0.5 * 2^16");
    } else {
        s += fp32_param("ActLeakyF32", leaky_slope_f32(), "float(0.1)");
        s += fp32_param("ActSixthF32", sixth_f32(), "float(1 / 6)");
    }
    return s;
}

}  // namespace

VerilogUnit emit_hw_params(const GenContext& ctx) {
    const hw::HwLayout& h = ctx.hw;
    std::string s =
        "// The hardware description of this design (edgesa core/hw/hw_layout.h): sizes derived\n"
        "// from the config and the bit layout of every packed word. Modules include it inside\n"
        "// their body (`include \"edgesa_hw_params.vh\"), so the names are module-local; lint "
        "and\n"
        "// synthesis need the design folder on the include path (verilator -y/-I, yosys finds it\n"
        "// beside the including file).\n"
        "/* verilator lint_off UNUSEDPARAM */\n\n";
    s += "// Sizes (config keys in parentheses).\n";
    s += param("HwRows", h.rows, "array.rows");
    s += param("HwWidth", h.width, "array.width: values per vector");
    s += param("HwLanes", h.lanes, "act_pool.lanes");
    s += param("HwOperandBits", h.operand_bits, "compute operand width");
    s += param("HwLeafBits", h.leaf_bits, "product width entering a tree");
    s += param("HwSumBits", h.sum_bits, "tree and accumulator width");
    s += param("HwSlotBits", h.slot_bits, "weight-slot index (array.buffer_depth)");
    s += param("HwRowBits", h.row_bits, "row index (array.rows)");
    s += param("HwAccAddrBits", h.acc_addr_bits, "accumulator entry index (accumulator.depth)");
    s += param("HwActFunctions", h.act_functions, "act_pool.functions: bit c = act code c built");
    s += param("HwPoolOps", h.pool_ops,
               "act_pool.ops: bit 0 max_pool, 1 avg_pool, 2 add, 3 mul, 4 scale_shift built");
    s += param("HwPoolLaneBits", h.pool_lane_bits,
               "act/pool lane: max(HwSumBits, HwOperandBits + 1)");
    s += param("HwBurstBytes", h.burst_bytes, "dram.burst_bytes");
    s += param("HwBurstShift", h.burst_shift, "log2(HwBurstBytes)");
    s += param("HwRdMax", h.rd_max, "read bursts deliverable in one edge");
    s += param("HwWrMax", h.wr_max, "write bursts outstanding (fifo.write_depth)");
    s += param("HwWrPort", h.wr_port,
               "write bursts per edge: min(HwWrMax, ceil(HwBeatLanes * HwCodeBits / burst bits))");
    s += param("HwFifoBytes", h.fifo_bytes, "read credit: requested*burst - consumed <= this");
    s += param("HwBufBytes", h.buf_bytes,
               "circular read buffer (power of two > HwFifoBytes, >= with whole-byte widths)");
    s += param("HwBiasEntry", h.bias_entry, "bias codes per entry of the array unit (two entries)");
    s += param("HwLaneBits", h.lane_bits, "storage.lane_bits: 0 = widths at run time");
    s += param("HwLaneShift", h.lane_shift, "trailing zero bits of HwLaneBits");
    s += param("HwCodeBits", h.code_bits, "a stored code: HwLaneBits, or 32 when it is 0");
    s += param(
        "HwBiasBits", h.bias_bits,
        "a bias (array unit, beat): fixed HwOperandBits (a decompressed raw), fp32 HwCodeBits");
    s += param("HwTokLaneBits", h.tok_lane_bits,
               "a token's value lane: fixed max(HwCodeBits, HwOperandBits), fp32 32");
    s += param("HwTokBits", h.tok_bits, "token: TokDataLsb + HwTokLaneBits * HwWidth");
    s += param("HwBeatLanes", h.beat_lanes, "value lanes of a beat: max(HwLanes, HwWidth)");
    s += param("HwLaneCountBits", h.lane_count_bits,
               "a count of valid lanes (TokValues, BeatCount: at most HwBeatLanes)");
    s += param("HwValBits", h.val_bits,
               "a beat's value lane: fixed max(HwPoolLaneBits, HwCodeBits), fp32 32");
    s += param("HwBeatBits", h.beat_bits,
               "beat: BeatValuesLsb + HwValBits * HwBeatLanes + HwBiasBits * HwLanes");

    s += fmt::format("\n// Storage-format word [{}:0] (descriptor w/x/p1/o_fmt, token key).\n",
                     hw::fmt_word::kBits - 1);
    s += param("FmtWordBits", hw::fmt_word::kBits, range(hw::fmt_word::kBits - 1, 0));
    s += fields(std::begin(hw::fmt_word::kFields), std::end(hw::fmt_word::kFields));

    s += "\n// Block header: the 8 bytes before each block of the layer image in memory.\n";
    s += fields(std::begin(hw::block_header::kFields), std::end(hw::block_header::kFields));

    s += "\n// Token: one vector, block streamer -> decompressor bank -> array unit.\n";
    s += fields(std::begin(hw::token::kFields), std::end(hw::token::kFields));
    s += param("TokDataLsb", hw::token::kDataLsb,
               fmt::format("{} HwWidth HwTokLaneBits-bit value lanes",
                           range(int(h.tok_bits - 1), hw::token::kDataLsb)));

    s += "\n// Beat: array unit -> act/pool bank -> compressor bank -> write-back.\n";
    s += fields(std::begin(hw::beat::kFields), std::end(hw::beat::kFields));
    s += param("BeatValuesLsb", hw::beat::kValuesLsb,
               fmt::format("{} HwBeatLanes HwValBits-bit value lanes",
                           range(int(h.beat_bias_lsb - 1), hw::beat::kValuesLsb)));
    s += param("BeatBiasLsb", h.beat_bias_lsb,
               fmt::format("{} HwLanes HwBiasBits-bit biases (drain beats)",
                           range(int(h.beat_bits - 1), int(h.beat_bias_lsb))));

    s += "\n// Layer descriptor: edgesa_top's desc_<name>_i port widths.\n";
    for (const auto& d : hw::descriptor_fields()) {
        s += param(hw::desc_camel_name(d) + "Bits", d.bits,
                   std::string("desc_") + d.name + "_i: " + d.what);
    }
    s += param("MemBurstCountBits", hw::kMemBurstCountBits, "memory port burst counts");
    s += param("MemAddrBits", hw::kMemAddrBits, "memory port byte addresses");

    s += "\n// edgesa_axi_top: AXI4 master (memory port) and AXI4-Lite slave (registers).\n";
    s += param("AxiDataBits", h.axi_data_bits, "AXI4 data: min(8 * HwBurstBytes, 1024)");
    s += param("AxiSize", h.axi_size, "ARSIZE/AWSIZE: log2(AxiDataBits / 8)");
    s += param("AxiBeats", h.axi_beats, "AXI beats per burst of the memory port");
    s +=
        param("AxiChunkBursts", h.axi_chunk_bursts, "bursts per AXI burst at most: 256 / AxiBeats");
    s += param("AxiRdQueue", h.axi_rd_queue, "read requests queued (dram.max_outstanding)");
    s += param("AxiRdQueueCountBits", h.axi_rd_queue_count_bits, "holds 0..AxiRdQueue");
    s += param("AxiWrQueueCountBits", h.axi_wr_queue_count_bits, "holds 0..HwWrMax");
    s += param("AxiLiteAddrBits", hw::axi_lite_addr_bits(), "AXI4-Lite byte address");
    s += param("AxiLiteDataBits", hw::axi_lite::kDataBits, "AXI4-Lite data");
    s += fmt::format("localparam [31:0] {:<19} = 32'h{:08x};  // ID register value\n", "AxiLiteId",
                     hw::axi_lite::kIdValue);
    for (const auto& r : hw::axi_lite_regs())
        s += param("AxiReg" + r.name, r.offset,
                   fmt::format("0x{:02x} {} {}b: {}", r.offset, r.access, r.bits, r.what));
    s += fields(std::begin(hw::axi_lite::kBitFields), std::end(hw::axi_lite::kBitFields));
    s += activation_params(ctx.cfg.derived.fixed_compute);
    s += "\n/* verilator lint_on UNUSEDPARAM */\n";
    VerilogUnit u{"edgesa_hw_params",
                  "hardware description: derived sizes and the bit layout of token, beat, "
                  "format word and descriptor (localparams, included by the modules)",
                  s};
    u.include_only = true;
    return u;
}

}  // namespace edgesa::gen
