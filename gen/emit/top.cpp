// edgesa_top: the accelerator top (docs/rtl-interface.md). A layer descriptor (valid/ready, the
// host's control registers) starts a layer; the block streamer reads its image through the memory
// read port; the decompressor bank, the array unit (FIFO, issue, array, accumulators, drain), the
// act/pool bank, the compressor bank and the write-back follow sim/ edge for edge; the write-back
// writes the packed outputs through the memory write port and pulses done_o when the layer is
// complete. Value transforms of the banks are computed on the FIFO head as it is popped.
#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

// The descriptor's ports, one per hw::descriptor_fields() entry.
std::string descriptor_ports() {
    std::string s =
        "  // layer descriptor (the host's control registers; docs/rtl-interface.md)\n"
        "  input  wire                          desc_valid_i,\n"
        "  output wire                          desc_ready_o,\n";
    for (const auto& f : hw::descriptor_fields()) {
        const std::string range = f.bits == 1 ? "" : fmt::format("[{}:0]", f.bits - 1);
        s += fmt::format("  input  wire {:<24} desc_{}_i,  // {}\n", range, f.name, f.what);
    }
    return s;
}

// A Verilog expression choosing by a format word's kind (0 fp32, 1 custom float, 2 fixed) among
// the values of the storage kinds the design has (storage.kinds; an empty string: kind absent);
// the last present one is the default.
std::string storage_kind_select(const std::string& kind, const std::string& fp32,
                                const std::string& custom, const std::string& fixed) {
    std::vector<std::pair<int, std::string>> opts;
    if (!fp32.empty()) opts.push_back({0, fp32});
    if (!custom.empty()) opts.push_back({1, custom});
    if (!fixed.empty()) opts.push_back({2, fixed});
    std::string e;
    for (size_t i = 0; i + 1 < opts.size(); ++i)
        e += "(" + kind + " == 2'd" + std::to_string(opts[i].first) + ") ? " + opts[i].second +
             " : ";
    return e + opts.back().second;
}

}  // namespace

