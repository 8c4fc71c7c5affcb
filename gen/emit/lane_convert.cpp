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
#include <utility>
#include <vector>

#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

// The storage kinds a lane converter of this design must handle (storage.kinds): a fixed-compute
// design converts every declared kind; an fp32 design uses edgesa_storage_to_fixed only as
// fp32 -> fixed (fixed outputs) and edgesa_fixed_to_storage only as fixed -> fp32 (fixed inputs).
struct LaneKinds {
    bool fp32 = false, custom = false, fixed = false;
    int count() const { return int(fp32) + int(custom) + int(fixed); }
};

LaneKinds to_fixed_kinds(const AccelConfig& cfg) {
    if (!cfg.derived.fixed_compute) return {true, false, false};
    return {cfg.derived.storage_fp32, cfg.derived.storage_custom, cfg.derived.storage_fixed};
}

LaneKinds from_fixed_kinds(const AccelConfig& cfg) {
    if (!cfg.derived.fixed_compute) return {true, false, false};
    LaneKinds k{cfg.derived.storage_fp32, cfg.derived.storage_custom, false};
    if (k.count() == 0) k.fp32 = true;  // emitted but not instantiated: the top stores fixed only
    return k;
}

}  // namespace

std::string storage_kind_select(const std::string& kind, const std::string& fp32,
                                const std::string& custom, const std::string& fixed) {
    // Present options in format-word order; the last one is the default.
    std::vector<std::pair<int, std::string>> opts;
    if (!fp32.empty()) opts.push_back({0, fp32});
    if (!custom.empty()) opts.push_back({1, custom});
    if (!fixed.empty()) opts.push_back({2, fixed});
    std::string e;
    for (size_t i = 0; i + 1 < opts.size(); ++i)
        e += "(" + kind + " == 2'd" + std::to_string(opts[i].first) + ") ? " + opts[i].second +
             " : ";
    return e + opts.back().second;
}

