// edgesa_fixed_convert: fixed-point converter core (shift, round, saturate), combinational.
//
// fixed_convert and FixedDatapath::requantize: shift a raw value from one fraction width to
// another with trunc (floor) or rne rounding, then saturate to the target width. The shift and
// rounding are run-time inputs, so one converter serves every layer; the target width is a
// run-time input or, with ToBits, a constant.
//
// Sized from its parameters, not for the widest case: a left shift by LeftMax or more saturates
// every non-zero raw (so longer shifts are clamped to LeftMax), and a right shift by InBits + 1 or
// more leaves 0 or -1 and rounds like any longer one (so those are clamped to InBits + 1). The
// right path therefore works in InBits + 1 bits and the left path in InBits + LeftMax bits.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
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
  localparam integer RW = InBits + 1;          // right path width
  localparam integer LW = InBits + LeftMax;    // left path width (|raw| * 2^LeftMax fits)
  localparam integer W = (LW > RW) ? LW : RW;  // result width before saturation
  localparam integer RCap = (MaxRight < RW) ? MaxRight : RW;
  localparam integer LCap = (MaxLeft < LeftMax) ? MaxLeft : LeftMax;
  localparam [6:0] RightCap = RCap[6:0];
  localparam [6:0] LeftCap = LCap[6:0];
  localparam [6:0] Fixed = ConstShift[6:0];

  wire signed [6:0] sh = (ConstShift != 1000) ? $signed(Fixed) : shift_i;
  wire       right = !sh[6] && (sh != 7'sd0);
  wire [6:0] amount = sh[6] ? (~sh + 7'd1) : sh;
  wire [6:0] ramt7 = (amount > RightCap) ? RightCap : amount;
  wire [6:0] lamt7 = (amount > LeftCap) ? LeftCap : amount;
  // The clamped amounts are at most RCap / LCap, so their low bits are the whole value: the
  // shifters take only those (a 7-bit amount would build 7 shifter levels where the cap needs
  // clog2(cap + 1)).
  localparam integer RBits = (RCap < 1) ? 1 : $clog2(RCap + 1);
  localparam integer LBits = (LCap < 1) ? 1 : $clog2(LCap + 1);
  wire [RBits-1:0] ramt = ramt7[RBits-1:0];
  wire [LBits-1:0] lamt = lamt7[LBits-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_amt = ^{ramt7, lamt7};  // above the caps: zero
  /* verilator lint_on UNUSEDSIGNAL */

  // Right: floor, then the remainder against the half for rne.
  wire signed [RW-1:0] rw = {raw_i[InBits-1], raw_i};
  wire signed [RW-1:0] floor_q = rw >>> ramt;
  wire [RW:0]          rem_mask = ~({(RW + 1){1'b1}} << ramt);
  wire [RW:0]          rem = {rw[RW-1], rw} & rem_mask;
  // rem against half = 2^(ramt-1): above it when its top bit (the guard) and any bit below are
  // set, equal when only the guard is (no magnitude comparators).
  wire [RW:0]          below = rem_mask >> 1;  // the bits under the guard
  wire                 guard = |(rem & ~below);
  wire                 sticky = |(rem & below);
  wire                 up = rne_i && guard && (sticky || floor_q[0]);
  wire signed [RW-1:0] rounded = floor_q + {{(RW - 1){1'b0}}, up};
  // Left: exact in LW bits.
  wire signed [LW-1:0] lw = $signed({{LeftMax{raw_i[InBits-1]}}, raw_i}) <<< lamt;
  wire signed [W-1:0]  v = right ? $signed({{(W - RW){rounded[RW-1]}}, rounded})
                                 : $signed({{(W - LW){lw[LW-1]}}, lw});
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
  wire unused_in = ^{to_bits_i, shift_i, rem[RW]};  // unused with ToBits / ConstShift; a sign copy
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
