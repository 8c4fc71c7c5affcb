// edgesa_storage_to_fixed / edgesa_fixed_to_storage: the storage <-> compute lane converters of a
// fixed-point design (sim ValueCodec::to_compute and ::finish, docs/numerics.md). The format word's
// kind selects the path at run time, so one lane serves fixed, fp32 and custom-float storage:
//   storage -> compute: fixed storage is re-aligned and saturated (fixed_convert); fp32 storage,
//   and custom floats decoded by edgesa_cf_decode, convert to the operand format like
//   fixed_from_float (DAZ, NaN -> 0, +-Inf and overflow saturate, the configured rounding). compute
//   -> storage: the operand raw converts to fp32 exactly as float(raw / 2^F) (nearest even when it
//   has more than 24 significant bits), then fp32 storage takes it as is (never subnormal or NaN)
//   and custom floats go through edgesa_cf_encode with the configured rounding.
// Both are combinational; the engine banks of the top give them their timing.
#include "emitters.h"

namespace edgesa::gen {

VerilogUnit emit_storage_to_fixed(const GenContext&) {
    const char* text = R"(module edgesa_storage_to_fixed (
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
)";
    return {"edgesa_storage_to_fixed",
            "storage code (fixed, fp32, custom float) -> fixed compute raw, combinational", text};
}

VerilogUnit emit_fixed_to_storage(const GenContext&) {
    const char* text = R"(module edgesa_fixed_to_storage (
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
)";
    return {"edgesa_fixed_to_storage",
            "fixed compute raw -> fp32 or custom-float code (round to fp32, then encode), "
            "combinational",
            text};
}

}  // namespace edgesa::gen
