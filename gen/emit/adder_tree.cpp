// edgesa_adder_tree: one row's balanced binary reduction tree (docs/numerics.md reduction
// order): level 0 adds products (2i, 2i+1), level j adds neighbouring results of level j-1. A
// register follows every tree_levels_per_stage levels and the last level, tree_stages in all;
// the tree never stalls, a valid bit travels with the data.
#include <fmt/format.h>

#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

std::string adder_module(const AccelConfig& cfg) {
    return cfg.derived.fixed_compute ? "edgesa_fixed_add" : "edgesa_fp32_add";
}

VerilogUnit emit_adder_tree(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const int width = int(cfg.array.width), levels = cfg.derived.tree_levels;
    const int per_stage = int(cfg.array.tree_levels_per_stage);
    const int lb = ctx.hw.leaf_bits, sb = ctx.hw.sum_bits;
    std::string s = subst(R"(module edgesa_adder_tree #(
  parameter integer Width   = ${WIDTH},
  parameter integer LeafBits = ${LB},
  parameter integer SumBits  = ${SB}
) (
  input  wire                      clk_i,
  input  wire                      rst_ni,
  input  wire                      valid_i,
  input  wire [Width*LeafBits-1:0] operands_i,  // product i at [i*LeafBits +: LeafBits]
  output wire                      valid_o,
  output wire [SumBits-1:0]        sum_o
);
  // Latency: ${STAGES} cycle(s) from valid_i to valid_o (${LEVELS} levels, a register every
  // ${PER} level(s) and after the last).
  genvar gi;
  wire [Width*SumBits-1:0] lvl0;
  generate
    for (gi = 0; gi < Width; gi = gi + 1) begin : gen_leaf
)",
                          {{"WIDTH", std::to_string(width)},
                           {"LB", std::to_string(lb)},
                           {"SB", std::to_string(sb)},
                           {"STAGES", std::to_string(cfg.derived.tree_stages +
                                                     (ctx.has(Fault::kTreeExtraStage) ? 1 : 0))},
                           {"LEVELS", std::to_string(levels)},
                           {"PER", std::to_string(per_stage)}});
    if (lb == sb)
        s += "      assign lvl0[gi*SumBits +: SumBits] = operands_i[gi*LeafBits +: LeafBits];\n";
    else  // fixed: products are sign-extended to the accumulator width
        s += "      assign lvl0[gi*SumBits +: SumBits] =\n"
             "          {{(SumBits-LeafBits){operands_i[gi*LeafBits+LeafBits-1]}},\n"
             "           operands_i[gi*LeafBits +: LeafBits]};\n";
    s += "    end\n  endgenerate\n";

    std::string in = "lvl0", valid = "valid_i";
    int stage = 0;
    for (int j = 0; j < levels; ++j) {
        const int n = width >> (j + 1);
        const std::string sum = fmt::format("lvl{}_sum", j + 1);
        s += fmt::format(R"(
  // Level {j}: {n} adder(s).
  wire [{n}*SumBits-1:0] {sum};
  generate
    for (gi = 0; gi < {n}; gi = gi + 1) begin : gen_l{j}_add
      {adder} u_add (
        .a_i({in}[(2*gi)*SumBits +: SumBits]),
        .b_i({in}[(2*gi+1)*SumBits +: SumBits]),
        .s_o({sum}[gi*SumBits +: SumBits])
      );
    end
  endgenerate
)",
                         fmt::arg("j", j), fmt::arg("n", n), fmt::arg("sum", sum),
                         fmt::arg("adder", adder_module(cfg)), fmt::arg("in", in));
        in = sum;
        if ((j + 1) % per_stage == 0 || j == levels - 1) {
            ++stage;
            s += fmt::format(R"(  reg [{n}*SumBits-1:0] stage{k}_q;
  reg stage{k}_valid_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) stage{k}_valid_q <= 1'b0;
    else         stage{k}_valid_q <= {valid};
  end
  always @(posedge clk_i) begin
    if ({valid}) stage{k}_q <= {in};
  end
)",
                             fmt::arg("n", n), fmt::arg("k", stage), fmt::arg("valid", valid),
                             fmt::arg("in", in));
            in = fmt::format("stage{}_q", stage);
            valid = fmt::format("stage{}_valid_q", stage);
        }
    }
    if (ctx.has(Fault::kTreeExtraStage)) {
        s += R"(  // FAULT INJECTED (tree-extra-stage): one register too many.
  reg [SumBits-1:0] fault_q;
  reg fault_valid_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) fault_valid_q <= 1'b0;
    else         fault_valid_q <= )" +
             valid + R"(;
  end
  always @(posedge clk_i) begin
    fault_q <= )" +
             in + R"(;
  end
)";
        in = "fault_q";
        valid = "fault_valid_q";
    }
    s += "  assign valid_o = " + valid + ";\n  assign sum_o   = " + in + ";\nendmodule\n";
    return {"edgesa_adder_tree",
            "one row's pipelined balanced adder tree (" + std::to_string(width) + " inputs, " +
                std::to_string(cfg.derived.tree_stages) + " stages)",
            s};
}

}  // namespace edgesa::gen
