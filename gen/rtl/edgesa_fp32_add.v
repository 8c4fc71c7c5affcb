// edgesa_fp32_add: IEEE-754 binary32 adder (DAZ, RNE, FTZ, canonical NaN), combinational.
//
// The project's fp32 policy (docs/numerics.md). With DAZ inputs every sum of normals is a multiple
// of 2^-149, so a result below 2^-126 is exact and simply flushed (FTZ); rounding is needed only
// for normal results. Bit-exact with fp32::add.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_fp32_add (
  input  wire [31:0] a_i,
  input  wire [31:0] b_i,
  output wire [31:0] s_o
);
  wire        a_zero = (a_i[30:23] == 8'd0);  // DAZ
  wire        b_zero = (b_i[30:23] == 8'd0);
  wire        a_inf  = (a_i[30:23] == 8'hff) && (a_i[22:0] == 23'd0);
  wire        b_inf  = (b_i[30:23] == 8'hff) && (b_i[22:0] == 23'd0);
  wire        a_nan  = (a_i[30:23] == 8'hff) && (a_i[22:0] != 23'd0);
  wire        b_nan  = (b_i[30:23] == 8'hff) && (b_i[22:0] != 23'd0);

  // x is the operand of larger magnitude, y the smaller.
  wire        a_ge = (a_i[30:0] >= b_i[30:0]);
  wire [31:0] x    = a_ge ? a_i : b_i;
  wire [31:0] y    = a_ge ? b_i : a_i;
  wire [7:0]  d    = x[30:23] - y[30:23];

  // Significands with guard, round and sticky positions; y aligned to x.
  wire [26:0] x_full    = {1'b1, x[22:0], 3'b000};
  wire [26:0] y_full    = {1'b1, y[22:0], 3'b000};
  wire        far       = (d >= 8'd27);
  wire [26:0] lost_mask = far ? 27'h7ffffff : ~(27'h7ffffff << d);
  wire [26:0] y_shift   = far ? 27'd0 : (y_full >> d);
  wire [26:0] y_al      = {y_shift[26:1], y_shift[0] | (|(y_full & lost_mask))};

  wire        eff_sub = x[31] ^ y[31];
  wire [27:0] sum     = eff_sub ? ({1'b0, x_full} - {1'b0, y_al}) : ({1'b0, x_full} + {1'b0, y_al});

  // Leading zeros of sum[26:0] (used when there is no carry out).
  function [4:0] lzc27;
    input [26:0] v;
    integer i;
    reg found;
    begin
      lzc27 = 5'd0;
      found = 1'b0;
      for (i = 26; i >= 0; i = i - 1) begin
        if (!found) begin
          if (v[i]) found = 1'b1;
          else lzc27 = lzc27 + 5'd1;
        end
      end
    end
  endfunction

  wire [4:0]  lz    = lzc27(sum[26:0]);
  wire [26:0] n     = sum[27] ? {sum[27:2], sum[1] | sum[0]} : (sum[26:0] << lz);
  wire signed [9:0] e_n = sum[27] ? ($signed({2'd0, x[30:23]}) + 10'sd1)
                                  : ($signed({2'd0, x[30:23]}) - $signed({5'd0, lz}));

  // Round to nearest, ties to even.
  wire [23:0] sig      = n[26:3];
  wire        round_up = n[2] & ((n[1] | n[0]) | sig[0]);
  /* verilator lint_off UNUSEDSIGNAL */
  wire [24:0] sig_rnd  = {1'b0, sig} + {24'd0, round_up};  // bit 23 is the hidden one
  /* verilator lint_on UNUSEDSIGNAL */
  wire signed [9:0] e_r = e_n + $signed({9'd0, sig_rnd[24]});
  wire [22:0] frac_rnd = sig_rnd[24] ? 23'd0 : sig_rnd[22:0];

  reg [31:0] result;
  always @* begin
    if (a_nan || b_nan || (a_inf && b_inf && (a_i[31] != b_i[31])))
      result = 32'h7fc00000;
    else if (a_inf)
      result = {a_i[31], 8'hff, 23'd0};
    else if (b_inf)
      result = {b_i[31], 8'hff, 23'd0};
    else if (a_zero && b_zero)
      result = {a_i[31] & b_i[31], 31'd0};  // -0 only for (-0) + (-0) under RNE
    else if (a_zero)
      result = b_i;
    else if (b_zero)
      result = a_i;
    else if (sum == 28'd0)
      result = 32'd0;                       // exact cancellation gives +0 under RNE
    else if (e_n <= 10'sd0)
      result = {x[31], 31'd0};              // exact subnormal result: FTZ
    else if (e_r >= 10'sd255)
      result = {x[31], 8'hff, 23'd0};
    else
      result = {x[31], e_r[7:0], frac_rnd};
  end
  assign s_o = result;
endmodule

