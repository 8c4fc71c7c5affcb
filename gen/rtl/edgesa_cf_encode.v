// edgesa_cf_encode: compressor core: fp32 -> custom-float code, combinational.
//
// cf_encode(EngineConstants&, bits, mode) step by step (docs/numerics.md): DAZ, NaN -> +0, flush
// below Min/2, Min, saturate at Max, truncate or round the mantissa to nearest even, an RNE carry
// into the reserved field -> Max.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_cf_encode (
  input  wire [31:0] x_i,           // fp32 bits
  input  wire        rne_i,         // 1: round to nearest even, 0: truncate
  input  wire [31:0] min_i,
  input  wire [31:0] min_half_i,
  input  wire [31:0] max_i,
  input  wire [4:0]  sign_shift_i,
  input  wire [7:0]  adj_bias_i,
  input  wire [7:0]  exp_mask_i,
  input  wire [4:0]  exp_shift_i,
  input  wire [4:0]  man_shift_i,
  output wire [31:0] code_o         // right-aligned code
);
  wire [4:0]  sign_pos  = 5'd31 - sign_shift_i;
  wire [31:0] sign_code = {31'd0, x_i[31]} << sign_pos;
  wire        is_nan    = (x_i[30:23] == 8'hff) && (x_i[22:0] != 23'd0);
  wire [31:0] mag       = (x_i[30:23] == 8'd0) ? 32'd0 : {1'b0, x_i[30:0]};  // DAZ
  wire        flush     = (mag < min_half_i);
  wire [31:0] a_min     = (mag < min_i) ? min_i : mag;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [31:0] a         = (a_min > max_i) ? max_i : a_min;  // bit 31 is always 0
  /* verilator lint_on UNUSEDSIGNAL */

  wire [8:0]  field     = {1'b0, a[30:23]} - {1'b0, adj_bias_i};
  wire [22:0] frac      = a[22:0];
  wire [22:0] man       = frac >> man_shift_i;
  wire [22:0] rem       = frac & ~(23'h7fffff << man_shift_i);
  wire [22:0] half      = (man_shift_i == 5'd0) ? 23'd0 : (23'd1 << (man_shift_i - 5'd1));
  wire        rounding  = rne_i && (man_shift_i != 5'd0);
  wire        round_up  = rounding && ((rem > half) || ((rem == half) && man[0]));
  wire [23:0] man_r     = {1'b0, man} + {23'd0, round_up};
  wire        man_ovf   = ((man_r >> exp_shift_i) != 24'd0);
  wire [23:0] man_f     = man_ovf ? 24'd0 : man_r;
  wire [8:0]  field_f   = man_ovf ? field + 9'd1 : field;
  wire        saturate  = rounding && (field_f >= {1'b0, exp_mask_i});

  wire [31:0] man_mask  = ~(32'hffffffff << exp_shift_i);
  wire [31:0] sat_code  = sign_code | ({24'd0, exp_mask_i - 8'd1} << exp_shift_i) | man_mask;
  wire [31:0] code      = sign_code | ({23'd0, field_f} << exp_shift_i) | {8'd0, man_f};

  assign code_o = is_nan ? 32'd0 : flush ? sign_code : saturate ? sat_code : code;
endmodule

