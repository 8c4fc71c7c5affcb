// edgesa_pool_lane: one lane of the pooling and elementwise-add passes of the act/pool
// bank (docs/numerics.md, "Other layers"). Each lane folds a window of `count` values in arrival
// order: max (`m = first; if v > m then m = v`, IEEE compare) or sum (fp32::add, or the
// saturating fixed add), then optionally scales the result: avg pool = fp32 mul by float(1/n), or
// fixed saturate(shift_round(sum * round(2^16/n), 16, rounding), operand bits). Elementwise add
// is a sum over the inputs without scaling. Window, op and scale are run-time inputs. A fixed
// lane holds max(accumulator, operand) bits: max compares operand raws, and a window sum starts
// at 0 and saturates at accumulator_bits on every addition, the first value's included.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

const char* kFp32Lane = R"(module edgesa_pool_lane (
  input  wire        first_i,    // first value of a window
  input  wire        op_max_i,   // 1: max, 0: sum
  input  wire        scale_i,    // apply the scale to this (last) value's result
  input  wire [31:0] recip_i,    // fp32 bits of float(1/n)
  input  wire        rne_i,      // unused for fp32 (RNE is the compute policy)
  input  wire [31:0] acc_i,      // the window so far
  input  wire [31:0] v_i,
  output wire [31:0] next_o,     // the window including v
  output wire [31:0] result_o    // next_o, scaled when scale_i
);
  // IEEE v > acc: false with a NaN or for two zeros; sign-magnitude order otherwise.
  wire v_nan = (v_i[30:23] == 8'hff) && (v_i[22:0] != 23'd0);
  wire a_nan = (acc_i[30:23] == 8'hff) && (acc_i[22:0] != 23'd0);
  wire both_zero = (v_i[30:0] == 31'd0) && (acc_i[30:0] == 31'd0);
  wire gt = !v_nan && !a_nan && !both_zero &&
            ((v_i[31] != acc_i[31]) ? acc_i[31]
                                    : (v_i[31] ? (v_i[30:0] < acc_i[30:0]) : (v_i[30:0] > acc_i[30:0])));
  wire [31:0] sum;
  edgesa_fp32_add u_add (.a_i(acc_i), .b_i(v_i), .s_o(sum));
  assign next_o = first_i ? v_i : op_max_i ? (gt ? v_i : acc_i) : sum;
  wire [31:0] scaled;
  edgesa_fp32_mul u_mul (.a_i(next_o), .b_i(recip_i), .p_o(scaled));
  assign result_o = scale_i ? scaled : next_o;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_rne = rne_i;
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";

const char* kFixedLane = R"(module edgesa_pool_lane #(
  parameter integer SumBits  = ${SB},    // accumulator_bits: window sums saturate here
  parameter integer LaneBits = ${LB},    // max(SumBits, operand bits)
  parameter integer OutBits  = ${OUTB}
) (
  input  wire                first_i,
  input  wire                op_max_i,
  input  wire                scale_i,
  input  wire [31:0]         recip_i,   // round(2^16 / n), unsigned
  input  wire                rne_i,     // rounding of the scaled average: 1 rne, 0 floor
  input  wire [LaneBits-1:0] acc_i,
  input  wire [LaneBits-1:0] v_i,       // an operand raw, sign-extended
  output wire [LaneBits-1:0] next_o,
  output wire [LaneBits-1:0] result_o   // scaled: saturated to OutBits, sign-extended
);
  // sum = saturate(acc + v, SumBits), acc = 0 for the window's first value
  wire [LaneBits-1:0]        a = first_i ? {LaneBits{1'b0}} : acc_i;
  wire signed [LaneBits:0]   full = $signed({a[LaneBits-1], a}) + $signed({v_i[LaneBits-1], v_i});
  wire signed [LaneBits:0]   shi = {{(LaneBits+2-SumBits){1'b0}}, {(SumBits-1){1'b1}}};
  wire signed [LaneBits:0]   slo = ~shi;
  wire signed [LaneBits:0]   ssat = (full > shi) ? shi : (full < slo) ? slo : full;
  wire [LaneBits-1:0]        sum = ssat[LaneBits-1:0];
  wire gt = $signed(v_i) > $signed(acc_i);
  assign next_o = !op_max_i ? sum : (first_i || gt) ? v_i : acc_i;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_ssat = ssat[LaneBits];  // the sign, equal to bit LaneBits-1 after saturation
  /* verilator lint_on UNUSEDSIGNAL */
  // shift_round(next * recip, 16, mode), then saturate to OutBits.
  localparam integer W = LaneBits + 34;
  // round(2^16 / n) <= 2^16 for n >= 1: 17 bits, so the product needs one DSP column less
  wire signed [W-1:0] prod = $signed({{34{next_o[LaneBits-1]}}, next_o}) * $signed({{(W-17){1'b0}}, recip_i[16:0]});
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_recip = ^recip_i[31:17];
  /* verilator lint_on UNUSEDSIGNAL */
  wire signed [W-1:0] floor_q = prod >>> 16;
  wire [15:0] rem = prod[15:0];
  wire up = rne_i && ((rem > 16'h8000) || ((rem == 16'h8000) && floor_q[0]));
  wire signed [W-1:0] rounded = floor_q + {{(W-1){1'b0}}, up};
  wire signed [W-1:0] hi = ({{(W-1){1'b0}}, 1'b1} <<< (OutBits - 1)) - 1;
  wire signed [W-1:0] lo = -hi - 1;
  wire signed [W-1:0] sat = (rounded > hi) ? hi : (rounded < lo) ? lo : rounded;
  assign result_o = scale_i ? sat[LaneBits-1:0] : next_o;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [W-LaneBits-1:0] unused_sat = sat[W-1:LaneBits];  // the sign after saturation
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";

}  // namespace

VerilogUnit emit_pool_lane(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    return {
        "edgesa_pool_lane", "one pooling lane: window max or sum, optional average scale",
        cfg.derived.fixed_compute
            ? subst(kFixedLane, {{"SB", std::to_string(ctx.hw.sum_bits)},
                                 {"LB", std::to_string(ctx.hw.pool_lane_bits)},
                                 {"OUTB", std::to_string(cfg.derived.fixed.operand.total_bits())}})
            : std::string(kFp32Lane)};
}

}  // namespace edgesa::gen
