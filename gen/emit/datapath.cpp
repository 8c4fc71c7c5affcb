// edgesa_datapath: the datapath harness (the former port-group top, kept for the unit tests of
// tests/gen/test_top_datapath.cpp; the real top is edgesa_top, gen/emit/top.cpp). It instantiates
// the systolic array (cells, buffers, trees), one accumulator bank per row, the drain into the
// activation unit, and (fp32 compute) the two constant calculators with the decompressor and
// compressor engine banks. Every group is a port group of the top with the valid/ready protocol of
// docs/rtl-interface.md. The block streamer and the memory interface that would connect the groups
// to DRAM are not generated yet.
#include <fmt/format.h>

#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

// A bank of codec engines sharing one constant calculator; `kind` is "decompressor" or
// "compressor", `p` the port prefix.
std::string codec_bank(const std::string& kind, const std::string& p, int64_t engines) {
    const bool comp = kind == "compressor";
    return subst(R"(
  // ${KIND} bank: ${N} engine(s), one value per cycle each, constants from u_${P}_consts.
  wire [31:0] ${P}_min, ${P}_min_half, ${P}_max;
  wire [4:0]  ${P}_sign_shift, ${P}_exp_shift, ${P}_man_shift;
  wire [7:0]  ${P}_adj_bias, ${P}_exp_mask;
  edgesa_cf_const_calc u_${P}_consts (
    .clk_i(clk_i), .rst_ni(rst_ni), .load_i(${P}_fmt_load_i),
    .exp_bits_i(${P}_fmt_exp_bits_i), .man_bits_i(${P}_fmt_man_bits_i), .bias_i(${P}_fmt_bias_i),
    .min_o(${P}_min), .min_half_o(${P}_min_half), .max_o(${P}_max),
    .sign_shift_o(${P}_sign_shift), .adj_bias_o(${P}_adj_bias), .exp_mask_o(${P}_exp_mask),
    .exp_shift_o(${P}_exp_shift), .man_shift_o(${P}_man_shift)
  );
  genvar ${P}_e;
  generate
    for (${P}_e = 0; ${P}_e < ${N}; ${P}_e = ${P}_e + 1) begin : gen_${P}_engine
      edgesa_${KIND}_engine u_engine (
        .clk_i(clk_i), .rst_ni(rst_ni),${RNE}
        .min_i(${P}_min), .min_half_i(${P}_min_half), .max_i(${P}_max),
        .sign_shift_i(${P}_sign_shift), .adj_bias_i(${P}_adj_bias), .exp_mask_i(${P}_exp_mask),
        .exp_shift_i(${P}_exp_shift), .man_shift_i(${P}_man_shift),
        .in_valid_i(${P}_in_valid_i[${P}_e]), .in_ready_o(${P}_in_ready_o[${P}_e]),
        .${IN}(${P}_in_data_i[${P}_e*32 +: 32]),
        .out_valid_o(${P}_out_valid_o[${P}_e]), .out_ready_i(${P}_out_ready_i[${P}_e]),
        .${OUT}(${P}_out_data_o[${P}_e*32 +: 32])
      );
    end
  endgenerate
)",
                 {{"KIND", kind},
                  {"P", p},
                  {"N", std::to_string(engines)},
                  {"RNE", comp ? " .rne_i(cmp_rne_i)," : ""},
                  {"IN", comp ? "in_data_i" : "in_code_i"},
                  {"OUT", comp ? "out_code_o" : "out_data_o"}});
}

std::string codec_ports(const std::string& p, int64_t engines, const std::string& what) {
    return subst(R"(  // ${WHAT}: storage format (E, M, B), loaded into the constant calculator
  input  wire              ${P}_fmt_load_i,
  input  wire [3:0]        ${P}_fmt_exp_bits_i,
  input  wire [4:0]        ${P}_fmt_man_bits_i,
  input  wire signed [7:0] ${P}_fmt_bias_i,
  input  wire [${N}-1:0]        ${P}_in_valid_i,
  output wire [${N}-1:0]        ${P}_in_ready_o,
  input  wire [${N}*32-1:0]     ${P}_in_data_i,
  output wire [${N}-1:0]        ${P}_out_valid_o,
  input  wire [${N}-1:0]        ${P}_out_ready_i,
  output wire [${N}*32-1:0]     ${P}_out_data_o,
)",
                 {{"P", p}, {"N", std::to_string(engines)}, {"WHAT", what}});
}

