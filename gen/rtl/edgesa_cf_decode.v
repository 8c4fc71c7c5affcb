// edgesa_cf_decode: decompressor core: custom-float code -> fp32, exact, combinational.
//
// cf_decode(EngineConstants&, code) step by step (docs/numerics.md): exponent field 0 is zero,
// any other field rebiases into fp32 with the mantissa left-aligned.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_cf_decode (
  input  wire [31:0] code_i,        // right-aligned code
  input  wire [4:0]  sign_shift_i,
  input  wire [7:0]  adj_bias_i,
  input  wire [7:0]  exp_mask_i,
  input  wire [4:0]  exp_shift_i,
  input  wire [4:0]  man_shift_i,
  output wire [31:0] x_o            // fp32 bits
);
  wire [4:0]  sign_pos = 5'd31 - sign_shift_i;
  wire        sign     = code_i[sign_pos];
  /* verilator lint_off UNUSEDSIGNAL */
  wire [31:0] shifted  = code_i >> exp_shift_i;  // only the low 8 bits can hold the field
  /* verilator lint_on UNUSEDSIGNAL */
  wire [7:0]  field    = shifted[7:0] & exp_mask_i;
  wire [31:0] man      = code_i & ~(32'hffffffff << exp_shift_i);
  wire [31:0] exp32    = {24'd0, field} + {24'd0, adj_bias_i};
  wire [31:0] value    = {sign, 31'd0} | (exp32 << 23) | (man << man_shift_i);
  assign x_o = (field == 8'd0) ? {sign, 31'd0} : (field == exp_mask_i) ? 32'h7fc00000 : value;
endmodule

