// edgesa_act_lane: one fp32 activation lane: bias add, then the activation function.
//
// The last add of the reduction order (acc + bias, docs/numerics.md) and the activation chosen at
// run time (act_i: the Act* codes of edgesa_hw_params.vh): none; ReLU (x > 0 ? x : +0, NaN -> +0);
// ReLU6 (min(ReLU(x), 6)); and, in fp32 operations with one rounding each (docs/numerics.md,
// "Activations"):
//   m = x * K, a = m + C, g = hard: min(max(a, +0), 1) (NaN stays), table: a inside, else the
//   asymptote; y = x * g for hard_swish and silu.
//   leaky_relu  x > 0 ? x : m      K = float(0.1)
//   hard_*      K = float(1/6), C = 0.5
//   sigmoid/silu, tanh: K = slope[i], C = intercept[i] of the side of x's sign bit, with
//   i = floor(|x| * 2^shift) from the exponent and mantissa; |x| >= 16 / 2^shift is outside.
// The above-6 and above-1 tests compare ordered magnitude bits of positive non-NaN values. The
// table constants come from edgesa_hw_params.vh (core/numerics/activation_table.h). Used by the
// act/pool lanes of an fp32 design (a fixed design uses edgesa_fixed_act).
//
// Functions (act_pool.functions, HwActFunctions): bit c set = act code c is built. The select of
// a code whose bit is clear is the constant 0, so synthesis folds its path away (no multipliers
// without leaky_relu, hard_* or the table functions; no table without sigmoid, silu, tanh); such
// a code, which sim::Program::build never lets a trace use, gives the biased value (none).
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_act_lane #(
  parameter integer SumBits = 32,
  parameter integer ActBits = 4,   // DescActBits
  parameter integer Functions = 511  // bit c: act code c built (bit 0, none, always)
) (
  input  wire [SumBits-1:0] x_i,
  input  wire [SumBits-1:0] bias_i,
  input  wire [ActBits-1:0] act_i,
  output wire [SumBits-1:0] y_o
);
  `include "edgesa_hw_params.vh"
  localparam [31:0] Six = 32'h40c00000;
  localparam [31:0] One = 32'h3f800000;
  localparam [31:0] Half = 32'h3f000000;
  wire [31:0] biased;
  edgesa_fp32_add u_add (.a_i(x_i), .b_i(bias_i), .s_o(biased));
  wire        sgn = biased[31];
  wire [7:0]  e = biased[30:23];
  wire        nan = (e == 8'hff) && (biased[22:0] != 23'd0);
  wire        pos = !sgn && (biased[30:0] != 31'd0) && !nan;  // x > 0
  wire [31:0] relu = pos ? biased : 32'd0;

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
  wire is_hard = f_hsig || f_hswish;
  wire uses_g = is_hard || f_sig || f_silu || is_tanh;
  // Segment: |x| * 2^shift has exponent es; inside for es < 127 + log2(segments) = 131, index
  // = the integer part of the significand shifted by es - 127 (0 below 1).
  wire [8:0]  es = {1'b0, e} + (is_tanh ? ActTanhShift[8:0] : ActSigmoidShift[8:0]);
  wire        outside = (es >= 9'd131) && !nan;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [8:0]  sh = 9'd150 - es;  // 20..23 inside and at or above 1
  wire [23:0] sig = {1'b1, biased[22:0]} >> sh[4:0];
  /* verilator lint_on UNUSEDSIGNAL */
  wire [3:0]  idx = (es >= 9'd127) ? sig[3:0] : 4'd0;
  wire [8:0]  at = {idx, 5'd0};
  wire [31:0] k = f_leaky ? ActLeakyF32
                : is_hard ? ActSixthF32
                : !HasTable ? 32'd0
                : is_tanh ? ActTanhSlopeF32[at +: 32] : ActSigmoidSlopeF32[at +: 32];
  wire [31:0] c = is_hard ? Half
                : !HasTable ? 32'd0
                : is_tanh ? (sgn ? ActTanhIcptNegF32[at +: 32] : ActTanhIcptPosF32[at +: 32])
                : (sgn ? ActSigmoidIcptNegF32[at +: 32] : ActSigmoidIcptPosF32[at +: 32]);
  wire [31:0] m, a, y2;
  edgesa_fp32_mul u_mul_k (.a_i(biased), .b_i(k), .p_o(m));
  edgesa_fp32_add u_add_c (.a_i(m), .b_i(c), .s_o(a));
  wire        a_nan = (a[30:23] == 8'hff) && (a[22:0] != 23'd0);
  wire [31:0] hard = a_nan ? a
                   : (a[31] || a[30:0] == 31'd0) ? 32'd0
                   : (a[30:0] > One[30:0]) ? One : a;
  wire [31:0] lo = is_tanh ? 32'hbf800000 : 32'd0;
  wire [31:0] table_y = outside ? (sgn ? lo : One) : a;
  wire [31:0] g = is_hard ? hard : table_y;
  edgesa_fp32_mul u_mul_g (.a_i(biased), .b_i(g), .p_o(y2));
  assign y_o = f_relu ? relu
             : f_relu6 ? ((relu[30:0] > Six[30:0]) ? Six : relu)
             : f_leaky ? (pos ? biased : m)
             : (f_hswish || f_silu) ? y2
             : uses_g ? g
             : biased;  // none (and a code not built)
endmodule
