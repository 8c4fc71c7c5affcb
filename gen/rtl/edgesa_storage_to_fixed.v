// edgesa_storage_to_fixed: storage code (fixed, fp32, custom float) -> fixed compute raw.
//
// The storage -> compute lane converter of a fixed-point design (sim ValueCodec::to_compute,
// docs/numerics.md): fixed storage is re-aligned and saturated (edgesa_fixed_convert); fp32
// storage, and custom floats decoded by edgesa_cf_decode, convert to the operand format like
// fixed_from_float (DAZ, NaN -> 0, +-Inf and overflow saturate, the configured rounding). The
// format word's kind selects the path at run time. Combinational; the top's engine banks give it
// its timing.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_storage_to_fixed (
  input  wire [31:0] code_i,        // right-aligned storage code
  input  wire [1:0]  kind_i,        // format word kind: 0 fp32, 1 custom float, 2 fixed
  input  wire [5:0]  from_bits_i,   // fixed storage: I + F
  input  wire [5:0]  from_frac_i,   // fixed storage: F
  // custom-float constants (edgesa_cf_const_calc)
  input  wire [4:0]  sign_shift_i,
  input  wire [7:0]  adj_bias_i,
  input  wire [7:0]  exp_mask_i,
  input  wire [4:0]  exp_shift_i,
  input  wire [4:0]  man_shift_i,
  input  wire [5:0]  to_bits_i,     // compute operand I + F
  input  wire [5:0]  to_frac_i,     // compute operand F
  input  wire        rne_i,         // 1: round to nearest even, 0: floor
  output wire [31:0] raw_o          // operand raw, sign-extended to 32 bits
);
  // Custom float -> fp32 (exact).
  wire [31:0] dec;
  edgesa_cf_decode u_dec (
    .code_i(code_i), .sign_shift_i(sign_shift_i), .adj_bias_i(adj_bias_i),
    .exp_mask_i(exp_mask_i), .exp_shift_i(exp_shift_i), .man_shift_i(man_shift_i), .x_o(dec));
  // fp32 -> a signed significand and a shift: x * 2^F = sig * 2^(e - 150 + F).
  wire [31:0] x = (kind_i == 2'd1) ? dec : code_i;
  wire [7:0]  e = x[30:23];
  wire        is_zero = (e == 8'd0) || ((e == 8'hff) && (x[22:0] != 23'd0));  // DAZ; NaN -> 0
  wire [23:0] mag = (e == 8'hff) ? 24'h800000 : {1'b1, x[22:0]};               // Inf saturates
  wire signed [47:0] sig = is_zero ? 48'sd0
                         : x[31] ? -$signed({24'd0, mag}) : $signed({24'd0, mag});
  wire signed [10:0] fs = 11'sd150 - $signed({3'd0, e}) - $signed({5'd0, to_frac_i});
  // Right shifts past 60 and left shifts past 40 give the same result (0 / -1, or saturation).
  wire signed [6:0]  f_shift = (fs > 11'sd60) ? 7'sd60 : (fs < -11'sd40) ? -7'sd40 : fs[6:0];
  // Fixed storage: sign-extend from its width.
  wire signed [31:0] sx = $signed(code_i << (6'd32 - from_bits_i)) >>> (6'd32 - from_bits_i);
  wire               fx = (kind_i == 2'd2);
  edgesa_fixed_convert u_cv (
    .raw_i(fx ? {{16{sx[31]}}, sx} : sig),
    .shift_i(fx ? $signed({1'b0, from_frac_i}) - $signed({1'b0, to_frac_i}) : f_shift),
    .to_bits_i(to_bits_i), .rne_i(rne_i), .raw_o(raw_o));
endmodule

