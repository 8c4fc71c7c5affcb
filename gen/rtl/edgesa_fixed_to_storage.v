// edgesa_fixed_to_storage: fixed compute raw -> fp32 or custom-float code, combinational.
//
// The compute -> storage lane converter of a fixed-point design (sim ValueCodec::finish,
// docs/numerics.md): the operand raw converts to fp32 exactly as float(raw / 2^F) (nearest even
// when it has more than 24 significant bits), then fp32 storage takes it as is (never subnormal or
// NaN) and custom floats go through edgesa_cf_encode with the configured rounding. The format
// word's kind selects the path at run time; the top's engine banks give it its timing.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_fixed_to_storage (
  input  wire [31:0] raw_i,         // compute raw, sign-extended to 32 bits
  input  wire [5:0]  from_frac_i,   // its F
  input  wire [1:0]  kind_i,        // format word kind: 0 fp32, 1 custom float
  input  wire        rne_i,         // custom floats: 1 round to nearest even, 0 truncate
  // custom-float constants (edgesa_cf_const_calc)
  input  wire [31:0] min_i,
  input  wire [31:0] min_half_i,
  input  wire [31:0] max_i,
  input  wire [4:0]  sign_shift_i,
  input  wire [7:0]  adj_bias_i,
  input  wire [7:0]  exp_mask_i,
  input  wire [4:0]  exp_shift_i,
  input  wire [4:0]  man_shift_i,
  output wire [31:0] code_o         // fp32 bits or the right-aligned custom-float code
);
  // raw / 2^F -> fp32, nearest even (the raw has up to 32 significant bits, fp32 keeps 24).
  wire        s = raw_i[31];
  wire [31:0] mag = s ? (~raw_i + 32'd1) : raw_i;  // 2^31 for the most negative raw
  reg  [4:0]  p;                                   // position of the leading one
  integer i;
  always @* begin
    p = 5'd0;
    for (i = 0; i < 32; i = i + 1)
      if (mag[i]) p = i[4:0];
  end
  wire [31:0] norm = mag << (5'd31 - p);           // leading one at bit 31
  wire        up = norm[7] && ((norm[6:0] != 7'd0) || norm[8]);
  wire [23:0] man_r = {1'b0, norm[30:8]} + {23'd0, up};
  wire        carry = man_r[23];
  wire [8:0]  field = {4'd0, p} + 9'd127 - {3'd0, from_frac_i} + {8'd0, carry};
  wire [31:0] f = (raw_i == 32'd0) ? 32'd0 : {s, field[7:0], carry ? 23'd0 : man_r[22:0]};
  wire [31:0] code;
  edgesa_cf_encode u_enc (
    .x_i(f), .rne_i(rne_i), .min_i(min_i), .min_half_i(min_half_i), .max_i(max_i),
    .sign_shift_i(sign_shift_i), .adj_bias_i(adj_bias_i), .exp_mask_i(exp_mask_i),
    .exp_shift_i(exp_shift_i), .man_shift_i(man_shift_i), .code_o(code));
  assign code_o = (kind_i == 2'd1) ? code : f;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_bits = field[8] ^ norm[31];  // field stays in 95..159; norm[31] is the hidden one
  /* verilator lint_on UNUSEDSIGNAL */
endmodule

