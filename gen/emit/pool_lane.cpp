// edgesa_pool_lane: one lane of the pooling and elementwise passes of the act/pool bank
// (docs/numerics.md, "Other layers"). Each lane folds a window of `count` values in arrival
// order: max (`m = first; if v > m then m = v`, IEEE compare) or sum (fp32::add, or the
// saturating fixed add), then optionally scales the result: avg pool = fp32 mul by float(1/n), or
// fixed saturate(shift_round(sum * round(2^16/n), 16, rounding), operand bits). Elementwise add
// is a sum over the inputs without scaling; mul multiplies its two values (x * z) and
// scale_shift its three (x * s + t) with the same multiplier. Window, op and scale are run-time
// inputs. A fixed lane holds max(accumulator, operand) bits: max compares operand raws, and a
// window sum starts at 0 and saturates at accumulator_bits on every addition, the first value's
// included.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

const char* kFp32Lane = R"(module edgesa_pool_lane (
  input  wire        first_i,    // first value of a window
  input  wire        second_i,   // second value of a window
  input  wire [2:0]  op_i,       // 1 max, 2 sum, 3 mul, 4 scale_shift (DescPoolOp)
  input  wire        scale_i,    // apply the scale to this (last) value's result
  input  wire [31:0] recip_i,    // fp32 bits of float(1/n)
  input  wire        rne_i,      // unused for fp32 (RNE is the compute policy)
  input  wire [31:0] acc_i,      // the window so far
  input  wire [31:0] v_i,
  output wire [31:0] next_o,     // the window including v
  output wire [31:0] result_o    // next_o, scaled when scale_i
);
  // mul and scale_shift: the second value multiplies the first (x * z, x * s); a scale_shift's
  // third value is added (x * s + t) by the sum's adder.
  wire op_max = (op_i == 3'd1);
  wire mul = ((op_i == 3'd3) || (op_i == 3'd4)) && second_i;
  // IEEE v > acc: false with a NaN or for two zeros; sign-magnitude order otherwise.
  wire v_nan = (v_i[30:23] == 8'hff) && (v_i[22:0] != 23'd0);
  wire a_nan = (acc_i[30:23] == 8'hff) && (acc_i[22:0] != 23'd0);
  wire both_zero = (v_i[30:0] == 31'd0) && (acc_i[30:0] == 31'd0);
  wire gt = !v_nan && !a_nan && !both_zero &&
            ((v_i[31] != acc_i[31]) ? acc_i[31]
                                    : (v_i[31] ? (v_i[30:0] < acc_i[30:0]) : (v_i[30:0] > acc_i[30:0])));
  wire [31:0] sum;
  edgesa_fp32_add u_add (.a_i(acc_i), .b_i(v_i), .s_o(sum));
  wire [31:0] fold = first_i ? v_i : op_max ? (gt ? v_i : acc_i) : sum;
  // One multiplier: the window by the average's scale, or the window by this value.
  wire [31:0] product;
  edgesa_fp32_mul u_mul (.a_i(mul ? acc_i : fold), .b_i(mul ? v_i : recip_i), .p_o(product));
  assign next_o = mul ? product : fold;
  assign result_o = (scale_i && !mul) ? product : next_o;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_rne = rne_i;
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";

const char* kFixedLane = R"(module edgesa_pool_lane #(
  parameter integer SumBits  = ${SB},    // accumulator_bits: window sums saturate here
  parameter integer LaneBits = ${LB},    // max(SumBits, OutBits + 1)
  parameter integer OutBits  = ${OUTB},    // operand bits
  parameter integer OutFrac  = ${OUTF}     // operand fraction bits F
) (
  input  wire                first_i,   // first value of a window
  input  wire                second_i,  // second value of a window
  input  wire [2:0]          op_i,      // 1 max, 2 sum, 3 mul, 4 scale_shift (DescPoolOp)
  input  wire                scale_i,
  input  wire [31:0]         recip_i,   // round(2^16 / n), unsigned
  input  wire                rne_i,     // rounding of the scaled average and products: 1 rne, 0 floor
  input  wire [LaneBits-1:0] acc_i,
  input  wire [LaneBits-1:0] v_i,       // an operand raw, sign-extended
  output wire [LaneBits-1:0] next_o,
  output wire [LaneBits-1:0] result_o   // scaled or multiplied: saturated to OutBits, sign-extended
);
  wire op_max = (op_i == 3'd1);
  wire op_prod = (op_i == 3'd3) || (op_i == 3'd4);
  wire mul = op_prod && second_i;  // x * z, x * s: shift_round(acc * v, F)
  // sum = saturate(acc + v, SumBits), acc = 0 for the window's first value; a scale_shift's third
  // value: saturate(acc + t, OutBits)
  wire [LaneBits-1:0]        a = first_i ? {LaneBits{1'b0}} : acc_i;
  wire signed [LaneBits:0]   full = $signed({a[LaneBits-1], a}) + $signed({v_i[LaneBits-1], v_i});
  wire signed [LaneBits:0]   shi = {{(LaneBits+2-SumBits){1'b0}}, {(SumBits-1){1'b1}}};
  wire signed [LaneBits:0]   slo = ~shi;
  // saturation by the bits above the target: in range when they all copy the sign (one
  // comparison of those bits, not two magnitude comparisons of the whole word)
  wire signed [LaneBits:0]   ssat = (full[LaneBits:SumBits-1] != {(LaneBits-SumBits+2){full[LaneBits]}})
                                    ? (full[LaneBits] ? slo : shi) : full;
  wire [LaneBits-1:0]        sum = ssat[LaneBits-1:0];
  wire signed [LaneBits:0]   ohi = {{(LaneBits+2-OutBits){1'b0}}, {(OutBits-1){1'b1}}};
  wire signed [LaneBits:0]   olo = ~ohi;
  wire signed [LaneBits:0]   osat = (full[LaneBits:OutBits-1] != {(LaneBits-OutBits+2){full[LaneBits]}})
                                    ? (full[LaneBits] ? olo : ohi) : full;
  wire gt = $signed(v_i) > $signed(acc_i);
  wire [LaneBits-1:0] fold = op_max ? ((first_i || gt) ? v_i : acc_i)
                           : op_prod ? (first_i ? v_i : osat[LaneBits-1:0]) : sum;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_sat = ssat[LaneBits] ^ osat[LaneBits];  // signs, equal to bit LaneBits-1 after saturation
  /* verilator lint_on UNUSEDSIGNAL */
  // One multiplier: shift_round(fold * recip, 16, mode) for the average, or
  // shift_round(acc * v, F, mode) for a product; then saturate to OutBits (a scale_shift's
  // x * s to OutBits + 1, which keeps x * s + t exact).
  localparam integer MB = ((OutBits > 17) ? OutBits : 17) + 1;
  localparam integer W = LaneBits + MB;
  // round(2^16 / n) <= 2^16 for n >= 1: 17 bits, unsigned
  wire signed [MB-1:0] mb = mul ? $signed({{(MB-OutBits){v_i[OutBits-1]}}, v_i[OutBits-1:0]})
                                : $signed({{(MB-17){1'b0}}, recip_i[16:0]});
  wire signed [W-1:0] prod = $signed(mul ? acc_i : fold) * mb;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_recip = ^recip_i[31:17];
  /* verilator lint_on UNUSEDSIGNAL */
  localparam [W-1:0] One = 1;
  localparam [W-1:0] MaskF = (One << OutFrac) - One;
  localparam [W-1:0] HalfF = (OutFrac == 0) ? {W{1'b0}} : (One << (OutFrac - 1));
  wire signed [W-1:0] fl16 = prod >>> 16;
  wire signed [W-1:0] flf = prod >>> OutFrac;
  wire [15:0] rem16 = prod[15:0];
  wire [W-1:0] remf = prod & MaskF;
  wire up16 = rne_i && ((rem16 > 16'h8000) || ((rem16 == 16'h8000) && fl16[0]));
  wire upf = rne_i && (OutFrac != 0) && ((remf > HalfF) || ((remf == HalfF) && flf[0]));
  // one rounding adder for both shifts
  wire signed [W-1:0] fl = mul ? flf : fl16;
  wire signed [W-1:0] rounded = fl + {{(W-1){1'b0}}, mul ? upf : up16};
  wire ovf = (rounded[W-1:OutBits-1] != {(W-OutBits+1){rounded[W-1]}});
  wire ovf1 = (rounded[W-1:OutBits] != {(W-OutBits){rounded[W-1]}});
  wire signed [W-1:0] hi = ({{(W-1){1'b0}}, 1'b1} <<< (OutBits - 1)) - 1;
  wire signed [W-1:0] hi1 = ({{(W-1){1'b0}}, 1'b1} <<< OutBits) - 1;
  wire signed [W-1:0] sat = ovf ? (rounded[W-1] ? ~hi : hi) : rounded;
  wire signed [W-1:0] sat1 = ovf1 ? (rounded[W-1] ? ~hi1 : hi1) : rounded;
  assign next_o = !mul ? fold : (op_i == 3'd4) ? sat1[LaneBits-1:0] : sat[LaneBits-1:0];
  assign result_o = (scale_i && !mul) ? sat[LaneBits-1:0] : next_o;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [W-LaneBits-1:0] unused_hi = sat[W-1:LaneBits] ^ sat1[W-1:LaneBits];  // signs after saturation
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";

}  // namespace

VerilogUnit emit_pool_lane(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    return {
        "edgesa_pool_lane",
        "one pooling lane: window max or sum, optional average scale; mul, scale_shift",
        cfg.derived.fixed_compute
            ? subst(kFixedLane, {{"SB", std::to_string(ctx.hw.sum_bits)},
                                 {"LB", std::to_string(ctx.hw.pool_lane_bits)},
                                 {"OUTB", std::to_string(cfg.derived.fixed.operand.total_bits())},
                                 {"OUTF", std::to_string(cfg.derived.fixed.operand.frac_bits)}})
            : std::string(kFp32Lane)};
}

}  // namespace edgesa::gen
