// edgesa_mult_cell: one multiplier cell of the systolic array with its stationary weight buffer
// (buffer_depth slots, written by fills poured down the column) and multiplier_stages
// registers after the multiplier (docs/architecture.md, unit 4).
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_mult_cell(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const char* text = R"(module edgesa_mult_cell #(
  parameter integer OperandBits = ${OB},
  parameter integer ProductBits = ${PB},
  parameter integer Slots       = ${SLOTS},
  parameter integer SlotBits    = ${SB},
  parameter integer MulStages   = ${MS}
) (
  input  wire                   clk_i,
  input  wire                   rst_ni,
  // fill: write one stationary weight into a slot
  input  wire                   fill_i,
  input  wire [SlotBits-1:0]    fill_slot_i,
  input  wire [OperandBits-1:0] fill_weight_i,
  // stream: multiply x by the weight of a slot
  input  wire                   valid_i,
  input  wire [SlotBits-1:0]    slot_i,
  input  wire [OperandBits-1:0] x_i,
  output wire                   valid_o,
  output wire [ProductBits-1:0] p_o
);
  reg [OperandBits-1:0] weight_q [0:Slots-1];
  always @(posedge clk_i) begin
    if (fill_i) weight_q[fill_slot_i] <= fill_weight_i;
  end

  wire [ProductBits-1:0] product;
  ${MUL} u_mul (.a_i(weight_q[slot_i]), .b_i(x_i), .p_o(product));

  // MulStages registers after the multiplier.
  reg [MulStages-1:0]   valid_q;
  reg [ProductBits-1:0] p_q [0:MulStages-1];
  integer k;
  generate
    if (MulStages == 1) begin : gen_valid_one
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) valid_q <= 1'b0;
        else         valid_q <= valid_i;
      end
    end else begin : gen_valid_chain
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) valid_q <= {MulStages{1'b0}};
        else         valid_q <= {valid_q[MulStages-2:0], valid_i};
      end
    end
  endgenerate
  always @(posedge clk_i) begin
    p_q[0] <= product;
    for (k = 1; k < MulStages; k = k + 1) p_q[k] <= p_q[k-1];
  end
  assign valid_o = valid_q[MulStages-1];
  assign p_o     = p_q[MulStages-1];
endmodule
)";
    return {
        "edgesa_mult_cell", "multiplier cell with its stationary weight buffer",
        subst(text, {{"OB", std::to_string(cfg.derived.operand_bits)},
                     {"PB", std::to_string(ctx.hw.leaf_bits)},
                     {"SLOTS", std::to_string(cfg.array.buffer_depth)},
                     {"SB", std::to_string(ctx.hw.slot_bits)},
                     {"MS", std::to_string(cfg.array.multiplier_stages)},
                     {"MUL", cfg.derived.fixed_compute ? "edgesa_fixed_mul" : "edgesa_fp32_mul"}})};
}

}  // namespace edgesa::gen
