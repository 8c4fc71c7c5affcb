// edgesa_fp32_mul: IEEE-754 binary32 multiplier (DAZ, RNE, FTZ, canonical NaN), combinational.
//
// The project's fp32 policy (docs/numerics.md): DAZ inputs, round to nearest even with
// gradual-underflow precision, then FTZ, canonical NaN. Bit-exact with fp32::mul. The multiplier
// cell adds the pipeline registers around it.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_fp32_mul (
  input  wire [31:0] a_i,
  input  wire [31:0] b_i,
  output wire [31:0] p_o
);
  // Fields. An exponent field of 0 is zero whatever the fraction (DAZ).
  wire        sign   = a_i[31] ^ b_i[31];
  wire [7:0]  ea     = a_i[30:23];
  wire [7:0]  eb     = b_i[30:23];
  wire        a_zero = (ea == 8'd0);
  wire        b_zero = (eb == 8'd0);
  wire        a_inf  = (ea == 8'hff) && (a_i[22:0] == 23'd0);
  wire        b_inf  = (eb == 8'hff) && (b_i[22:0] == 23'd0);
  wire        a_nan  = (ea == 8'hff) && (a_i[22:0] != 23'd0);
  wire        b_nan  = (eb == 8'hff) && (b_i[22:0] != 23'd0);

  // Exact 48-bit product of the significands, in [2^46, 2^48).
  wire [47:0] prod   = {1'b1, a_i[22:0]} * {1'b1, b_i[22:0]};
  wire        norm   = prod[47];
  wire [23:0] sig    = norm ? prod[47:24] : prod[46:23];
  wire        guard  = norm ? prod[23] : prod[22];
  wire        sticky = norm ? (|prod[22:0]) : (|prod[21:0]);

  // Biased exponent of 1.sig before rounding (may be <= 0 or >= 255).
  wire signed [10:0] exp_pre = $signed({3'd0, ea}) + $signed({3'd0, eb}) - 11'sd127
                               + $signed({10'd0, norm});

  // Round to nearest, ties to even.
  wire        round_up = guard & (sticky | sig[0]);
  /* verilator lint_off UNUSEDSIGNAL */
  wire [24:0] sig_rnd  = {1'b0, sig} + {24'd0, round_up};  // bit 23 is the hidden one
  /* verilator lint_on UNUSEDSIGNAL */
  wire        carry    = sig_rnd[24];
  wire signed [10:0] exp_rnd = exp_pre + $signed({10'd0, carry});
  wire [22:0] frac_rnd = carry ? 23'd0 : sig_rnd[22:0];

  // With exp_pre <= 0 the IEEE result is subnormal before rounding. Only exp_pre == 0 with an
  // all-ones significand rounds (at subnormal precision) up to 2^-126, which is kept; every
  // other such result is subnormal and flushed to zero (FTZ).
  wire        to_min_normal = (exp_pre == 11'sd0) && (sig == 24'hffffff);
  wire        underflow     = (exp_pre <= 11'sd0);
  wire        overflow      = (exp_rnd >= 11'sd255);

  reg [31:0] result;
  always @* begin
    if (a_nan || b_nan || (a_inf && b_zero) || (b_inf && a_zero))
      result = 32'h7fc00000;
    else if (a_inf || b_inf || (!underflow && overflow))
      result = {sign, 8'hff, 23'd0};
    else if (a_zero || b_zero)
      result = {sign, 31'd0};
    else if (underflow)
      result = to_min_normal ? {sign, 8'd1, 23'd0} : {sign, 31'd0};
    else
      result = {sign, exp_rnd[7:0], frac_rnd};
  end
  assign p_o = result;
endmodule