VerilogUnit emit_storage_to_fixed(const GenContext& ctx) {
    const LaneKinds k = to_fixed_kinds(ctx.cfg);
    const int lane_bits = int(ctx.cfg.storage.lane_bits);
    std::string b = R"(module edgesa_storage_to_fixed (
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
)";
    std::string unused;
    if (k.custom)
        b += R"(  // Custom float -> fp32 (exact).
  wire [31:0] dec;
  edgesa_cf_decode u_dec (
    .code_i(code_i), .sign_shift_i(sign_shift_i), .adj_bias_i(adj_bias_i),
    .exp_mask_i(exp_mask_i), .exp_shift_i(exp_shift_i), .man_shift_i(man_shift_i), .x_o(dec));
)";
    else
        unused += ", sign_shift_i, adj_bias_i, exp_mask_i, exp_shift_i, man_shift_i";
    if (k.fp32 || k.custom)
        b += "  wire [31:0] x = " +
             storage_kind_select("kind_i", k.fp32 ? "code_i" : "", k.custom ? "dec" : "", "") +
             R"(;
  // fp32 -> a signed significand and a shift: x * 2^F = sig * 2^(e - 150 + F).
  wire [7:0]  e = x[30:23];
  wire        is_zero = (e == 8'd0) || ((e == 8'hff) && (x[22:0] != 23'd0));  // DAZ; NaN -> 0
  wire [23:0] mag = (e == 8'hff) ? 24'h800000 : {1'b1, x[22:0]};               // Inf saturates
  wire signed [47:0] sig = is_zero ? 48'sd0
                         : x[31] ? -$signed({24'd0, mag}) : $signed({24'd0, mag});
  wire signed [10:0] fs = 11'sd150 - $signed({3'd0, e}) - $signed({5'd0, to_frac_i});
  // Right shifts past 60 and left shifts past 40 give the same result (0 / -1, or saturation).
  wire signed [6:0]  f_shift = (fs > 11'sd60) ? 7'sd60 : (fs < -11'sd40) ? -7'sd40 : fs[6:0];
)";
    if (k.fixed) {
        if (lane_bits == 0) {
            b += R"(  // Fixed storage: sign-extend from its width.
  wire signed [31:0] sx = $signed(code_i << (6'd32 - from_bits_i)) >>> (6'd32 - from_bits_i);
)";
        } else {
            // storage.lane_bits: every fixed tensor has exactly this width.
            b += "  // Fixed storage: sign-extend from storage.lane_bits = " +
                 std::to_string(lane_bits) + ".\n";
            b += lane_bits == 32 ? "  wire signed [31:0] sx = $signed(code_i);\n"
                                 : "  wire signed [31:0] sx = {{" + std::to_string(32 - lane_bits) +
                                       "{code_i[" + std::to_string(lane_bits - 1) + "]}}, code_i[" +
                                       std::to_string(lane_bits - 1) + ":0]};\n";
            unused += ", from_bits_i";
            if (lane_bits < 32) unused += ", code_i[31:" + std::to_string(lane_bits) + "]";
        }
    } else {
        unused += ", from_bits_i, from_frac_i";
    }
    const std::string fx_raw = "{{16{sx[31]}}, sx}";
    const std::string fx_shift = "$signed({1'b0, from_frac_i}) - $signed({1'b0, to_frac_i})";
    const bool flt = k.fp32 || k.custom;
    std::string raw = k.fixed && flt ? "fx ? " + fx_raw + " : sig" : k.fixed ? fx_raw : "sig";
    std::string shift = k.fixed && flt ? "fx ? " + fx_shift + " : f_shift"
                        : k.fixed      ? fx_shift
                                       : "f_shift";
    if (k.fixed && flt) b += "  wire               fx = (kind_i == 2'd2);\n";
    if (k.count() == 1) unused += ", kind_i";
    b += "  edgesa_fixed_convert u_cv (\n    .raw_i(" + raw + "),\n    .shift_i(" + shift +
         "),\n    .to_bits_i(to_bits_i), .rne_i(rne_i), .raw_o(raw_o));\n";
    if (!unused.empty())
        b += "  /* verilator lint_off UNUSEDSIGNAL */\n  wire unused_in = ^{" + unused.substr(2) +
             "};  // storage kinds this design lacks\n  /* verilator lint_on UNUSEDSIGNAL */\n";
    b += "endmodule\n";
    return {"edgesa_storage_to_fixed",
            "storage code (the design's storage kinds) -> fixed compute raw, combinational", b};
}

VerilogUnit emit_fixed_to_storage(const GenContext& ctx) {
    const LaneKinds k = from_fixed_kinds(ctx.cfg);
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
${ENC}  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_bits = field[8] ^ norm[31];  // field stays in 95..159; norm[31] is the hidden one
${UNUSED}  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";
    std::string enc, unused;
    if (k.custom) {
        enc = R"(  wire [31:0] code;
  edgesa_cf_encode u_enc (
    .x_i(f), .rne_i(rne_i), .min_i(min_i), .min_half_i(min_half_i), .max_i(max_i),
    .sign_shift_i(sign_shift_i), .adj_bias_i(adj_bias_i), .exp_mask_i(exp_mask_i),
    .exp_shift_i(exp_shift_i), .man_shift_i(man_shift_i), .code_o(code));
)";
        enc += "  assign code_o = " + storage_kind_select("kind_i", k.fp32 ? "f" : "", "code", "") +
               ";\n";
        if (!k.fp32) unused = "  wire unused_kind = ^kind_i;\n";
    } else {
        enc = "  assign code_o = f;\n";
        unused =
            "  wire unused_in = ^{kind_i, rne_i, min_i, min_half_i, max_i, sign_shift_i, "
            "adj_bias_i,\n                      exp_mask_i, exp_shift_i, man_shift_i};  // no "
            "custom "
            "floats\n";
    }
    return {"edgesa_fixed_to_storage",
            "fixed compute raw -> fp32 or custom-float code (round to fp32, then encode), "
            "combinational",
            subst(text, {{"ENC", enc}, {"UNUSED", unused}})};
}

}  // namespace edgesa::gen
