// edgesa_pool_lane: one lane of the pooling and elementwise passes of the act/pool bank
// (docs/numerics.md, "Other layers"). Each lane folds a window of `count` values in arrival
// order: max (`m = first; if v > m then m = v`, IEEE compare) or sum (fp32::add, or the
// saturating fixed add), then optionally scales the result: avg pool = fp32 mul by float(1/n), or
// fixed saturate(shift_round(sum * round(2^16/n), 16, rounding), operand bits). Elementwise add
// is a sum over the inputs without scaling; mul multiplies its two values (x * z) and
// scale_shift its three (x * s + t) with the same multiplier. Window, op and scale are run-time
// inputs. A fixed lane holds max(accumulator, operand) bits: max compares operand raws, and a
// window sum starts at 0 and saturates at accumulator_bits on every addition, the first value's
// included. Parameter Ops (act_pool.ops, HwPoolOps) says which operations are built; the paths
// only undeclared ones use fold away (docs/numerics.md, "Leaving pool operations out").
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

const char* kFp32Lane = R"(module edgesa_pool_lane #(
  // act_pool.ops (HwPoolOps): bit 0 max_pool, 1 avg_pool, 2 add, 3 mul, 4 scale_shift built
  parameter integer Ops = 31
) (
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
  // What the declared ops need: the compare (max_pool), the adder (avg_pool, add, scale_shift's
  // + t), the multiplier (avg_pool's scale, mul, scale_shift's x * s). An op whose bit is clear
  // selects nothing (a constant 0), so its path folds away; such an op, which sim::Program::build
  // never lets a trace use, folds as a sum (the window's last value without an adder).
  localparam HasAvg = Ops[1];
  localparam HasAdder = Ops[1] || Ops[2] || Ops[4];
  localparam HasMul = Ops[1] || Ops[3] || Ops[4];
  wire op_max = Ops[0] && (op_i == 3'd1);
  // mul and scale_shift: the second value multiplies the first (x * z, x * s); a scale_shift's
  // third value is added (x * s + t) by the sum's adder.
  wire mul = ((Ops[3] && (op_i == 3'd3)) || (Ops[4] && (op_i == 3'd4))) && second_i;
  wire scaled = HasAvg && scale_i && !mul;
  // IEEE v > acc: false with a NaN or for two zeros; sign-magnitude order otherwise.
  wire v_nan = (v_i[30:23] == 8'hff) && (v_i[22:0] != 23'd0);
  wire a_nan = (acc_i[30:23] == 8'hff) && (acc_i[22:0] != 23'd0);
  wire both_zero = (v_i[30:0] == 31'd0) && (acc_i[30:0] == 31'd0);
  wire gt = !v_nan && !a_nan && !both_zero &&
            ((v_i[31] != acc_i[31]) ? acc_i[31]
                                    : (v_i[31] ? (v_i[30:0] < acc_i[30:0]) : (v_i[30:0] > acc_i[30:0])));
  wire [31:0] sum, product;
  wire [31:0] fold = first_i ? v_i : op_max ? (gt ? v_i : acc_i) : sum;
  generate
    if (HasAdder) begin : gen_adder
      edgesa_fp32_add u_add (.a_i(acc_i), .b_i(v_i), .s_o(sum));
    end else begin : gen_no_adder
      assign sum = v_i;
    end
    if (HasMul) begin : gen_mul
      // One multiplier: the window by the average's scale, or the window by this value.
      wire [31:0] ma = (HasAvg && !mul) ? fold : acc_i;
      wire [31:0] mb = (HasAvg && !mul) ? recip_i : v_i;
      edgesa_fp32_mul u_mul (.a_i(ma), .b_i(mb), .p_o(product));
    end else begin : gen_no_mul
      assign product = fold;
    end
  endgenerate
  assign next_o = mul ? product : fold;
  assign result_o = scaled ? product : next_o;
  /* verilator lint_off UNUSEDSIGNAL */
  // used only by the declared ops; a concatenation, not a reduction, so that no cell is kept
  wire [34:0] unused_in = {rne_i, recip_i, second_i, scale_i};
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";

const char* kFixedLane = R"(module edgesa_pool_lane #(
  parameter integer SumBits  = ${SB},    // accumulator_bits: window sums saturate here
  parameter integer LaneBits = ${LB},    // max(SumBits, OutBits + 1)
  parameter integer OutBits  = ${OUTB},    // operand bits
  parameter integer OutFrac  = ${OUTF},    // operand fraction bits F
  // act_pool.ops (HwPoolOps): bit 0 max_pool, 1 avg_pool, 2 add, 3 mul, 4 scale_shift built
  parameter integer Ops      = 31
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
  // What the declared ops need: the compare (max_pool), the saturating adder (avg_pool, add,
  // scale_shift's + t), the multiplier (avg_pool's round(2^16/n), mul, scale_shift's x * s), the
  // saturation to OutBits of a scaled sum (avg_pool, add). An op whose bit is clear selects
  // nothing (a constant 0), so its path folds away; such an op, which sim::Program::build never
  // lets a trace use, folds as a sum (the window's last value without an adder).
  localparam HasAvg = Ops[1];
  localparam HasSum = Ops[1] || Ops[2] || Ops[4];
  localparam HasScale = Ops[1] || Ops[2];  // a scaled sum: the average, or an add's saturation
  localparam HasProd = Ops[3] || Ops[4];
  wire op_max = Ops[0] && (op_i == 3'd1);
  wire op_ss = Ops[4] && (op_i == 3'd4);
  wire op_prod = (Ops[3] && (op_i == 3'd3)) || op_ss;
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
                           : op_prod ? ((first_i || !Ops[4]) ? v_i : osat[LaneBits-1:0])
                           : HasSum ? sum : v_i;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [1:0] unused_sat = {ssat[LaneBits], osat[LaneBits]};  // signs, equal to bit LaneBits-1 after saturation
  /* verilator lint_on UNUSEDSIGNAL */
  // One multiplier: shift_round(fold * recip, 16, mode) for the average, or
  // shift_round(acc * v, F, mode) for a product; then saturate to OutBits (a scale_shift's
  // x * s to OutBits + 1, which keeps x * s + t exact). Without avg_pool the scaled sum is an
  // add's (recip 2^16): fold * 2^16 is a shift, and without mul and scale_shift no multiplier
  // is left.
  localparam integer MB = ((OutBits > 17) ? OutBits : 17) + 1;
  localparam integer W = LaneBits + MB;
  wire signed [MB-1:0] vb = $signed({{(MB-OutBits){v_i[OutBits-1]}}, v_i[OutBits-1:0]});
  wire signed [W-1:0] fold16 = $signed({{MB{fold[LaneBits-1]}}, fold}) <<< 16;  // fold * 2^16
  wire signed [W-1:0] prod;
  generate
    if (HasAvg) begin : gen_avg_mul
      // round(2^16 / n) <= 2^16 for n >= 1: 17 bits, unsigned
      wire signed [MB-1:0] mb = mul ? vb : $signed({{(MB-17){1'b0}}, recip_i[16:0]});
      assign prod = $signed(mul ? acc_i : fold) * mb;
    end else if (HasProd) begin : gen_prod_mul
      assign prod = mul ? $signed(acc_i) * vb : fold16;
    end else begin : gen_no_mul
      assign prod = fold16;
    end
  endgenerate
  /* verilator lint_off UNUSEDSIGNAL */
  // recip_i above bit 16, the rest as the ops need them; concatenations, not reductions, keep
  // no cell in synthesis
  wire [32+MB+W:0] unused_in = {recip_i, second_i, vb, fold16};
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
  assign next_o = !mul ? fold : op_ss ? sat1[LaneBits-1:0] : sat[LaneBits-1:0];
  assign result_o = (HasScale && scale_i && !mul) ? sat[LaneBits-1:0] : next_o;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [2*(W-LaneBits)-1:0] unused_hi = {sat[W-1:LaneBits], sat1[W-1:LaneBits]};  // signs after saturation
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
