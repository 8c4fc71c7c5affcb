// edgesa_fixed_act: the activation function of one fixed-point act/pool lane, combinational.
//
// activate_fixed (core/numerics/activation.cpp, docs/numerics.md "Activations") on a raw r of the
// stored format (F = frac_i fraction bits, already saturated to to_bits_i bits), chosen at run time
// by act_i (the Act* codes of edgesa_hw_params.vh):
//   relu        max(r, 0)              relu6  min(max(r, 0), 6 << F)
//   a = shift_round(r * K + (C << F), 16) with 16-fraction-bit constants:
//   leaky_relu  r > 0 ? r : a           K = round(0.1 * 2^16), C = 0
//   hard_*      g = min(max(a, 0), 1 << F), K = round(2^16 / 6), C = 2^15
//   sigmoid/silu, tanh: K = slope[i], C = intercept[i] of r's sign, i = (|r| << shift) >> F;
//               i >= 16 is outside: g = the asymptote (0 or -1 << F below, 1 << F above)
//   hard_swish, silu: shift_round(r * g, F)
// then saturated to to_bits_i. shift_round uses rne_i (the configured rounding). The constants
// come from edgesa_hw_params.vh (core/numerics/activation_table.h).
//
// Functions (act_pool.functions, HwActFunctions): bit c set = act code c is built. The select of
// a code whose bit is clear is the constant 0, so synthesis folds its path away (no multipliers
// without leaky_relu, hard_* or the table functions; no table without sigmoid, silu, tanh); such
// a code, which sim::Program::build never lets a trace use, gives the saturated raw (none).
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_fixed_act #(
  parameter integer RawBits = 32,  // raw_i width: the widest output raw
  parameter integer ActBits = 4,   // DescActBits
  parameter integer Functions = 511  // bit c: act code c built (bit 0, none, always)
) (
  input  wire [RawBits-1:0] raw_i,      // two's complement, saturated to to_bits_i
  input  wire [5:0]         frac_i,     // F
  input  wire [5:0]         to_bits_i,  // the output width (F < to_bits_i <= RawBits)
  input  wire [ActBits-1:0] act_i,
  input  wire               rne_i,
  output wire [31:0]        y_o         // saturated to to_bits_i, sign-extended
);
  `include "edgesa_hw_params.vh"
  localparam integer GW = RawBits + 3;      // one << F, 6 << F and the unsaturated results
  localparam integer PW = RawBits + 19;     // r * K + (C << F): |K| < 2^17, |C| <= 2^16
  localparam integer QW = 2 * RawBits + 1;  // r * g, 0 <= g <= 1 << F < 2^RawBits
  localparam integer IB = ActPwlIndexBits;
  localparam integer RawBitsM1 = RawBits - 1;
  wire signed [RawBits-1:0] r = raw_i;
  wire signed [GW-1:0]      rx = {{3{r[RawBits-1]}}, r};
  wire                      neg = r[RawBits-1];
  wire                      pos = !neg && (r != {RawBits{1'b0}});
  wire signed [GW-1:0]      one = {{(GW - 1){1'b0}}, 1'b1} <<< frac_i;

  // One select per code, constant 0 when not built.
  wire f_relu = Functions[ActRelu] && (act_i == ActRelu[ActBits-1:0]);
  wire f_relu6 = Functions[ActRelu6] && (act_i == ActRelu6[ActBits-1:0]);
  wire f_leaky = Functions[ActLeakyRelu] && (act_i == ActLeakyRelu[ActBits-1:0]);
  wire f_hsig = Functions[ActHardSigmoid] && (act_i == ActHardSigmoid[ActBits-1:0]);
  wire f_hswish = Functions[ActHardSwish] && (act_i == ActHardSwish[ActBits-1:0]);
  wire f_sig = Functions[ActSigmoid] && (act_i == ActSigmoid[ActBits-1:0]);
  wire f_silu = Functions[ActSilu] && (act_i == ActSilu[ActBits-1:0]);
  wire f_tanh = Functions[ActTanh] && (act_i == ActTanh[ActBits-1:0]);
  localparam HasTable = Functions[ActSigmoid] || Functions[ActSilu] || Functions[ActTanh];
  wire is_tanh = f_tanh;
  wire is_sig = f_sig || f_silu;
  wire is_hard = f_hsig || f_hswish;
  wire uses_g = is_hard || is_sig || is_tanh;
  // Segment: (|r| << shift) >> F, no rounding; 2^IB or more is outside the table.
  wire [GW-1:0] mag = neg ? -rx : rx;
  wire [GW-1:0] seg = (mag << (is_tanh ? ActTanhShift : ActSigmoidShift)) >> frac_i;
  wire          outside = seg[GW-1:IB] != {(GW - IB){1'b0}};
  // One table of 2 * 2^IB entries, sigmoid's then tanh's: the slope and the intercept of x >= 0;
  // the other side's intercept is 1 - c (sigmoid) or -c (tanh).
  wire [IB+5:0] at = {is_tanh, seg[IB-1:0], 5'd0};
  localparam [64*ActPwlSegments-1:0] Slopes = {ActTanhSlopeQ16, ActSigmoidSlopeQ16};
  localparam [64*ActPwlSegments-1:0] Icpts = {ActTanhIcptPosQ16, ActSigmoidIcptPosQ16};
  wire [31:0]   slope32 = HasTable ? Slopes[at +: 32] : 32'd0;
  wire [31:0]   icpt32 = HasTable ? Icpts[at +: 32] : 32'd0;
  wire signed [17:0] icpt = icpt32[17:0];
  wire signed [17:0] icpt_neg = is_tanh ? -icpt : (18'sd1 <<< ActConstFrac) - icpt;
  wire [31:0]   k32 = f_leaky ? ActLeakyQ16
                    : is_hard ? ActSixthQ16 : slope32;
  wire signed [17:0] k = k32[17:0];
  wire signed [17:0] c = is_hard ? ActHalfQ16[17:0]
                       : (is_tanh || is_sig) ? (neg ? icpt_neg : icpt) : 18'sd0;
  // c << F as a product with the one-hot 2^F (a DSP rather than a barrel shifter)
  wire signed [PW-1:0] rk = r * k;
  wire signed [PW-1:0] cf = c * $signed({1'b0, one[RawBits-1:0]});
  wire signed [PW-1:0] p = rk + cf;
  // a = shift_round(p, 16): |a| < 2^(RawBits+1), so the converter's saturation never acts
  wire [GW-1:0] a_raw;
  edgesa_fixed_convert #(
    .InBits(PW), .OutBits(GW), .ToBits(GW), .ConstShift(ActConstFrac)
  ) u_a (.raw_i(p), .shift_i(7'sd0), .to_bits_i(6'd0), .rne_i(rne_i), .raw_o(a_raw));
  wire signed [GW-1:0] a = a_raw;
  wire signed [GW-1:0] zero = {GW{1'b0}};
  wire signed [GW-1:0] hard = a[GW-1] ? zero : (a > one) ? one : a;
  wire signed [GW-1:0] table_y = outside ? (neg ? (is_tanh ? -one : zero) : one) : a;
  wire signed [GW-1:0] g = is_hard ? hard : table_y;
  // hard_swish, silu: shift_round(r * g, F), saturated; 0 <= g <= 1 << F there. As
  // shift_round(r * (g << (RawBits - 1 - F)), RawBits - 1): the same value with a constant
  // rounding position, one product (no run-time right shift of the product).
  wire [RawBits-1:0] gu = g[RawBits-1:0] << (RawBitsM1[5:0] - frac_i);
  wire signed [QW-1:0] q = r * $signed({1'b0, gu});
  wire [31:0] y2;
  edgesa_fixed_convert #(
    .InBits(QW), .OutBits(32), .ToBits(0), .ConstShift(RawBits - 1)
  ) u_q (.raw_i(q), .shift_i(7'sd0), .to_bits_i(to_bits_i), .rne_i(rne_i), .raw_o(y2));
  wire signed [GW-1:0] relu = neg ? zero : rx;
  wire signed [GW-1:0] six = (one <<< 2) | (one <<< 1);  // 6 << F: one is one-hot, so no adder
  wire signed [GW-1:0] pre = f_relu ? relu
                           : f_relu6 ? ((relu < six) ? relu : six)
                           : f_leaky ? (pos ? rx : a)
                           : uses_g ? g
                           : rx;  // none (and a code not built)
  // saturate to to_bits_i
  wire signed [GW-1:0] hi = ({{(GW - 1){1'b0}}, 1'b1} <<< (to_bits_i - 6'd1)) - 1;
  wire signed [GW-1:0] lo = -hi - 1;
  // none, relu and relu6 give a raw between 0 (or r) and r, which fits to_bits_i as raw_i does:
  // a design with only those builds no saturation.
  localparam integer FitsAlways = (1 << ActNone) | (1 << ActRelu) | (1 << ActRelu6);
  localparam integer NeedsSat = ((Functions & ~FitsAlways) != 0) ? 1 : 0;
  wire signed [GW-1:0] sat = (NeedsSat == 0) ? pre : (pre > hi) ? hi : (pre < lo) ? lo : pre;
  wire [RawBits-1:0] sat_cut = sat[RawBits-1:0];
  wire signed [31:0] satx = $signed({{(33 - RawBits){sat_cut[RawBits-1]}}, sat_cut[RawBits-2:0]});
  assign y_o = (f_hswish || f_silu) ? y2 : satx;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_bits = ^{sat[GW-1:RawBits], g[GW-1:RawBits], k32[31:18], icpt32[31:18], one[GW-1:RawBits]};  // sign copies
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
