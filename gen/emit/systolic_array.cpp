// edgesa_systolic_array: rows x width multiplier cells, one adder tree per row, and the
// vertical pipeline that moves a vector from row r to row r + 1 each cycle (docs/architecture.md,
// units 4-5). A vector sampled at edge t is at row r during cycle t + r (held in stage r);
// a fill vector writes its slot in its target row as it passes (pouring); a stream vector's row
// sum leaves the tree multiplier_stages + tree_stages edges later, with the vector's tag.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_systolic_array(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const char* text = R"(module edgesa_systolic_array #(
  parameter integer Rows        = ${ROWS},
  parameter integer Width       = ${WIDTH},
  parameter integer OperandBits = ${OB},
  parameter integer ProductBits = ${PB},
  parameter integer SumBits     = ${SUMB},
  parameter integer SlotBits    = ${SLOTB},
  parameter integer RowBits     = ${ROWB},
  parameter integer TagBits     = ${TAGB},
  parameter integer MulStages   = ${MS},
  parameter integer TreeStages  = ${TS}
) (
  input  wire                         clk_i,
  input  wire                         rst_ni,
  // row-0 input: one vector per cycle, never stalled (registered by the issuer)
  input  wire                         vec_valid_i,
  input  wire                         vec_fill_i,   // 1: weight row for vec_row_i, 0: stream
  input  wire [RowBits-1:0]           vec_row_i,
  input  wire [SlotBits-1:0]          vec_slot_i,
  input  wire [TagBits-1:0]           vec_tag_i,    // travels with a stream vector to the sums
  input  wire [Width*OperandBits-1:0] vec_data_i,   // value c at [c*OperandBits +: OperandBits]
  // per-row sums
  output wire [Rows-1:0]              sum_valid_o,
  output wire [Rows*TagBits-1:0]      sum_tag_o,
  output wire [Rows*SumBits-1:0]      sum_o
);
  localparam integer Delay = MulStages + TreeStages;  // tag delay from a row to its sum

  // Vertical pipeline: stage r holds the vector at row r.
  reg [Rows-1:0]              v_q;
  reg [Rows-1:0]              fill_q;
  reg [RowBits-1:0]           row_q  [0:Rows-1];
  reg [SlotBits-1:0]          slot_q [0:Rows-1];
  reg [TagBits-1:0]           tag_q  [0:Rows-1];
  reg [Width*OperandBits-1:0] data_q [0:Rows-1];
  integer r, r2;  // one loop variable per always block (yosys treats them as registers)
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      v_q <= {Rows{1'b0}};
    end else begin
      v_q[0] <= vec_valid_i;
      for (r = 1; r < Rows; r = r + 1) v_q[r] <= v_q[r-1];
    end
  end
  always @(posedge clk_i) begin
    fill_q[0] <= vec_fill_i;
    for (r2 = 1; r2 < Rows; r2 = r2 + 1) fill_q[r2] <= fill_q[r2-1];
    row_q[0]  <= vec_row_i;
    slot_q[0] <= vec_slot_i;
    tag_q[0]  <= vec_tag_i;
    data_q[0] <= vec_data_i;
    for (r2 = 1; r2 < Rows; r2 = r2 + 1) begin
      row_q[r2]  <= row_q[r2-1];
      slot_q[r2] <= slot_q[r2-1];
      tag_q[r2]  <= tag_q[r2-1];
      data_q[r2] <= data_q[r2-1];
    end
  end

  genvar gr, gc;
  generate
    for (gr = 0; gr < Rows; gr = gr + 1) begin : gen_row
      wire fill_here = v_q[gr] & fill_q[gr] & ({{(32-RowBits){1'b0}}, row_q[gr]} == gr);
      wire stream    = v_q[gr] & ~fill_q[gr];
      wire [Width-1:0]             cell_valid;
      wire [Width*ProductBits-1:0] products;
      for (gc = 0; gc < Width; gc = gc + 1) begin : gen_col
        edgesa_mult_cell u_cell (
          .clk_i(clk_i), .rst_ni(rst_ni),
          .fill_i(fill_here), .fill_slot_i(slot_q[gr]),
          .fill_weight_i(data_q[gr][gc*OperandBits +: OperandBits]),
          .valid_i(stream), .slot_i(slot_q[gr]),
          .x_i(data_q[gr][gc*OperandBits +: OperandBits]),
          .valid_o(cell_valid[gc]), .p_o(products[gc*ProductBits +: ProductBits])
        );
      end
      edgesa_adder_tree u_tree (
        .clk_i(clk_i), .rst_ni(rst_ni),
        .valid_i(cell_valid[0]), .operands_i(products),
        .valid_o(sum_valid_o[gr]), .sum_o(sum_o[gr*SumBits +: SumBits])
      );
      // The tag follows the sum: Delay registers.
      reg [TagBits-1:0] tag_dly_q [0:Delay-1];
      integer k;
      always @(posedge clk_i) begin
        tag_dly_q[0] <= tag_q[gr];
        for (k = 1; k < Delay; k = k + 1) tag_dly_q[k] <= tag_dly_q[k-1];
      end
      assign sum_tag_o[gr*TagBits +: TagBits] = tag_dly_q[Delay-1];
      /* verilator lint_off UNUSEDSIGNAL */
      wire [Width-1:0] unused_valid = cell_valid;  // all columns of a row share one valid
      /* verilator lint_on UNUSEDSIGNAL */
    end
  endgenerate
endmodule
)";
    // Tag: first-chunk flag + accumulator address.
    int addr_bits = 1;
    while ((int64_t(1) << addr_bits) < cfg.accumulator.depth) ++addr_bits;
    return {"edgesa_systolic_array",
            "systolic array: rows x width cells, vertical pipeline, one adder tree per row",
            subst(text, {{"ROWS", std::to_string(cfg.array.rows)},
                         {"WIDTH", std::to_string(cfg.array.width)},
                         {"OB", std::to_string(cfg.derived.operand_bits)},
                         {"PB", std::to_string(ctx.hw.leaf_bits)},
                         {"SUMB", std::to_string(ctx.hw.sum_bits)},
                         {"SLOTB", std::to_string(ctx.hw.slot_bits)},
                         {"ROWB", std::to_string(ctx.hw.row_bits)},
                         {"TAGB", std::to_string(addr_bits + 1)},
                         {"MS", std::to_string(cfg.array.multiplier_stages)},
                         // tree-extra-stage: the tag follows the faulty tree's extra register,
                         // so the fault costs one cycle and keeps the values right.
                         {"TS", std::to_string(cfg.derived.tree_stages +
                                               (ctx.has(Fault::kTreeExtraStage) ? 1 : 0))}})};
}

}  // namespace edgesa::gen
