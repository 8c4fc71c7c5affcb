// edgesa_fixed_mul: combinational two's-complement multiplier of the fixed compute type
// (FixedDatapath::mul): the exact 2W-bit product with its low 2W - ProductBits bits dropped
// (an arithmetic shift, i.e. floor).
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_fixed_mul(const GenContext& ctx) {
    const auto& f = ctx.cfg.derived.fixed;
    const int w = f.operand.total_bits(), pb = f.product_bits;
    const char* text = R"(module edgesa_fixed_mul #(
  parameter integer OperandBits = ${W},
  parameter integer ProductBits = ${P}
) (
  input  wire signed [OperandBits-1:0] a_i,
  input  wire signed [OperandBits-1:0] b_i,
  output wire signed [ProductBits-1:0] p_o
);
  localparam integer FullBits = 2 * OperandBits;
  wire signed [FullBits-1:0] full = a_i * b_i;
  generate
    if (ProductBits < FullBits) begin : gen_drop
      // The low FullBits - ProductBits bits are dropped on purpose (floor).
      /* verilator lint_off UNUSEDSIGNAL */
      wire [FullBits-ProductBits-1:0] dropped = full[FullBits-ProductBits-1:0];
      /* verilator lint_on UNUSEDSIGNAL */
    end
  endgenerate
  assign p_o = full[FullBits-1:FullBits-ProductBits];
endmodule
)";
    return {"edgesa_fixed_mul",
            "fixed-point multiplier (exact product, low bits floored), combinational",
            subst(text, {{"W", std::to_string(w)}, {"P", std::to_string(pb)}})};
}

}  // namespace edgesa::gen
