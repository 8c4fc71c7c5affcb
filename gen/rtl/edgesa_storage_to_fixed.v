// edgesa_storage_to_fixed: storage code (fixed, fp32, custom float) -> fixed compute raw.
//
// The storage -> compute lane converter of a fixed-point design (sim ValueCodec::to_compute,
// docs/numerics.md): fixed storage is re-aligned and saturated (edgesa_fixed_convert); fp32
// storage, and custom floats decoded by edgesa_cf_decode, convert to the operand format like
// fixed_from_float (DAZ, NaN -> 0, +-Inf and overflow saturate, the configured rounding). The
// format word's kind selects the path at run time. Combinational; the top's engine banks give it
// its timing. The parameters name the storage kinds the design has (storage.kinds) and its fixed
// lane width (storage.lane_bits): the paths of the other kinds are not built, and a fixed width
// makes the sign extension wiring.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_storage_to_fixed #(
  parameter integer Fp32     = 1,  // 1: fp32 storage is converted
  parameter integer Custom   = 1,  // 1: custom-float storage is converted
  parameter integer Fixed    = 1,  // 1: fixed storage is converted
  parameter integer LaneBits = 0,  // fixed storage width: 0 = from_bits_i at run time
  parameter integer ToBits   = 0,  // compute operand width: 0 = to_bits_i at run time
  parameter integer MaxRight = 64, // bounds of the converter's shift (edgesa_fixed_convert)
  parameter integer MaxLeft  = 64
) (
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
  generate
    if (Custom != 0) begin : gen_custom
      edgesa_cf_decode u_dec (
        .code_i(code_i), .sign_shift_i(sign_shift_i), .adj_bias_i(adj_bias_i),
        .exp_mask_i(exp_mask_i), .exp_shift_i(exp_shift_i), .man_shift_i(man_shift_i), .x_o(dec));
    end else begin : gen_no_custom
      assign dec = 32'd0;
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused_cf = ^{sign_shift_i, adj_bias_i, exp_mask_i, exp_shift_i, man_shift_i};
      /* verilator lint_on UNUSEDSIGNAL */
    end
  endgenerate
  // fp32 -> a signed significand and a shift: x * 2^F = sig * 2^(e - 150 + F).
  wire [31:0] x = (Custom != 0 && (Fp32 == 0 || kind_i == 2'd1)) ? dec : code_i;
  wire [7:0]  e = x[30:23];
  wire        is_zero = (e == 8'd0) || ((e == 8'hff) && (x[22:0] != 23'd0));  // DAZ; NaN -> 0
  wire [23:0] mag = (e == 8'hff) ? 24'h800000 : {1'b1, x[22:0]};               // Inf saturates
  wire signed [47:0] sig = is_zero ? 48'sd0
                         : x[31] ? -$signed({24'd0, mag}) : $signed({24'd0, mag});
  wire signed [10:0] fs = 11'sd150 - $signed({3'd0, e}) - $signed({5'd0, to_frac_i});
  // Right shifts past 60 and left shifts past 40 give the same result (0 / -1, or saturation).
  wire signed [6:0]  f_shift = (fs > 11'sd60) ? 7'sd60 : (fs < -11'sd40) ? -7'sd40 : fs[6:0];
  // Fixed storage: sign-extend from its width (a constant with LaneBits).
  localparam integer LaneShift = (LaneBits == 0) ? 0 : 32 - LaneBits;
  localparam [5:0]   LaneShift6 = LaneShift[5:0];
  wire [5:0]         sx_shift = (LaneBits != 0) ? LaneShift6 : (6'd32 - from_bits_i);
  wire signed [31:0] sx = $signed(code_i << sx_shift) >>> sx_shift;
  wire               fx = (Fixed != 0) && ((Fp32 == 0 && Custom == 0) || kind_i == 2'd2);
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_kind = ^{kind_i, from_bits_i};  // constant paths with one kind or LaneBits
  /* verilator lint_on UNUSEDSIGNAL */
  // The converter is as wide as the declared kinds need: a float significand has 25 bits with
  // its sign, fixed storage LaneBits (32 at run time).
  localparam integer FxIn = (Fixed == 0) ? 1 : (LaneBits == 0) ? 32 : LaneBits;
  localparam integer FlIn = (Fp32 == 0 && Custom == 0) ? 1 : 26;
  localparam integer CvIn = (FxIn > FlIn) ? FxIn : FlIn;
  wire signed [CvIn-1:0] cv_in = fx ? sx[CvIn-1:0] : sig[CvIn-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_wide = ^{sx[31:CvIn-1], sig[47:CvIn-1]};  // sign copies beyond the converter's width
  /* verilator lint_on UNUSEDSIGNAL */
  edgesa_fixed_convert #(
    .InBits(CvIn), .OutBits(32), .ToBits(ToBits), .MaxRight(MaxRight), .MaxLeft(MaxLeft)
  ) u_cv (
    .raw_i(cv_in),
    .shift_i(fx ? $signed({1'b0, from_frac_i}) - $signed({1'b0, to_frac_i}) : f_shift),
    .to_bits_i(to_bits_i), .rne_i(rne_i), .raw_o(raw_o));
endmodule