VerilogUnit emit_top(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const bool fp = !cfg.derived.fixed_compute;
    const hw::HwLayout& geo = ctx.hw;
    const FixedDatapath& d = cfg.derived.fixed;
    const int act_fifo =
        int(std::max<int64_t>(2, cfg.fifo.result_depth / std::max<int64_t>(1, cfg.act_pool.lanes)));
    Vars v{{"WIDTH", std::to_string(cfg.array.width)},
           {"LANES", std::to_string(cfg.act_pool.lanes)},
           {"BURST", std::to_string(geo.burst_bytes)},
           {"BSHIFT", std::to_string(geo.burst_shift)},
           {"RDMAX", std::to_string(geo.rd_max)},
           {"BUFB", std::to_string(geo.buf_bytes)},
           {"FIFOB", std::to_string(geo.fifo_bytes)},
           {"MAXOUT", std::to_string(cfg.dram.max_outstanding)},
           {"WRMAX", std::to_string(geo.wr_max)},
           {"WRPORT", std::to_string(geo.wr_port)},
           {"TOKB", std::to_string(geo.tok_bits)},
           {"BEATB", std::to_string(geo.beat_bits)},
           {"BLANES", std::to_string(geo.beat_lanes)},
           // a token lane's code, a beat's bias code, zero-extended to a converter's 32 bits
           {"CL_X", zero_extend("cl", geo.tok_lane_bits, 32)},
           {"BCL_X", zero_extend("bcl", geo.bias_bits, 32)},
           // a 32-bit result that fits the lane into a HwValBits beat lane
           {"RM_FIT", geo.val_bits >= 32 ? zero_extend("rm", 32, geo.val_bits)
                                         : fmt::format("rm[{}:0]", geo.val_bits - 1)},
           // a beat lane's low bits (at most 32) as a 32-bit value
           {"VL_X", geo.val_bits >= 32 ? "vl" : zero_extend("vl", geo.val_bits, 32)},
           {"VLB", std::to_string(std::min(32, geo.val_bits))},
           {"DEC_E", std::to_string(cfg.decompressor.engines)},
           {"DEC_S", std::to_string(cfg.decompressor.stages)},
           {"CMP_E", std::to_string(cfg.compressor.engines)},
           {"CMP_S", std::to_string(cfg.compressor.stages)},
           {"ACT_S", std::to_string(cfg.act_pool.stages)},
           {"ACT_F", std::to_string(act_fifo)},
           {"RNE", cfg.derived.rounding == Rounding::kRne ? "1'b1" : "1'b0"},
           {"OPF", std::to_string(fp ? 0 : d.operand.frac_bits)},
           {"OPB", std::to_string(fp ? 32 : d.operand.total_bits())},
           {"PF", std::to_string(fp ? 0 : d.product_frac_bits())},
           {"ACCB", std::to_string(fp ? 32 : d.accumulator_bits)},
           {"PLB", std::to_string(ctx.hw.pool_lane_bits)},
           {"PN_X", sign_extend("pn", ctx.hw.pool_lane_bits, ctx.hw.val_bits)},
           {"SUM_X", sign_extend("sum", ctx.hw.sum_bits, ctx.hw.pool_lane_bits)},
           {"FMTB", std::to_string(hw::fmt_word::kBits)},
           {"LB", std::to_string(geo.lane_bits)},
           {"LSH", std::to_string(geo.lane_shift)},
           {"WSH", std::to_string(geo.wb_lane_shift)},
           {"DESC_PORTS", descriptor_ports()}};
    const char* tmpl = R"(module edgesa_top #(
  parameter integer Width      = ${WIDTH},
  parameter integer Lanes      = ${LANES},
  parameter integer BurstBytes = ${BURST},
  parameter integer RdMax      = ${RDMAX},   // read bursts deliverable in one edge
  parameter integer WrMax      = ${WRMAX},   // fifo.write_depth: write bursts outstanding
  parameter integer WrPort     = ${WRPORT},  // write bursts per request (HwWrPort)
  parameter integer FmtBits    = ${FMTB},
  parameter integer TokBits    = ${TOKB},
  parameter integer BeatLanes  = ${BLANES},  // value lanes of a beat (a pass beat carries Width)
  parameter integer BeatBits   = ${BEATB}
) (
  input  wire                          clk_i,
  input  wire                          rst_ni,
${DESC_PORTS}  output wire                          done_o,
  // memory read port
  output wire [15:0]                   rd_req_bursts_o,
  output wire [31:0]                   rd_req_addr_o,
  input  wire [15:0]                   rd_data_bursts_i,
  input  wire [RdMax*BurstBytes*8-1:0] rd_data_i,
  // memory write port
  output wire [15:0]                   wr_req_bursts_o,
  output wire [31:0]                   wr_req_addr_o,
  output wire [WrPort*BurstBytes*8-1:0] wr_req_data_o,
  input  wire [15:0]                   wr_done_bursts_i
);
  `include "edgesa_hw_params.vh"
  // The parameters must describe the design edgesa_hw_params.vh was generated for.
  generate
    if (Width != HwWidth || Lanes != HwLanes || BurstBytes != HwBurstBytes || RdMax != HwRdMax
        || WrMax != HwWrMax || WrPort != HwWrPort || FmtBits != FmtWordBits || TokBits != HwTokBits
        || BeatLanes != HwBeatLanes || BeatBits != HwBeatBits)
      begin : gen_illegal_params
        edgesa_illegal_parameters_top_differs_from_hw_params u_illegal ();
      end
  endgenerate
  localparam integer VecBits = Width * HwTokLaneBits;

  // Descriptor: accepted when no layer is in flight.
  reg               busy_q;
  reg [15:0]        k_q, kb_q, rb_q;
  reg [31:0]        n_q;
  reg [7:0]         g_q;
  reg               resident_q, has_bias_q;
  reg [DescActBits-1:0] act_q;
  reg [FmtBits-1:0] w_fmt_q, x_fmt_q, p1_fmt_q, o_fmt_q;
  reg [DescPoolOpBits-1:0] pool_op_q;
  reg [15:0]        pool_count_q;
  reg               pool_scale_q;
  reg [31:0]        pool_recip_q;
  wire start = desc_valid_i && !busy_q;
  wire layer_done;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) busy_q <= 1'b0;
    else if (start) busy_q <= 1'b1;
    else if (layer_done) busy_q <= 1'b0;
  end
  always @(posedge clk_i) begin
    if (start) begin
      k_q <= desc_k_i; n_q <= desc_n_i; kb_q <= desc_kb_i; rb_q <= desc_rb_i; g_q <= desc_g_i;
      resident_q <= desc_resident_i; has_bias_q <= desc_has_bias_i; act_q <= desc_act_i;
      w_fmt_q <= desc_w_fmt_i; x_fmt_q <= desc_x_fmt_i; p1_fmt_q <= desc_p1_fmt_i;
      o_fmt_q <= desc_o_fmt_i; pool_op_q <= desc_pool_op_i; pool_count_q <= desc_pool_count_i;
      pool_scale_q <= desc_pool_scale_i; pool_recip_q <= desc_pool_recip_i;
    end
  end
  assign desc_ready_o = !busy_q;
  assign done_o = layer_done;

  // Block streamer.
  wire                   st_valid, st_ready;
  wire [TokBits-1:0]     st_tok;
  /* verilator lint_off UNUSEDSIGNAL */
  wire                   st_active;
  /* verilator lint_on UNUSEDSIGNAL */
  edgesa_block_streamer #(
    .Width(Width), .BurstBytes(BurstBytes), .BurstShift(${BSHIFT}), .RdMax(RdMax),
    .BufBytes(${BUFB}), .FifoBytes(${FIFOB}), .MaxOut(${MAXOUT}),
    .FmtBits(FmtBits), .TokBits(TokBits), .LaneBits(${LB}), .LaneShift(${LSH})
  ) u_streamer (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(start),
    .image_addr_i(desc_image_addr_i), .image_bytes_i(desc_image_bytes_i),
    .w_bits_i(w_fmt_q[FmtWidthLsb +: FmtWidthBits]), .x_bits_i(x_fmt_q[FmtWidthLsb +: FmtWidthBits]),
    .p1_bits_i(p1_fmt_q[FmtWidthLsb +: FmtWidthBits]),
    .active_o(st_active),
    .rd_req_bursts_o(rd_req_bursts_o), .rd_req_addr_o(rd_req_addr_o),
    .rd_data_bursts_i(rd_data_bursts_i), .rd_data_i(rd_data_i),
    .tok_valid_o(st_valid), .tok_ready_i(st_ready), .tok_o(st_tok)
  );

  // Decompressor bank: storage codes -> compute values of the head vector.
  wire [TokBits-1:0] dec_head;
  // The head's storage-format word: the descriptor format its token names (hw::token::kFmt).
  wire [TokFmtBits-1:0] dec_fsel = dec_head[TokFmtLsb +: TokFmtBits];
  wire [FmtBits-1:0] dec_key = (dec_fsel == 2'd0) ? w_fmt_q : (dec_fsel == 2'd1) ? x_fmt_q : p1_fmt_q;
  reg  [TokBits-1:0] dec_xf;
  wire [VecBits-1:0] dec_vals;
${DEC_LANES}
${DEC_XF}
  wire               dec_valid, dec_ready;
  wire [TokBits-1:0] dec_tok;
  /* verilator lint_off UNUSEDSIGNAL */
  wire               dec_busy, act_busy, cmp_busy, arr_busy, dec_pop, cmp_pop;
  /* verilator lint_on UNUSEDSIGNAL */
  edgesa_engine_bank #(
    .DataBits(TokBits), .Engines(${DEC_E}), .Stages(${DEC_S}), .FifoDepth(2), .KeyBits(FmtBits),
    .CountBits(HwLaneCountBits)
  ) u_decompressor (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(st_valid), .in_ready_o(st_ready), .in_data_i(st_tok),
    .head_o(dec_head), .head_xf_i(dec_xf), .head_values_i(dec_head[TokValuesLsb +: HwLaneCountBits]),
    .head_key_i(dec_key), .pop_o(dec_pop),
    .out_valid_o(dec_valid), .out_ready_i(dec_ready), .out_data_o(dec_tok), .busy_o(dec_busy)
  );

  // Array unit: FIFO, issue, systolic array, accumulators, drain.
  wire                dr_valid, dr_ready;
  wire [BeatBits-1:0] dr_beat;
  edgesa_array_ctrl #(
    .TokBits(TokBits), .BeatLanes(BeatLanes), .BeatBits(BeatBits)
  ) u_array_ctrl (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .k_i(k_q), .n_i(n_q), .kb_i(kb_q), .rb_i(rb_q), .g_i(g_q), .resident_i(resident_q),
    .in_valid_i(dec_valid), .in_ready_o(dec_ready), .in_tok_i(dec_tok),
    .dr_valid_o(dr_valid), .dr_ready_i(dr_ready), .dr_beat_o(dr_beat), .busy_o(arr_busy)
  );

  // Act/pool bank: bias, activation${ACT_WHAT}; pooling and add layers fold
  // pool_count window-gathered pass vectors into one output vector (docs/architecture.md, "Pass
  // layers"): the lanes' window registers take the popped head, and only a window's last vector
  // leaves the bank (DropEmpty: the others carry 0 values).
  wire [BeatBits-1:0] act_head;
  reg  [BeatBits-1:0] act_xf;
  wire [BeatLanes*HwValBits-1:0] act_vals, pool_next;
  wire                act_pop;
  reg  [15:0]         pool_cnt_q;
  /* verilator lint_off UNUSEDSIGNAL */
  reg  [BeatLanes*HwValBits-1:0] pool_acc_q;  // fixed: the low sum bits of each lane are used
  /* verilator lint_on UNUSEDSIGNAL */
  wire pool_on = act_head[BeatPassLsb] && (pool_op_q != {DescPoolOpBits{1'b0}});
  wire pool_first = (pool_cnt_q == 16'd0);
  wire pool_last = ({16'd0, pool_cnt_q} + 32'd1 >= {16'd0, pool_count_q});
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) pool_cnt_q <= 16'd0;
    else if (start) pool_cnt_q <= 16'd0;
    else if (act_pop && pool_on) pool_cnt_q <= pool_last ? 16'd0 : pool_cnt_q + 16'd1;
  end
  always @(posedge clk_i) begin
    if (act_pop && pool_on) pool_acc_q <= pool_next;
  end
${ACT_LANES}
  always @* begin
    act_xf = act_head;
    act_xf[BeatValuesLsb +: BeatLanes*HwValBits] = act_vals;
    if (pool_on && !pool_last) act_xf[BeatCountLsb +: BeatCountBits] = 16'd0;  // the window is not complete: dropped
  end
  wire                act_valid, act_ready;
  wire [BeatBits-1:0] act_beat;
  edgesa_engine_bank #(
    .DataBits(BeatBits), .Engines(Lanes), .Stages(${ACT_S}), .FifoDepth(${ACT_F}), .KeyBits(1),
    .CountBits(HwLaneCountBits), .DropEmpty(1)
  ) u_act_pool (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(dr_valid), .in_ready_o(dr_ready), .in_data_i(dr_beat),
    .head_o(act_head), .head_xf_i(act_xf), .head_values_i(act_head[BeatCountLsb +: HwLaneCountBits]), .head_key_i(1'b0),
    .pop_o(act_pop),
    .out_valid_o(act_valid), .out_ready_i(act_ready), .out_data_o(act_beat), .busy_o(act_busy)
  );

  // Compressor bank: the layer's output format.
  wire [BeatBits-1:0] cmp_head;
  reg  [BeatBits-1:0] cmp_xf;
  wire [BeatLanes*HwValBits-1:0] cmp_vals;
${CMP_LANES}
  always @* begin
    cmp_xf = cmp_head;
    cmp_xf[BeatValuesLsb +: BeatLanes*HwValBits] = cmp_vals;
  end
  wire                cmp_valid, cmp_ready;
  wire [BeatBits-1:0] cmp_beat;
  edgesa_engine_bank #(
    .DataBits(BeatBits), .Engines(${CMP_E}), .Stages(${CMP_S}), .FifoDepth(2), .KeyBits(FmtBits),
    .CountBits(HwLaneCountBits)
  ) u_compressor (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(act_valid), .in_ready_o(act_ready), .in_data_i(act_beat),
    .head_o(cmp_head), .head_xf_i(cmp_xf), .head_values_i(cmp_head[BeatCountLsb +: HwLaneCountBits]), .head_key_i(o_fmt_q),
    .pop_o(cmp_pop),
    .out_valid_o(cmp_valid), .out_ready_i(cmp_ready), .out_data_o(cmp_beat), .busy_o(cmp_busy)
  );

  // Write-back.
  edgesa_writeback #(
    .BurstBytes(BurstBytes), .BurstShift(${BSHIFT}), .WrMax(WrMax), .WrPort(WrPort), .BeatLanes(BeatLanes), .BeatBits(BeatBits),
    .LaneBits(${LB}), .LaneShift(${WSH})
  ) u_writeback (
    .clk_i(clk_i), .rst_ni(rst_ni), .start_i(start),
    .out_addr_i(desc_out_addr_i), .out_bits_i(desc_o_fmt_i[FmtWidthLsb +: FmtWidthBits]),
    .in_valid_i(cmp_valid), .in_ready_o(cmp_ready), .in_beat_i(cmp_beat),
    .wr_req_bursts_o(wr_req_bursts_o), .wr_req_addr_o(wr_req_addr_o),
    .wr_req_data_o(wr_req_data_o), .wr_done_bursts_i(wr_done_bursts_i), .done_o(layer_done)
  );
${UNUSED}endmodule
)";
    std::string dec, act, cmp, unused;
    // Constant calculators of the layer's formats, loaded at the descriptor transfer (the first
    // vector pops several edges later); custom-float storage in either compute type uses them.
    const char* consts = R"(  wire [31:0] ${P}_min, ${P}_min_half, ${P}_max;
  wire [4:0]  ${P}_sign_shift, ${P}_exp_shift, ${P}_man_shift;
  wire [7:0]  ${P}_adj_bias, ${P}_exp_mask;
  edgesa_cf_const_calc u_${P}_consts (
    .clk_i(clk_i), .rst_ni(rst_ni), .load_i(start),
    .exp_bits_i(desc_${P}_fmt_i[FmtEILsb +: 4]), .man_bits_i(desc_${P}_fmt_i[FmtMFLsb +: 5]),
    .bias_i(desc_${P}_fmt_i[FmtBiasLsb +: FmtBiasBits]),
    .min_o(${P}_min), .min_half_o(${P}_min_half), .max_o(${P}_max),
    .sign_shift_o(${P}_sign_shift), .adj_bias_o(${P}_adj_bias), .exp_mask_o(${P}_exp_mask),
    .exp_shift_o(${P}_exp_shift), .man_shift_o(${P}_man_shift)
  );
)";
    // Without custom-float storage (storage.kinds) the constants are tied to zero: the lane
    // converters of such a design have no custom-float path and ignore them.
    const char* no_consts = R"(  /* verilator lint_off UNUSEDSIGNAL */
  wire [31:0] ${P}_min = 32'd0, ${P}_min_half = 32'd0, ${P}_max = 32'd0;
  wire [4:0]  ${P}_sign_shift = 5'd0, ${P}_exp_shift = 5'd0, ${P}_man_shift = 5'd0;
  wire [7:0]  ${P}_adj_bias = 8'd0, ${P}_exp_mask = 8'd0;
  /* verilator lint_on UNUSEDSIGNAL */
)";
    const bool has_fp32 = cfg.derived.storage_fp32, has_cf = cfg.derived.storage_custom,
               has_fx = cfg.derived.storage_fixed;
    for (const char* p : {"w", "x", "p1", "o"})
        dec += subst(has_cf ? consts : no_consts, {{"P", p}});
    // The storage -> compute converters of a fixed design handle the declared kinds
    // (gen/rtl/edgesa_storage_to_fixed.v parameters).
    // ToBits: the operand width is a constant of a fixed design, so its converters saturate
    // to a constant (fp32 designs convert only outputs, to the run-time output width).
    // With fixed storage alone at a constant lane width, every stored format is q<I>.<F> with
    // F <= lane_bits - 1, so the shift to the operand's fraction is bounded on both sides.
    const bool fixed_lanes = has_fx && !has_fp32 && !has_cf && geo.lane_bits != 0;
    const int opf = fp ? 0 : d.operand.frac_bits, pf = fp ? 0 : d.product_frac_bits();
    v["TO_FX"] =
        fmt::format("#(.Fp32({:d}), .Custom({:d}), .Fixed({:d}), .LaneBits({}), .ToBits({}){})",
                    has_fp32, has_cf, has_fx, geo.lane_bits, fp ? 0 : d.operand.total_bits(),
                    fixed_lanes ? fmt::format(", .MaxRight({}), .MaxLeft({})",
                                              std::max(0, geo.lane_bits - 1 - opf), opf)
                                : "");
    // The act/pool requantiser: the output width is a constant unless the output may be fixed
    // at a run-time width (ob in the lanes below), and its fraction is below that width.
    const int out_bits = !has_fx       ? (fp ? 32 : d.operand.total_bits())
                         : fixed_lanes ? geo.lane_bits
                                       : 0;
    const int out_max = out_bits != 0 ? out_bits : 32;
    v["OB_EXPR"] = out_bits != 0 ? fmt::format("6'd{}", out_bits)
                                 : "ofx ? o_fmt_q[FmtWidthLsb +: FmtWidthBits] : 6'd" +
                                       std::to_string(fp ? 32 : d.operand.total_bits());
    v["ACT_RB"] = std::to_string(out_max);
    v["RQ_P"] = fmt::format(".ToBits({}), .MaxRight({}), .MaxLeft({})", out_bits, std::max(opf, pf),
                            std::max(0, out_max - 1 - std::min(opf, pf)));
    v["RQ_PASS_P"] = fmt::format(".ToBits({}), .MaxRight({}), .MaxLeft({})", out_bits, opf,
                                 std::max(0, out_max - 1 - opf));
    if (!fp) {
        // Fixed compute: each declared storage kind -> operand format
        // (gen/rtl/edgesa_storage_to_fixed.v), with the constants of the vector's format (weights,
        // inputs or the second pass input).
        dec += subst(R"(  genvar gd;
  generate
    for (gd = 0; gd < Width; gd = gd + 1) begin : gen_dec_lane
      /* verilator lint_off UNUSEDSIGNAL */
      wire [FmtBits-1:0] key = dec_key;  // kind, width and fraction
      /* verilator lint_on UNUSEDSIGNAL */
      wire sel_w = dec_fsel == 2'd0;
      wire sel_x = dec_fsel == 2'd1;
      wire [HwTokLaneBits-1:0] cl = dec_head[TokDataLsb + gd*HwTokLaneBits +: HwTokLaneBits];
      wire [31:0] c = ${CL_X};
      /* verilator lint_off UNUSEDSIGNAL */
      wire [31:0] y;  // an operand raw, sign-extended: the lane keeps its low HwTokLaneBits
      /* verilator lint_on UNUSEDSIGNAL */
      edgesa_storage_to_fixed ${TO_FX} u_cv (
        .code_i(c), .kind_i(key[FmtKindLsb +: FmtKindBits]), .from_bits_i(key[FmtWidthLsb +: FmtWidthBits]), .from_frac_i(key[FmtMFLsb +: FmtMFBits]),
        .sign_shift_i(sel_w ? w_sign_shift : sel_x ? x_sign_shift : p1_sign_shift),
        .adj_bias_i(sel_w ? w_adj_bias : sel_x ? x_adj_bias : p1_adj_bias),
        .exp_mask_i(sel_w ? w_exp_mask : sel_x ? x_exp_mask : p1_exp_mask),
        .exp_shift_i(sel_w ? w_exp_shift : sel_x ? x_exp_shift : p1_exp_shift),
        .man_shift_i(sel_w ? w_man_shift : sel_x ? x_man_shift : p1_man_shift),
        .to_bits_i(6'd${OPB}), .to_frac_i(6'd${OPF}), .rne_i(${RNE}), .raw_o(y));
      assign dec_vals[gd*HwTokLaneBits +: HwTokLaneBits] = y[HwTokLaneBits-1:0];
    end
  endgenerate
)",
                     v);
        // acc + (bias at the accumulator's fraction) saturated, requantised to the output
        // format, activation on the stored raw, saturated (sim ValueCodec::finish).
        act = subst(R"(  genvar ga;
  generate
    for (ga = 0; ga < BeatLanes; ga = ga + 1) begin : gen_act_lane
      // A fixed output is requantised here; any other keeps the operand format for the
      // compressor lanes (sim ValueCodec::finish).
      wire        ofx = o_fmt_q[FmtKindLsb +: FmtKindBits] == 2'd2;
      wire [5:0]  ob = ${OB_EXPR};
      wire [5:0]  of = ofx ? o_fmt_q[FmtMFLsb +: FmtMFBits] : 6'd${OPF};
      // A drain beat's lane holds an accumulator raw, a pass beat's an operand raw, each
      // sign-extended to HwValBits.
      // Both fit in ${PLB} bits (hw::HwLayout::pool_lane_bits), the width the lane computes in.
      /* verilator lint_off UNUSEDSIGNAL */
      wire [HwValBits-1:0] head = act_head[BeatValuesLsb + ga*HwValBits +: HwValBits];
      /* verilator lint_on UNUSEDSIGNAL */
      // pooling / add: the window so far and this vector's value (operand raws)
      wire [${PLB}-1:0] pn, pr;
      edgesa_pool_lane #(.Ops(HwPoolOps)) u_pool (
        .first_i(pool_first), .second_i(pool_cnt_q == 16'd1),
        .op_i(pool_op_q), .scale_i(pool_scale_q),
        .recip_i(pool_recip_q), .rne_i(${RNE}), .acc_i(pool_acc_q[ga*HwValBits +: ${PLB}]),
        .v_i(head[${PLB}-1:0]), .next_o(pn), .result_o(pr));
      wire [HwValBits-1:0] pnx = ${PN_X};  // sign-extended
      assign pool_next[ga*HwValBits +: HwValBits] = pnx;
      wire [${PLB}-1:0] acc = pool_on ? pr : head[${PLB}-1:0];
      // A drain beat has at most Lanes values (the bias adds); the lanes above it carry pass
      // values only, so they have no bias path.
      wire [${PLB}-1:0] a2;
      if (ga < Lanes) begin : gen_bias
        // the lane's bias, an operand raw (the decompressor converted its bias vector)
        wire [HwBiasBits-1:0] b_op = act_head[BeatBiasLsb + ga*HwBiasBits +: HwBiasBits];  // drain beats only
        wire [${ACCB}-1:0] b_acc;
        // the bias operand raw at the accumulator's fraction, saturated to its width
        edgesa_fixed_convert #(
          .InBits(${OPB}), .OutBits(${ACCB}), .ToBits(${ACCB}), .ConstShift(${OPF} - ${PF})
        ) u_bs (
          .raw_i(b_op[${OPB}-1:0]), .shift_i(7'sd${OPF} - 7'sd${PF}),
          .to_bits_i(6'd${ACCB}), .rne_i(${RNE}), .raw_o(b_acc));
        wire [${ACCB}-1:0] sum;
        edgesa_fixed_add u_add (.a_i(acc[${ACCB}-1:0]), .b_i(b_acc), .s_o(sum));
        wire [${PLB}-1:0] sumx = ${SUM_X};  // sign-extended
        assign a2 = (act_head[BeatPassLsb] || !has_bias_q) ? acc : sumx;
      end else begin : gen_no_bias
        assign a2 = acc;
      end
      wire [31:0] rq;
      // A pass beat (activation layer) carries operand raws, a drain beat accumulator raws.
      // The lanes above Lanes see pass beats only: operand raws, a shorter right shift.
      if (ga < Lanes) begin : gen_rq_any
        edgesa_fixed_convert #(.InBits(${PLB}), .OutBits(32), ${RQ_P}) u_rq (
          .raw_i(a2), .shift_i((act_head[BeatPassLsb] ? 7'sd${OPF} : 7'sd${PF}) - $signed({1'b0, of})),
          .to_bits_i(ob), .rne_i(${RNE}), .raw_o(rq));
      end else begin : gen_rq_pass
        edgesa_fixed_convert #(.InBits(${PLB}), .OutBits(32), ${RQ_PASS_P}) u_rq (
          .raw_i(a2), .shift_i(7'sd${OPF} - $signed({1'b0, of})),
          .to_bits_i(ob), .rne_i(${RNE}), .raw_o(rq));
      end
      // the activation on the stored raw (edgesa_fixed_act, docs/numerics.md "Activations")
      wire [31:0] r;
      edgesa_fixed_act #(
        .RawBits(${ACT_RB}), .ActBits(DescActBits), .Functions(HwActFunctions)
      ) u_act (
        .raw_i(rq[${ACT_RB}-1:0]), .frac_i(of), .to_bits_i(ob), .act_i(act_q), .rne_i(${RNE}),
        .y_o(r));
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused_rq = ^rq;  // above bit ${ACT_RB}: sign copies
      /* verilator lint_on UNUSEDSIGNAL */
      wire [31:0] m = (ob == 6'd32) ? 32'hffffffff : ((32'd1 << ob) - 32'd1);
      /* verilator lint_off UNUSEDSIGNAL */
      wire [31:0] rm = r & m;  // ob <= HwValBits bits (hw::HwLayout::val_bits)
      /* verilator lint_on UNUSEDSIGNAL */
      assign act_vals[ga*HwValBits +: HwValBits] = ${RM_FIT};
    end
  endgenerate)",
                    v);
        // Compressor lanes: fixed outputs were stored by act/pool; fp32 and custom-float outputs
        // convert from the operand format (gen/rtl/edgesa_fixed_to_storage.v), when declared.
        v["CMP_SEL"] =
            storage_kind_select("o_fmt_q[FmtKindLsb +: FmtKindBits]", has_fp32 ? "code" : "",
                                has_cf ? "code" : "", has_fx ? "r" : "");
        v["FROM_FX"] = fmt::format("#(.Fp32({:d}), .Custom({:d}))", has_fp32, has_cf);
        cmp = subst(has_fp32 || has_cf
                        ? R"(  genvar gc;
  generate
    for (gc = 0; gc < BeatLanes; gc = gc + 1) begin : gen_cmp_lane
      wire [${VLB}-1:0] vl = cmp_head[BeatValuesLsb + gc*HwValBits +: ${VLB}];
      wire [31:0] r = ${VL_X};
      wire signed [31:0] rx = $signed(r << (32 - ${OPB})) >>> (32 - ${OPB});
      wire [31:0] code;
      edgesa_fixed_to_storage ${FROM_FX} u_cv (
        .raw_i(rx), .from_frac_i(6'd${OPF}), .kind_i(o_fmt_q[FmtKindLsb +: FmtKindBits]), .rne_i(${RNE}),
        .min_i(o_min), .min_half_i(o_min_half), .max_i(o_max), .sign_shift_i(o_sign_shift),
        .adj_bias_i(o_adj_bias), .exp_mask_i(o_exp_mask), .exp_shift_i(o_exp_shift),
        .man_shift_i(o_man_shift), .code_o(code));
      /* verilator lint_off UNUSEDSIGNAL */
      wire [31:0] rm = ${CMP_SEL};  // a code or an operand raw: fits HwValBits
      /* verilator lint_on UNUSEDSIGNAL */
      assign cmp_vals[gc*HwValBits +: HwValBits] = ${RM_FIT};
    end
  endgenerate
)"
                        : R"(  // Fixed storage only (storage.kinds): act/pool stored the outputs.
  assign cmp_vals = cmp_head[BeatValuesLsb +: BeatLanes*HwValBits];
)",
                    v);
        unused =
            "  /* verilator lint_off UNUSEDSIGNAL */\n"
            "  wire [287:0] unused_consts = {w_min, w_min_half, w_max, x_min, x_min_half, x_max,\n"
            "                                p1_min, p1_min_half, p1_max};\n"
            "  wire [FmtBits-1:0] unused_fmt = x_fmt_q ^ p1_fmt_q ^ w_fmt_q ^ o_fmt_q;\n"
            "  /* verilator lint_on UNUSEDSIGNAL */\n";
        v["ACT_WHAT"] = ", requantisation to the output format";
    }
    if (fp) {
        const std::string kind_key = "key[FmtKindLsb +: FmtKindBits]";
        // Decompressor lanes: fp32 storage passes through, custom floats decode with the
        // constants of the vector's format (weights, inputs or the second pass input), fixed
        // storage converts to fp32; only the declared kinds (storage.kinds) get a path.
        dec += R"(  genvar gd;
  /* verilator lint_off UNUSEDSIGNAL */  // the format key when only one kind is stored
  generate
    for (gd = 0; gd < Width; gd = gd + 1) begin : gen_dec_lane
      wire [FmtBits-1:0] key = dec_key;
      wire [31:0] c = dec_head[TokDataLsb + gd*32 +: 32];  // fp32 compute: 32-bit token lanes
${DEC_CF}${DEC_FX}      assign dec_vals[gd*32 +: 32] = ${DEC_SEL};
    end
  endgenerate
  /* verilator lint_on UNUSEDSIGNAL */
)";
        const std::string dec_cf = R"(      wire sel_w = dec_fsel == 2'd0;
      wire sel_x = dec_fsel == 2'd1;
      wire [31:0] y;
      edgesa_cf_decode u_dec (
        .code_i(c),
        .sign_shift_i(sel_w ? w_sign_shift : sel_x ? x_sign_shift : p1_sign_shift),
        .adj_bias_i(sel_w ? w_adj_bias : sel_x ? x_adj_bias : p1_adj_bias),
        .exp_mask_i(sel_w ? w_exp_mask : sel_x ? x_exp_mask : p1_exp_mask),
        .exp_shift_i(sel_w ? w_exp_shift : sel_x ? x_exp_shift : p1_exp_shift),
        .man_shift_i(sel_w ? w_man_shift : sel_x ? x_man_shift : p1_man_shift),
        .x_o(y));
)";
        const std::string dec_fx =
            R"(      // fixed storage: raw / 2^F (gen/rtl/edgesa_fixed_to_storage.v, fp32 only)
      wire signed [31:0] sx = $signed(c << (6'd32 - key[FmtWidthLsb +: FmtWidthBits])) >>> (6'd32 - key[FmtWidthLsb +: FmtWidthBits]);
      wire [31:0] yf;
      edgesa_fixed_to_storage #(.Fp32(1), .Custom(0)) u_fx (
        .raw_i(sx), .from_frac_i(key[FmtMFLsb +: FmtMFBits]), .kind_i(2'd0), .rne_i(1'b1),
        .min_i(o_min), .min_half_i(o_min_half), .max_i(o_max), .sign_shift_i(o_sign_shift),
        .adj_bias_i(o_adj_bias), .exp_mask_i(o_exp_mask), .exp_shift_i(o_exp_shift),
        .man_shift_i(o_man_shift), .code_o(yf));
)";
        dec = subst(dec, {{"DEC_CF", has_cf ? dec_cf : ""},
                          {"DEC_FX", has_fx ? dec_fx : ""},
                          {"DEC_SEL", storage_kind_select(kind_key, has_fp32 ? "c" : "",
                                                          has_cf ? "y" : "", has_fx ? "yf" : "")}});
        // Act/pool lanes: acc + bias (decoded from the weight format; -0 without a bias, which
        // leaves every accumulator value unchanged), then the fused activation.
        act = R"(  genvar ga;
  generate
    for (ga = 0; ga < BeatLanes; ga = ga + 1) begin : gen_act_lane
      wire [31:0] head = act_head[BeatValuesLsb + ga*HwValBits +: 32];
      // pooling / add: the window so far and this vector's value
      wire [31:0] pn, pr;
      edgesa_pool_lane #(.Ops(HwPoolOps)) u_pool (
        .first_i(pool_first), .second_i(pool_cnt_q == 16'd1),
        .op_i(pool_op_q), .scale_i(pool_scale_q),
        .recip_i(pool_recip_q), .rne_i(1'b1), .acc_i(pool_acc_q[ga*HwValBits +: 32]), .v_i(head),
        .next_o(pn), .result_o(pr));
      assign pool_next[ga*HwValBits +: HwValBits] = pn;
      wire [31:0] acc = pool_on ? pr : head;
      wire [31:0] y;
      // A drain beat has at most Lanes values (the bias adds); the lanes above it carry pass
      // values only: their bias is -0, which leaves every value unchanged.
      wire [31:0] b;
      if (ga < Lanes) begin : gen_bias
        wire [HwBiasBits-1:0] bcl = act_head[BeatBiasLsb + ga*HwBiasBits +: HwBiasBits];  // drain beats only
        wire [31:0] bc = ${BCL_X};
${BIAS_CF}${BIAS_FX}        assign b = (act_head[BeatPassLsb] || !has_bias_q) ? 32'h80000000
                    : ${BIAS_SEL};
      end else begin : gen_no_bias
        assign b = 32'h80000000;
      end
      edgesa_act_lane #(.ActBits(DescActBits), .Functions(HwActFunctions)) u_lane (
        .x_i(acc), .bias_i(b), .act_i(act_q), .y_o(y));
      assign act_vals[ga*HwValBits +: HwValBits] = y;
    end
  endgenerate
)";
        act = subst(
            act,
            {{"BCL_X", v["BCL_X"]},
             {"BIAS_CF", has_cf ? R"(        wire [31:0] bd;
        edgesa_cf_decode u_bias (
          .code_i(bc), .sign_shift_i(w_sign_shift), .adj_bias_i(w_adj_bias), .exp_mask_i(w_exp_mask),
          .exp_shift_i(w_exp_shift), .man_shift_i(w_man_shift), .x_o(bd));
)"
                                : ""},
             {"BIAS_FX",
              has_fx
                  ? R"(        wire signed [31:0] bx = $signed(bc << (6'd32 - w_fmt_q[FmtWidthLsb +: FmtWidthBits])) >>> (6'd32 - w_fmt_q[FmtWidthLsb +: FmtWidthBits]);
        wire [31:0] bf;
        edgesa_fixed_to_storage #(.Fp32(1), .Custom(0)) u_bfx (
          .raw_i(bx), .from_frac_i(w_fmt_q[FmtMFLsb +: FmtMFBits]), .kind_i(2'd0), .rne_i(1'b1),
          .min_i(o_min), .min_half_i(o_min_half), .max_i(o_max), .sign_shift_i(o_sign_shift),
          .adj_bias_i(o_adj_bias), .exp_mask_i(o_exp_mask), .exp_shift_i(o_exp_shift),
          .man_shift_i(o_man_shift), .code_o(bf));
)"
                  : ""},
             {"BIAS_SEL",
              storage_kind_select("w_fmt_q[FmtKindLsb +: FmtKindBits]", has_fp32 ? "bc" : "",
                                  has_cf ? "bd" : "", has_fx ? "bf" : "")}});
        // Compressor lanes: fp32 output under the result policy (FTZ, canonical NaN), custom
        // floats through the encoder with the output format's constants, fixed outputs through
        // fixed_from_float; only the declared kinds.
        v["CMP_CF"] = has_cf ? subst(R"(      wire [31:0] code;
      edgesa_cf_encode u_enc (
        .x_i(x), .rne_i(${RNE}), .min_i(o_min), .min_half_i(o_min_half), .max_i(o_max),
        .sign_shift_i(o_sign_shift), .adj_bias_i(o_adj_bias), .exp_mask_i(o_exp_mask),
        .exp_shift_i(o_exp_shift), .man_shift_i(o_man_shift), .code_o(code));
)",
                                     v)
                             : "";
        v["CMP_FP"] = has_fp32 ? R"(      wire nan = (x[30:23] == 8'hff) && (x[22:0] != 23'd0);
      wire sub = (x[30:23] == 8'h00) && (x[22:0] != 23'd0);
      wire [31:0] canon = nan ? 32'h7fc00000 : sub ? {x[31], 31'd0} : x;
)"
                               : "";
        v["CMP_FX"] =
            has_fx ? subst(R"(      // fixed output: fixed_from_float, masked to the output width
      wire [31:0] q;
      edgesa_storage_to_fixed #(.Fp32(1), .Custom(0), .Fixed(0)) u_fx (
        .code_i(x), .kind_i(2'd0), .from_bits_i(6'd32), .from_frac_i(6'd0),
        .sign_shift_i(o_sign_shift), .adj_bias_i(o_adj_bias), .exp_mask_i(o_exp_mask),
        .exp_shift_i(o_exp_shift), .man_shift_i(o_man_shift), .to_bits_i(o_fmt_q[FmtWidthLsb +: FmtWidthBits]),
        .to_frac_i(o_fmt_q[FmtMFLsb +: FmtMFBits]), .rne_i(${RNE}), .raw_o(q));
      wire [31:0] qm = q & ((o_fmt_q[FmtWidthLsb +: FmtWidthBits] == 6'd32) ? 32'hffffffff : ((32'd1 << o_fmt_q[FmtWidthLsb +: FmtWidthBits]) - 32'd1));
)",
                           v)
                   : "";
        v["CMP_SEL"] =
            storage_kind_select("o_fmt_q[FmtKindLsb +: FmtKindBits]", has_fp32 ? "canon" : "",
                                has_cf ? "code" : "", has_fx ? "qm" : "");
        cmp = subst(R"(  genvar gc;
  generate
    for (gc = 0; gc < BeatLanes; gc = gc + 1) begin : gen_cmp_lane
      wire [31:0] x = cmp_head[BeatValuesLsb + gc*HwValBits +: 32];
${CMP_CF}${CMP_FP}${CMP_FX}      assign cmp_vals[gc*HwValBits +: HwValBits] = ${CMP_SEL};
    end
  endgenerate
)",
                    v);
        unused =
            "  /* verilator lint_off UNUSEDSIGNAL */\n"
            "  wire [289:0] unused_consts = {w_min, w_min_half, w_max, x_min, x_min_half, x_max,\n"
            "                                p1_min, p1_min_half, p1_max, o_min[0], "
            "o_min_half[0]};\n"
            "  wire [FmtBits-1:0] unused_fmt = w_fmt_q ^ x_fmt_q ^ p1_fmt_q ^ o_fmt_q;\n"
            "  /* verilator lint_on UNUSEDSIGNAL */\n";
        v["ACT_WHAT"] = "";
    }
    v["DEC_LANES"] = dec;
    // Fixed compute converts bias vectors like any other (the array unit keeps operand raws);
    // fp32 compute keeps their codes for the act/pool lanes to decode with the weight format
    // (docs/architecture.md, "Biases").
    v["DEC_XF"] =
        !fp ? R"(  always @* begin
    dec_xf = dec_head;
    dec_xf[TokDataLsb +: VecBits] = dec_vals;
  end)"
            : R"(  // Bias vectors (token kind 0) keep their codes: the act/pool lanes decode them with the
  // weight format (docs/architecture.md, "Biases").
  always @* begin
    dec_xf = dec_head;
    if (dec_head[TokTypeLsb +: TokTypeBits] != 2'd0) dec_xf[TokDataLsb +: VecBits] = dec_vals;
  end)";
    v["ACT_LANES"] = act;
    v["CMP_LANES"] = cmp;
    v["UNUSED"] = unused;
    if (!v.count("ACT_WHAT")) v["ACT_WHAT"] = "";
    const std::string s = subst(tmpl, v);
    return {"edgesa_top",
            "accelerator top: layer descriptor, block streamer, codec banks, array unit, act/pool, "
            "write-back, memory port",
            s};
}

}  // namespace edgesa::gen
