// edgesa_accumulator: one row's accumulator bank (docs/architecture.md, unit 6): accumulator.depth
// entries; the result of chunk rb = 0 is written, later chunks are added (acc = acc + chunk, the
// reduction order of docs/numerics.md); the drain reads entries through a register-file port, or
// (SyncRead, the top) through synchronous RAM reads addressed one edge early.
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_accumulator(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const char* text = R"(module edgesa_accumulator #(
  parameter integer SumBits  = ${SB},
  parameter integer Depth    = ${DEPTH},
  parameter integer AddrBits = ${AB},
  parameter integer Ports    = 1,      // drain read ports (the top's drain reads one per lane)
  // 0: register-file reads at in_addr_i / rd_addr_i (combinational, the parent registers them);
  // 1: synchronous reads, so yosys infers block or LUT RAM: every address is given one edge
  //    early (in_next_addr_i, rd_addr_i) and a write to the same entry at that edge is
  //    forwarded, so the data equal the register-file reads one edge later, cycle for cycle
  parameter integer SyncRead = 0
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  // row sums from the adder tree, with their tag
  input  wire                in_valid_i,
  input  wire                in_first_i,   // chunk rb = 0: write instead of add
  input  wire [AddrBits-1:0] in_addr_i,
  input  wire [SumBits-1:0]  in_sum_i,
  input  wire [AddrBits-1:0] in_next_addr_i,  // SyncRead: in_addr_i of the next edge
  // drain read ports (SyncRead: the addresses of the next edge's data)
  input  wire [Ports*AddrBits-1:0] rd_addr_i,
  output wire [Ports*SumBits-1:0]  rd_data_o
);
  reg [SumBits-1:0] mem_q [0:Depth-1];
  wire [SumBits-1:0] acc_old, acc_sum;
  wire [SumBits-1:0] wdata = in_first_i ? in_sum_i : acc_sum;
  ${ADD} u_add (.a_i(acc_old), .b_i(in_sum_i), .s_o(acc_sum));
  always @(posedge clk_i) begin
    if (in_valid_i) mem_q[in_addr_i] <= wdata;
  end
  genvar gp;
  generate
    if (SyncRead != 0) begin : gen_sync
      reg [SumBits-1:0] wdata_q;   // the entry written at the last edge, for forwarding
      reg [SumBits-1:0] rmw_q;
      reg               rmw_fwd_q;
      always @(posedge clk_i) begin
        wdata_q <= wdata;
        rmw_q <= mem_q[in_next_addr_i];
        rmw_fwd_q <= in_valid_i && (in_addr_i == in_next_addr_i);
      end
      assign acc_old = rmw_fwd_q ? wdata_q : rmw_q;
      for (gp = 0; gp < Ports; gp = gp + 1) begin : gen_port
        reg [SumBits-1:0] rd_q;
        reg               fwd_q;
        always @(posedge clk_i) begin
          rd_q <= mem_q[rd_addr_i[gp*AddrBits +: AddrBits]];
          fwd_q <= in_valid_i && (in_addr_i == rd_addr_i[gp*AddrBits +: AddrBits]);
        end
        assign rd_data_o[gp*SumBits +: SumBits] = fwd_q ? wdata_q : rd_q;
      end
    end else begin : gen_comb
      assign acc_old = mem_q[in_addr_i];
      for (gp = 0; gp < Ports; gp = gp + 1) begin : gen_port
        assign rd_data_o[gp*SumBits +: SumBits] = mem_q[rd_addr_i[gp*AddrBits +: AddrBits]];
      end
      /* verilator lint_off UNUSEDSIGNAL */
      wire unused_next = ^in_next_addr_i;
      /* verilator lint_on UNUSEDSIGNAL */
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
