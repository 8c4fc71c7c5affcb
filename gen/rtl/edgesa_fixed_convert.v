// edgesa_fixed_convert: fixed-point converter core (shift, round, saturate), combinational.
//
// fixed_convert and FixedDatapath::requantize: shift a raw value from one fraction width to
// another with trunc (floor) or rne rounding, then saturate to the target width. The shift and
// rounding are run-time inputs, so one converter serves every layer; the target width is a
// run-time input or, with ToBits, a constant.
//
// Sized from its parameters, not for the widest case: a left shift by LeftMax or more saturates
// every non-zero raw (so longer shifts are clamped to LeftMax), and a right shift by InBits + 1 or
// more leaves 0 or -1 and rounds like any longer one (so those are clamped to InBits + 1). One
// shifter serves both directions: the raw is placed LCap bits up (the longest left shift) and
// shifted right by LCap + shift, in 0 .. LCap + RCap; a left shift then shifts out only the
// zeros below the raw, so it rounds nothing and is exact.
//
module edgesa_fixed_convert #(
  parameter integer InBits  = 48,  // raw_i width: a storage raw (<= 32) or an accumulator raw
  parameter integer OutBits = 32,  // raw_o width (sign-extended result)
  parameter integer ToBits  = 0,   // target width I + F: 0 = to_bits_i at run time (1..OutBits)
  // What the instance knows of shift_i: a constant (ConstShift, or 1000 for run time), and the
  // largest right and left shifts it can take (MaxRight / MaxLeft; 64 = no bound known). Longer
  // shifts than the bounds must not occur; they only narrow the shifters.
  parameter integer ConstShift = 1000,
  parameter integer MaxRight   = 64,
  parameter integer MaxLeft    = 64
) (
  input  wire signed [InBits-1:0] raw_i,      // source raw
  input  wire signed [6:0]        shift_i,    // from.F - to.F: > 0 shifts right (rounds), < 0 left
  input  wire [5:0]               to_bits_i,  // target width when ToBits = 0
  input  wire                     rne_i,      // 1: round to nearest even, 0: floor
  output wire [OutBits-1:0]       raw_o       // saturated target raw, sign-extended to OutBits
);
  localparam integer LeftMax = (ToBits != 0) ? ToBits : OutBits;
  localparam integer RW = InBits + 1;          // the raw with a sign copy: |raw| + 1 fits
  localparam integer RCap = (MaxRight < RW) ? MaxRight : RW;
  localparam integer LCap = (MaxLeft < LeftMax) ? MaxLeft : LeftMax;
  localparam integer TW = RW + LCap;           // the raw placed LCap bits up
  localparam integer W = (TW > LeftMax + 1) ? TW : LeftMax + 1;  // result width before saturation
  localparam integer Span = LCap + RCap;       // the longest right shift of the placed raw
  localparam integer SBits = (Span < 1) ? 1 : $clog2(Span + 1);
  localparam [8:0]   LCap9 = LCap[8:0];
  localparam [8:0]   Span9 = Span[8:0];
  localparam [6:0]   Fixed = ConstShift[6:0];

  wire signed [6:0] sh = (ConstShift != 1000) ? $signed(Fixed) : shift_i;
  // r = LCap + sh, clamped to 0 .. Span (a left shift beyond LCap and a right shift beyond RCap
  // act as the caps)
  wire [8:0] r9 = {{2{sh[6]}}, sh} + LCap9;  // two's complement: bit 8 set = below 0
  wire [8:0] rc9 = r9[8] ? 9'd0 : (r9 > Span9) ? Span9 : r9;
  wire [SBits-1:0] r = rc9[SBits-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire [8:0] unused_rc = rc9;  // above SBits: zero
  /* verilator lint_on UNUSEDSIGNAL */

  wire signed [RW-1:0] rw = {raw_i[InBits-1], raw_i};
  wire signed [TW-1:0] t;
  generate
    if (LCap > 0) begin : gen_place
      assign t = {rw, {LCap{1'b0}}};
    end else begin : gen_as_is
      assign t = rw;
    end
  endgenerate
  // Floor, then the remainder against the half for rne.
  wire signed [TW-1:0] floor_q = t >>> r;
  wire [TW:0]          rem_mask = ~({(TW + 1){1'b1}} << r);
  wire [TW:0]          rem = {t[TW-1], t} & rem_mask;
  // rem against half = 2^(r-1): above it when its top bit (the guard) and any bit below are set,
  // equal when only the guard is (no magnitude comparators).
  wire [TW:0]          below = rem_mask >> 1;  // the bits under the guard
  wire                 guard = |(rem & ~below);
  wire                 sticky = |(rem & below);
  wire                 up = rne_i && guard && (sticky || floor_q[0]);
  // floor_q + up cannot overflow: with r = 0 up is 0, with r > 0 floor_q has a spare sign bit
  wire signed [TW-1:0] rounded = floor_q + {{(TW - 1){1'b0}}, up};
  wire signed [W-1:0]  v;
  generate
    if (W > TW) begin : gen_widen
      assign v = {{(W - TW){rounded[TW-1]}}, rounded};
    end else begin : gen_same
      assign v = rounded;
    end
  endgenerate
  // Saturate to the target width.
  wire [5:0]          tb = (ToBits != 0) ? ToBits[5:0] : to_bits_i;
  wire signed [W-1:0] hi = ({{(W - 1){1'b0}}, 1'b1} <<< (tb - 6'd1)) - 1;
  wire signed [W-1:0] lo = -hi - 1;
  wire signed [W-1:0] sat;
  generate
    if (ToBits != 0) begin : gen_const_width
      // v fits ToBits bits when its bits from ToBits - 1 up are copies of the sign (W > ToBits:
      // LeftMax = ToBits), so no magnitude comparison against hi and lo.
      wire [W-ToBits:0] top = v[W-1:ToBits-1];
      wire fits = (&top) || !(|top);
      assign sat = fits ? v : v[W-1] ? lo : hi;
    end else begin : gen_runtime_width
      assign sat = (v > hi) ? hi : (v < lo) ? lo : v;
    end
  endgenerate
  generate
    if (W >= OutBits) begin : gen_cut
      assign raw_o = sat[OutBits-1:0];
      if (W > OutBits) begin : gen_unused
        /* verilator lint_off UNUSEDSIGNAL */
        wire [W-OutBits-1:0] unused_sat = sat[W-1:OutBits];  // sign copies after saturation
        /* verilator lint_on UNUSEDSIGNAL */
      end
    end else begin : gen_extend
      assign raw_o = {{(OutBits - W){sat[W-1]}}, sat};
    end
  endgenerate
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_in = ^{to_bits_i, shift_i, rem[TW]};  // unused with ToBits / ConstShift; a sign copy
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
