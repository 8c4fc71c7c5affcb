// edgesa_act_pool: the activation unit of the drain (docs/architecture.md, unit 7):
// act_pool.lanes values per cycle; each lane adds its bias (acc + bias, the last add of the
// reduction order) and applies the fused activation chosen at run time (0 none, 1 ReLU:
// x > 0 ? x : +0, 2 ReLU6: min(ReLU(x), 6)); then act_pool.stages registers through the
// valid/ready shell.
#include <fmt/format.h>

#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {

struct ActTexts {
    std::string lane, pool;
};

ActTexts act_texts(const AccelConfig& cfg) {
    const int sb = sum_bits(cfg);
    std::string positive, six;
    if (cfg.derived.fixed_compute) {
        // 6 at the accumulator's fraction bits, saturated to the accumulator width.
        const int frac = cfg.derived.fixed.product_frac_bits();
        const int64_t max_raw = (int64_t(1) << (sb - 1)) - 1;
        int64_t six_raw = frac < 62 - 3 ? (int64_t(6) << frac) : max_raw;
        if (six_raw > max_raw) six_raw = max_raw;
        positive = "!biased[SumBits-1] && (biased != {SumBits{1'b0}})";
        six = fmt::format("{}'h{:x}", sb, six_raw);
    } else {
        positive =
            "!biased[31] && (biased[30:0] != 31'd0) && !(biased[30:23] == 8'hff && biased[22:0] != "
            "23'd0)";
        six = "32'h40c00000";  // 6.0f
    }
    // fp32 above-6 test on ordered magnitude bits (valid for positive, non-NaN values).
    const std::string above_six =
        cfg.derived.fixed_compute ? "($signed(relu) > $signed(Six))" : "(relu[30:0] > Six[30:0])";
    const char* lane_text = R"(module edgesa_act_lane #(
  parameter integer SumBits = ${SB}
) (
  input  wire [SumBits-1:0] x_i,
  input  wire [SumBits-1:0] bias_i,
  input  wire [1:0]         act_i,   // 0 none, 1 ReLU, 2 ReLU6
  output wire [SumBits-1:0] y_o
);
  localparam [SumBits-1:0] Six = ${SIX};
  wire [SumBits-1:0] biased;
  ${ADD} u_add (.a_i(x_i), .b_i(bias_i), .s_o(biased));
  wire [SumBits-1:0] relu = (${POSITIVE}) ? biased : {SumBits{1'b0}};
  assign y_o = (act_i == 2'd0) ? biased
             : (act_i == 2'd2 && ${ABOVE_SIX}) ? Six
             : relu;
endmodule

)";
    const char* text = R"(module edgesa_act_pool #(
  parameter integer Lanes   = ${LANES},
  parameter integer SumBits = ${SB},
  parameter integer Stages  = ${STAGES}
) (
  input  wire                     clk_i,
  input  wire                     rst_ni,
  input  wire [1:0]               act_i,
  // accumulator values and their biases in
  input  wire                     in_valid_i,
  output wire                     in_ready_o,
  input  wire [Lanes*SumBits-1:0] in_data_i,
  input  wire [Lanes*SumBits-1:0] in_bias_i,
  // activated values out
  output wire                     out_valid_o,
  input  wire                     out_ready_i,
  output wire [Lanes*SumBits-1:0] out_data_o
);
  wire [Lanes*SumBits-1:0] activated;
  genvar gl;
  generate
    for (gl = 0; gl < Lanes; gl = gl + 1) begin : gen_lane
      edgesa_act_lane u_lane (
        .x_i(in_data_i[gl*SumBits +: SumBits]), .bias_i(in_bias_i[gl*SumBits +: SumBits]),
        .act_i(act_i), .y_o(activated[gl*SumBits +: SumBits])
      );
    end
  endgenerate
  edgesa_stream_pipe #(.DataBits(Lanes*SumBits), .Stages(Stages)) u_pipe (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready_o), .in_data_i(activated),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_data_o(out_data_o)
  );
endmodule
)";
    const Vars vars{{"SB", std::to_string(sb)},
                    {"SIX", six},
                    {"ADD", adder_module(cfg)},
                    {"POSITIVE", positive},
                    {"ABOVE_SIX", above_six},
                    {"LANES", std::to_string(cfg.act_pool.lanes)},
                    {"STAGES", std::to_string(cfg.act_pool.stages)}};
    return {subst(lane_text, vars), subst(text, vars)};
}

}  // namespace

VerilogUnit emit_act_lane(const GenContext& ctx) {
    return {"edgesa_act_lane", "one activation lane: bias add, then none / ReLU / ReLU6",
            act_texts(ctx.cfg).lane};
}

VerilogUnit emit_act_pool(const GenContext& ctx) {
    return {"edgesa_act_pool",
            "activation unit: act_pool.lanes lanes per cycle behind the valid/ready shell",
            act_texts(ctx.cfg).pool};
}

}  // namespace edgesa::gen
