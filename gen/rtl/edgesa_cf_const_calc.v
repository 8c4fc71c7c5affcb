// edgesa_cf_const_calc: constant calculator: (E, M, B) -> the eight engine constants, registered.
//
// SIEVE's shared constant calculator (seed 000 L883) in hardware. From a storage format (E, M, B)
// it computes the eight engine constants of engine_constants() and registers them, so a format
// change costs one cycle and one engine bank serves every format.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_cf_const_calc (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire              load_i,        // sample the format below at this edge
  input  wire [3:0]        exp_bits_i,    // E, 2..8
  input  wire [4:0]        man_bits_i,    // M, 0..23
  input  wire signed [7:0] bias_i,        // B, 2^E-129 .. 127
  output reg  [31:0]       min_o,         // fp32 bits of Min = 2^(1-B)
  output reg  [31:0]       min_half_o,    // fp32 bits of Min/2 = 2^-B (0x00400000 for B = 127)
  output reg  [31:0]       max_o,         // fp32 bits of Max = 2^(2^E-2-B) * (2 - 2^-M)
  output reg  [4:0]        sign_shift_o,  // 31 - (E + M)
  output reg  [7:0]        adj_bias_o,    // 127 - B
  output reg  [7:0]        exp_mask_o,    // 2^E - 1
  output reg  [4:0]        exp_shift_o,   // M
  output reg  [4:0]        man_shift_o    // 23 - M
);
  wire [8:0]  bias_x    = {bias_i[7], bias_i};
  wire [8:0]  mask_x    = (9'd1 << exp_bits_i) - 9'd1;
  wire [8:0]  min_exp   = 9'd128 - bias_x;                 // field of Min in fp32
  wire [8:0]  half_exp  = 9'd127 - bias_x;                 // field of Min/2 in fp32
  wire [8:0]  max_exp   = mask_x - 9'd1 + 9'd127 - bias_x; // field of Max in fp32
  wire [4:0]  man_shift = 5'd23 - man_bits_i;
  wire [22:0] man_ones  = 23'h7fffff << man_shift;         // M ones at the top of the fraction
  wire        half_sub  = (bias_i == 8'sd127);

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      min_o        <= 32'd0;
      min_half_o   <= 32'd0;
      max_o        <= 32'd0;
      sign_shift_o <= 5'd0;
      adj_bias_o   <= 8'd0;
      exp_mask_o   <= 8'd0;
      exp_shift_o  <= 5'd0;
      man_shift_o  <= 5'd0;
    end else if (load_i) begin
      min_o        <= {1'b0, min_exp[7:0], 23'd0};
      min_half_o   <= half_sub ? 32'h00400000 : {1'b0, half_exp[7:0], 23'd0};
      max_o        <= {1'b0, max_exp[7:0], man_ones};
      sign_shift_o <= 5'd31 - ({1'b0, exp_bits_i} + man_bits_i);
      adj_bias_o   <= half_exp[7:0];
      exp_mask_o   <= mask_x[7:0];
      exp_shift_o  <= man_bits_i;
      man_shift_o  <= man_shift;
    end
  end
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_top = min_exp[8] ^ half_exp[8] ^ max_exp[8] ^ mask_x[8];  // always 0 for legal formats
  /* verilator lint_on UNUSEDSIGNAL */
endmodule

