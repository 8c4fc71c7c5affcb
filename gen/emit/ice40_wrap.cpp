// edgesa_ice40_wrap: the pinned wrapper `edgesa synth --target ice40 --pnr` places and routes
// (docs/fpga.md, "The iCE40 wrapper"). The top has hundreds of ports (the memory port alone is
// RdMax and WrPort bursts wide), far more than an iCE40 package has pins, so the wrapper brings
// out five: every input of the top is one bit of a shift register loaded from sin_i, and the XOR
// of every output bit is registered onto sout_o. No input is a constant and every output is
// observed, so yosys keeps all of the top's logic; the wrapper adds the shift register's
// flip-flops, the XOR tree and a reset synchroniser. It measures the design, it is no system.
#include <fmt/format.h>

#include "fpga.h"

namespace edgesa::gen {

VerilogUnit emit_ice40_wrap(const GenContext& ctx) {
    const hw::HwLayout& h = ctx.hw;
    const int64_t rd_bits = h.rd_max * h.burst_bytes * 8, wr_bits = h.wr_port * h.burst_bytes * 8;
    // The top's inputs, in shift-register order (bit 0 is the newest).
    std::vector<std::pair<std::string, int64_t>> ins = {{"desc_valid", 1}};
    for (const auto& f : hw::descriptor_fields())
        ins.push_back({std::string("desc_") + f.name, int64_t(f.bits)});
    ins.push_back({"rd_data_bursts", 16});
    ins.push_back({"rd_data", rd_bits});
    ins.push_back({"wr_done_bursts", 16});
    int64_t in_bits = 0;
    std::string decl, conn_in;
    for (const auto& [name, bits] : ins) {
        decl += fmt::format("  wire {:<14} {};\n",
                            bits == 1 ? std::string() : fmt::format("[{}:0]", bits - 1), name);
        conn_in += fmt::format("  assign {} = in_q[{}];\n", name,
                               bits == 1 ? std::to_string(in_bits)
                                         : fmt::format("{}:{}", in_bits + bits - 1, in_bits));
        in_bits += bits;
    }
    std::string s = fmt::format(
        R"(module edgesa_ice40_wrap (
  input  wire clk_i,
  input  wire rst_ni,   // asynchronous, active low; released through a synchroniser here
  input  wire sin_i,    // serial input: shifted into every input bit of the top
  output wire sout_o,   // registered XOR of every output bit of the top
  output wire done_o    // the top's done_o, registered
);
  localparam integer InBits = {0};  // every input bit of edgesa_top but clk_i and rst_ni

  reg [1:0] rst_sync_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) rst_sync_q <= 2'b00;
    else rst_sync_q <= {{rst_sync_q[0], 1'b1}};
  end
  wire rst_n = rst_sync_q[1];

  reg [InBits-1:0] in_q;
  always @(posedge clk_i or negedge rst_n) begin
    if (!rst_n) in_q <= {{InBits{{1'b0}}}};
    else in_q <= {{in_q[InBits-2:0], sin_i}};
  end

{1}{2}
  wire                desc_ready, done;
  wire [15:0]         rd_req_bursts, wr_req_bursts;
  wire [31:0]         rd_req_addr, wr_req_addr;
  wire [{3}:0] wr_req_data;

  edgesa_top u_top (
    .clk_i(clk_i),
    .rst_ni(rst_n),
    .desc_valid_i(desc_valid),
    .desc_ready_o(desc_ready),
)",
        in_bits, decl, conn_in, wr_bits - 1);
    for (const auto& f : hw::descriptor_fields())
        s += fmt::format("    .desc_{0}_i(desc_{0}),\n", f.name);
    s += R"(    .done_o(done),
    .rd_req_bursts_o(rd_req_bursts),
    .rd_req_addr_o(rd_req_addr),
    .rd_data_bursts_i(rd_data_bursts),
    .rd_data_i(rd_data),
    .wr_req_bursts_o(wr_req_bursts),
    .wr_req_addr_o(wr_req_addr),
    .wr_req_data_o(wr_req_data),
    .wr_done_bursts_i(wr_done_bursts)
  );

  reg sig_q, done_q;
  always @(posedge clk_i or negedge rst_n) begin
    if (!rst_n) begin
      sig_q  <= 1'b0;
      done_q <= 1'b0;
    end else begin
      sig_q  <= ^{desc_ready, rd_req_bursts, rd_req_addr, wr_req_bursts, wr_req_addr, wr_req_data};
      done_q <= done;
    end
  end
  assign sout_o = sig_q;
  assign done_o = done_q;
endmodule
)";
    return {"edgesa_ice40_wrap",
            "iCE40 place-and-route wrapper: five pins, the top's inputs from a shift register, its "
            "outputs XORed (docs/fpga.md)",
            s, false};
}

}  // namespace edgesa::gen
