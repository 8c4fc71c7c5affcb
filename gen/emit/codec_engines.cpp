// edgesa_compressor_engine / edgesa_decompressor_engine: one value per cycle each, the core
// (edgesa_cf_encode / edgesa_cf_decode) followed by the valid/ready shell with the configured
// number of stages. The constants come from edgesa_cf_const_calc, shared by a bank.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

namespace {
const char* kConstPorts = R"(  // engine constants (from edgesa_cf_const_calc)
  input  wire [31:0] min_i,
  input  wire [31:0] min_half_i,
  input  wire [31:0] max_i,
  input  wire [4:0]  sign_shift_i,
  input  wire [7:0]  adj_bias_i,
  input  wire [7:0]  exp_mask_i,
  input  wire [4:0]  exp_shift_i,
  input  wire [4:0]  man_shift_i,
)";
}  // namespace

VerilogUnit emit_compressor_engine(const GenContext& ctx) {
    const char* text = R"(module edgesa_compressor_engine #(
  parameter integer Stages = ${STAGES}
) (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        rne_i,        // rounding: 1 = rne, 0 = trunc (config rounding: ${ROUNDING})
${CONST_PORTS}  // fp32 values in
  input  wire        in_valid_i,
  output wire        in_ready_o,
  input  wire [31:0] in_data_i,
  // right-aligned codes out
  output wire        out_valid_o,
  input  wire        out_ready_i,
  output wire [31:0] out_code_o
);
  wire [31:0] code;
  edgesa_cf_encode u_encode (
    .x_i(in_data_i), .rne_i(rne_i),
    .min_i(min_i), .min_half_i(min_half_i), .max_i(max_i), .sign_shift_i(sign_shift_i),
    .adj_bias_i(adj_bias_i), .exp_mask_i(exp_mask_i), .exp_shift_i(exp_shift_i),
    .man_shift_i(man_shift_i), .code_o(code)
  );
  edgesa_stream_pipe #(.DataBits(32), .Stages(Stages)) u_pipe (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready_o), .in_data_i(code),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_data_o(out_code_o)
  );
endmodule
)";
    return {"edgesa_compressor_engine",
            "compressor engine: fp32 -> custom-float code, one value per cycle, valid/ready",
            subst(text, {{"STAGES", std::to_string(ctx.cfg.compressor.stages)},
                         {"ROUNDING", ctx.cfg.rounding},
                         {"CONST_PORTS", kConstPorts}})};
}

VerilogUnit emit_decompressor_engine(const GenContext& ctx) {
    const char* text = R"(module edgesa_decompressor_engine #(
  parameter integer Stages = ${STAGES}
) (
  input  wire        clk_i,
  input  wire        rst_ni,
${CONST_PORTS}  // right-aligned codes in
  input  wire        in_valid_i,
  output wire        in_ready_o,
  input  wire [31:0] in_code_i,
  // fp32 values out
  output wire        out_valid_o,
  input  wire        out_ready_i,
  output wire [31:0] out_data_o
);
  /* verilator lint_off UNUSEDSIGNAL */
  wire [31:0] unused_limits = min_i ^ min_half_i ^ max_i;  // the decoder needs no limits
  /* verilator lint_on UNUSEDSIGNAL */
  wire [31:0] value;
  edgesa_cf_decode u_decode (
    .code_i(in_code_i), .sign_shift_i(sign_shift_i), .adj_bias_i(adj_bias_i),
    .exp_mask_i(exp_mask_i), .exp_shift_i(exp_shift_i), .man_shift_i(man_shift_i),
    .x_o(value)
  );
  edgesa_stream_pipe #(.DataBits(32), .Stages(Stages)) u_pipe (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready_o), .in_data_i(value),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_data_o(out_data_o)
  );
endmodule
)";
    return {"edgesa_decompressor_engine",
            "decompressor engine: custom-float code -> fp32, one value per cycle, valid/ready",
            subst(text, {{"STAGES", std::to_string(ctx.cfg.decompressor.stages)},
                         {"CONST_PORTS", kConstPorts}})};
}

}  // namespace edgesa::gen
