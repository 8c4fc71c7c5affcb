// edgesa_fixed_add: combinational saturating two's-complement adder at AccBits
// (FixedDatapath::add), used by the trees and the accumulators.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_fixed_add(const GenContext& ctx) {
    const char* text = R"(module edgesa_fixed_add #(
  parameter integer AccBits = ${A}
) (
  input  wire signed [AccBits-1:0] a_i,
  input  wire signed [AccBits-1:0] b_i,
  output wire signed [AccBits-1:0] s_o
);
  wire signed [AccBits:0] full = {a_i[AccBits-1], a_i} + {b_i[AccBits-1], b_i};
  // The two top bits differ exactly when the sum left the AccBits range.
  wire pos_ovf = ~full[AccBits] & full[AccBits-1];
  wire neg_ovf = full[AccBits] & ~full[AccBits-1];
  assign s_o = pos_ovf ? {1'b0, {(AccBits-1){1'b1}}}
             : neg_ovf ? {1'b1, {(AccBits-1){1'b0}}}
             : full[AccBits-1:0];
endmodule
)";
    return {"edgesa_fixed_add", "saturating fixed-point adder at accumulator_bits, combinational",
            subst(text, {{"A", std::to_string(ctx.cfg.derived.fixed.accumulator_bits)}})};
}

}  // namespace edgesa::gen
