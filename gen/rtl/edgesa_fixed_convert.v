// edgesa_fixed_convert: fixed-point converter core (shift, round, saturate), combinational.
//
// fixed_convert and FixedDatapath::requantize: shift a raw value from one fraction width to
// another with trunc (floor) or rne rounding, then saturate to the target width. Formats and
// rounding are run-time inputs, so one converter serves every layer.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_fixed_convert #(
  parameter integer OutBits = 32           // raw_o width: 32, or up to 48 for accumulator raws
) (
  input  wire signed [47:0]  raw_i,        // sign-extended source raw
  input  wire signed [6:0]   shift_i,      // from.F - to.F: > 0 shifts right (rounds), < 0 left
  input  wire [5:0]          to_bits_i,    // target width I + F, 1..OutBits
  input  wire                rne_i,        // 1: round to nearest even, 0: floor
  output wire [OutBits-1:0]  raw_o         // saturated target raw, sign-extended to OutBits
);
  // 96-bit working value: room for a 48-bit raw shifted left by up to 47.
  wire signed [95:0] wide = {{48{raw_i[47]}}, raw_i};
  wire               right = !shift_i[6] && (shift_i != 7'sd0);
  wire [6:0]         amount = shift_i[6] ? (~shift_i + 7'd1) : shift_i;
  wire signed [95:0] floor_q = right ? (wide >>> amount) : (wide <<< amount);
  // Remainder and half for rne (right shifts only).
  wire [95:0]        rem_mask = ~({96{1'b1}} << amount);
  wire [95:0]        rem = wide & rem_mask;
  wire [95:0]        half = {95'd0, 1'b1} << (amount - 7'd1);
  wire               up = right && rne_i && ((rem > half) || ((rem == half) && floor_q[0]));
  wire signed [95:0] rounded = floor_q + {95'd0, up};
  // Saturate to to_bits.
  wire signed [95:0] hi = ({{95{1'b0}}, 1'b1} <<< (to_bits_i - 6'd1)) - 96'sd1;
  wire signed [95:0] lo = -hi - 96'sd1;
  wire signed [95:0] sat = (rounded > hi) ? hi : (rounded < lo) ? lo : rounded;
  assign raw_o = sat[OutBits-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire [95-OutBits:0] unused_sat = sat[95:OutBits];  // the sign of raw_o after saturation
  /* verilator lint_on UNUSEDSIGNAL */
endmodule