// A bank of fixed-point converter engines sharing one run-time format setting.
std::string converter_bank(const std::string& p, int64_t engines) {
    return subst(R"(
  // converter bank ${P}: ${N} engine(s), one value per cycle each.
  genvar ${P}_e;
  generate
    for (${P}_e = 0; ${P}_e < ${N}; ${P}_e = ${P}_e + 1) begin : gen_${P}_engine
      edgesa_converter_engine u_engine (
        .clk_i(clk_i), .rst_ni(rst_ni),
        .shift_i(${P}_shift_i), .to_bits_i(${P}_to_bits_i), .rne_i(${P}_rne_i),
        .in_valid_i(${P}_in_valid_i[${P}_e]), .in_ready_o(${P}_in_ready_o[${P}_e]),
        .in_raw_i(${P}_in_data_i[${P}_e*48 +: 48]),
        .out_valid_o(${P}_out_valid_o[${P}_e]), .out_ready_i(${P}_out_ready_i[${P}_e]),
        .out_raw_o(${P}_out_data_o[${P}_e*32 +: 32])
      );
    end
  endgenerate
)",
                 {{"P", p}, {"N", std::to_string(engines)}});
}

std::string converter_ports(const std::string& p, int64_t engines, const std::string& what) {
    return subst(R"(  // ${WHAT}: run-time formats (shift = from.F - to.F, to_bits = to.I + to.F)
  input  wire signed [6:0]      ${P}_shift_i,
  input  wire [5:0]             ${P}_to_bits_i,
  input  wire                   ${P}_rne_i,
  input  wire [${N}-1:0]        ${P}_in_valid_i,
  output wire [${N}-1:0]        ${P}_in_ready_o,
  input  wire [${N}*48-1:0]     ${P}_in_data_i,
  output wire [${N}-1:0]        ${P}_out_valid_o,
  input  wire [${N}-1:0]        ${P}_out_ready_i,
  output wire [${N}*32-1:0]     ${P}_out_data_o,
)",
                 {{"P", p}, {"N", std::to_string(engines)}, {"WHAT", what}});
}

}  // namespace

