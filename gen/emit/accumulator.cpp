// edgesa_accumulator: one row's accumulator bank (docs/architecture.md, unit 6): accumulator.depth
// entries; the result of chunk rb = 0 is written, later chunks are added (acc = acc + chunk, the
// reduction order of docs/numerics.md); the drain reads entries through a register-file port.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_accumulator(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const char* text = R"(module edgesa_accumulator #(
  parameter integer SumBits  = ${SB},
  parameter integer Depth    = ${DEPTH},
  parameter integer AddrBits = ${AB},
  parameter integer Ports    = 1       // drain read ports (the top's drain reads one per lane)
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  // row sums from the adder tree, with their tag
  input  wire                in_valid_i,
  input  wire                in_first_i,   // chunk rb = 0: write instead of add
  input  wire [AddrBits-1:0] in_addr_i,
  input  wire [SumBits-1:0]  in_sum_i,
  // drain read ports (register file: the reader registers the value)
  input  wire [Ports*AddrBits-1:0] rd_addr_i,
  output wire [Ports*SumBits-1:0]  rd_data_o
);
  reg [SumBits-1:0] mem_q [0:Depth-1];
  wire [SumBits-1:0] acc_sum;
  ${ADD} u_add (.a_i(mem_q[in_addr_i]), .b_i(in_sum_i), .s_o(acc_sum));
  always @(posedge clk_i) begin
    if (in_valid_i) mem_q[in_addr_i] <= in_first_i ? in_sum_i : acc_sum;
  end
  genvar gp;
  generate
    for (gp = 0; gp < Ports; gp = gp + 1) begin : gen_port
      assign rd_data_o[gp*SumBits +: SumBits] = mem_q[rd_addr_i[gp*AddrBits +: AddrBits]];
    end
  endgenerate
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused_rst = rst_ni;  // the entries need no reset: rb = 0 always writes first
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";
    return {"edgesa_accumulator",
            "one row's accumulator bank (write on the first chunk, add after)",
            subst(text, {{"SB", std::to_string(ctx.hw.sum_bits)},
                         {"DEPTH", std::to_string(cfg.accumulator.depth)},
                         {"AB", std::to_string(ctx.hw.acc_addr_bits)},
                         {"ADD", adder_module(cfg)}})};
}

}  // namespace edgesa::gen