VerilogUnit emit_datapath(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const bool fp = !cfg.derived.fixed_compute;
    const int rows = int(cfg.array.rows), lanes = int(cfg.act_pool.lanes);
    const int sb = sum_bits(cfg), ab = accumulator_addr_bits(cfg), rb = row_bits(cfg);
    // Drain lanes read `lanes` consecutive rows starting at drain_row_i.
    std::string s = subst(
        R"(module edgesa_datapath #(
  parameter integer Rows        = ${ROWS},
  parameter integer Width       = ${WIDTH},
  parameter integer OperandBits = ${OB},
  parameter integer SumBits     = ${SB},
  parameter integer SlotBits    = ${SLOTB},
  parameter integer RowBits     = ${ROWB},
  parameter integer AddrBits    = ${AB},
  parameter integer Lanes       = ${LANES}
) (
  input  wire                         clk_i,
  input  wire                         rst_ni,
  // array row-0 input: one vector per cycle (fill or stream), never stalled
  input  wire                         vec_valid_i,
  input  wire                         vec_fill_i,
  input  wire [RowBits-1:0]           vec_row_i,
  input  wire [SlotBits-1:0]          vec_slot_i,
  input  wire                         vec_first_i,   // stream: chunk rb = 0 (write, not add)
  input  wire [AddrBits-1:0]          vec_addr_i,    // stream: accumulator entry
  input  wire [Width*OperandBits-1:0] vec_data_i,
  // drain requests: Lanes rows from drain_row_i at entry drain_addr_i
  input  wire                         drain_valid_i,
  output wire                         drain_ready_o,
  input  wire [RowBits-1:0]           drain_row_i,
  input  wire [AddrBits-1:0]          drain_addr_i,
  input  wire [Lanes*SumBits-1:0]     drain_bias_i,
  input  wire [1:0]                   act_i,         // 0 none, 1 ReLU, 2 ReLU6
  // activated results
  output wire                         res_valid_o,
  input  wire                         res_ready_i,
  output wire [Lanes*SumBits-1:0]     res_data_o,
  // pooling / elementwise-add pass (tensors read back from memory)
  input  wire                         pool_op_max_i,
  input  wire [15:0]                  pool_count_i,
  input  wire                         pool_scale_en_i,
  input  wire [31:0]                  pool_recip_i,
  input  wire                         pool_rne_i,
  input  wire                         pool_in_valid_i,
  output wire                         pool_in_ready_o,
  input  wire [Lanes*SumBits-1:0]     pool_in_data_i,
  output wire                         pool_out_valid_o,
  input  wire                         pool_out_ready_i,
  output wire [Lanes*SumBits-1:0]     pool_out_data_o${CODEC_PORTS}
);
  localparam integer TagBits = AddrBits + 1;

  wire [Rows-1:0]         sum_valid;
  wire [Rows*TagBits-1:0] sum_tag;
  wire [Rows*SumBits-1:0] sums;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [Rows*TagBits-1:0] sum_tag_next;  // the register-file accumulators need no early tag
  /* verilator lint_on UNUSEDSIGNAL */
  edgesa_systolic_array u_array (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .vec_valid_i(vec_valid_i), .vec_fill_i(vec_fill_i), .vec_row_i(vec_row_i),
    .vec_slot_i(vec_slot_i), .vec_tag_i({vec_first_i, vec_addr_i}), .vec_data_i(vec_data_i),
    .sum_valid_o(sum_valid), .sum_tag_o(sum_tag), .sum_tag_next_o(sum_tag_next), .sum_o(sums)
  );

  wire [Rows*SumBits-1:0] acc_rd;
  genvar gr;
  generate
    for (gr = 0; gr < Rows; gr = gr + 1) begin : gen_acc
      edgesa_accumulator u_acc (
        .clk_i(clk_i), .rst_ni(rst_ni),
        .in_valid_i(sum_valid[gr]), .in_first_i(sum_tag[gr*TagBits + AddrBits]),
        .in_addr_i(sum_tag[gr*TagBits +: AddrBits]), .in_sum_i(sums[gr*SumBits +: SumBits]),
        .in_next_addr_i({AddrBits{1'b0}}),
        .rd_addr_i(drain_addr_i), .rd_data_o(acc_rd[gr*SumBits +: SumBits])
      );
    end
  endgenerate

  // Drain: lane l reads row drain_row_i + l (rows past the last read as zero).
  wire [Lanes*SumBits-1:0] drain_data;
  genvar gl;
  generate
    for (gl = 0; gl < Lanes; gl = gl + 1) begin : gen_drain_lane
      wire [31:0] row = {{(32-RowBits){1'b0}}, drain_row_i} + gl;
      assign drain_data[gl*SumBits +: SumBits] =
          (row < Rows) ? acc_rd[row[RowBits-1:0]*SumBits +: SumBits] : {SumBits{1'b0}};
      /* verilator lint_off UNUSEDSIGNAL */
      wire [31:0] unused_row = row;
      /* verilator lint_on UNUSEDSIGNAL */
    end
  endgenerate
  edgesa_act_pool u_act_pool (
    .clk_i(clk_i), .rst_ni(rst_ni), .act_i(act_i),
    .in_valid_i(drain_valid_i), .in_ready_o(drain_ready_o),
    .in_data_i(drain_data), .in_bias_i(drain_bias_i),
    .out_valid_o(res_valid_o), .out_ready_i(res_ready_i), .out_data_o(res_data_o)
  );

  edgesa_pool_unit u_pool (
    .clk_i(clk_i), .rst_ni(rst_ni), .op_max_i(pool_op_max_i), .count_i(pool_count_i),
    .scale_en_i(pool_scale_en_i), .recip_i(pool_recip_i), .rne_i(pool_rne_i),
    .in_valid_i(pool_in_valid_i), .in_ready_o(pool_in_ready_o), .in_data_i(pool_in_data_i),
    .out_valid_o(pool_out_valid_o), .out_ready_i(pool_out_ready_i), .out_data_o(pool_out_data_o)
  );
)",
        {{"ROWS", std::to_string(rows)},
         {"WIDTH", std::to_string(cfg.array.width)},
         {"OB", std::to_string(cfg.derived.operand_bits)},
         {"SB", std::to_string(sb)},
         {"SLOTB", std::to_string(slot_bits(cfg))},
         {"ROWB", std::to_string(rb)},
         {"AB", std::to_string(ab)},
         {"LANES", std::to_string(lanes)},
         {"CODEC_PORTS",
          fp ? ",\n" +
                   codec_ports("dec", cfg.decompressor.engines,
                               "decompressor bank: codes in, fp32 out") +
                   "  input  wire              cmp_rne_i,\n" +
                   codec_ports("cmp", cfg.compressor.engines, "compressor bank: fp32 in, codes out")
             : ",\n" +
                   converter_ports("dec", cfg.decompressor.engines,
                                   "converter bank: storage raws in, compute raws out") +
                   converter_ports("cmp", cfg.compressor.engines,
                                   "converter bank: accumulator raws in, storage raws out")}});
    // The port lists end with ",\n": drop the last comma before ");".
    const size_t close = s.find("\n);");
    s.erase(s.rfind(',', close), 1);
    if (fp) {
        s += codec_bank("decompressor", "dec", cfg.decompressor.engines);
        s += codec_bank("compressor", "cmp", cfg.compressor.engines);
    } else {
        s += converter_bank("dec", cfg.decompressor.engines);
        s += converter_bank("cmp", cfg.compressor.engines);
    }
    s += "endmodule\n";
    return {"edgesa_datapath",
            "datapath harness: array, accumulators, activation drain, codec or converter banks", s};
}

}  // namespace edgesa::gen
