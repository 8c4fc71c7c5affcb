// edgesa_stream_pipe: the valid/ready shell every streaming engine uses (docs/rtl-interface.md).
// The engine's combinational core sits before it; the shell adds Stages registers of latency
// (Stages-1 delay registers plus the output queue) and a queue of Stages+1 entries whose head is
// the registered output. in_ready_o is registered: it is 1 when the items held after this edge
// (in flight plus queued) leave room for one more, so nothing is ever dropped and a consumer that
// is always ready sees one result per cycle.
#include "emitters.h"

namespace edgesa::gen {

VerilogUnit emit_stream_pipe(const GenContext&) {
    const char* text = R"(module edgesa_stream_pipe #(
  parameter integer DataBits = 32,
  parameter integer Stages   = 1
) (
  input  wire                clk_i,
  input  wire                rst_ni,
  // input channel (the payload is the core's result for the sampled input)
  input  wire                in_valid_i,
  output reg                 in_ready_o,
  input  wire [DataBits-1:0] in_data_i,
  // output channel
  output reg                 out_valid_o,
  input  wire                out_ready_i,
  output wire [DataBits-1:0] out_data_o
);
  localparam integer Depth    = Stages + 1;
  localparam integer CntBits  = $clog2(Depth + 1);
  localparam integer DelayLen = (Stages > 1) ? Stages - 1 : 1;
  localparam [CntBits:0] DepthC = Depth[CntBits:0];

  wire in_fire  = in_valid_i & in_ready_o;
  wire out_fire = out_valid_o & out_ready_i;

  // Delay line (Stages - 1 registers); with Stages = 1 items enter the queue directly.
  reg [DelayLen-1:0] dly_valid_q;
  reg [DataBits-1:0] dly_data_q [0:DelayLen-1];
  wire               enq_valid = (Stages > 1) ? dly_valid_q[DelayLen-1] : in_fire;
  wire [DataBits-1:0] enq_data = (Stages > 1) ? dly_data_q[DelayLen-1] : in_data_i;
  reg [DelayLen-1:0] dly_valid_d;
  integer i, j, k, m;  // one loop variable per always block
  always @* begin
    dly_valid_d = {DelayLen{1'b0}};
    if (Stages > 1) begin
      dly_valid_d[0] = in_fire;
      for (i = 1; i < DelayLen; i = i + 1) dly_valid_d[i] = dly_valid_q[i-1];
    end
  end
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) dly_valid_q <= {DelayLen{1'b0}};
    else         dly_valid_q <= dly_valid_d;
  end
  always @(posedge clk_i) begin
    dly_data_q[0] <= in_data_i;
    for (j = 1; j < DelayLen; j = j + 1) dly_data_q[j] <= dly_data_q[j-1];
  end

  // Output queue: entry 0 is the registered output; a pop shifts the rest down.
  reg [DataBits-1:0] q_data_q [0:Depth-1];
  reg [CntBits-1:0]  count_q;
  wire [CntBits-1:0] count_after_pop = count_q - {{(CntBits-1){1'b0}}, out_fire};
  wire [CntBits-1:0] count_d = count_after_pop + {{(CntBits-1){1'b0}}, enq_valid};
  always @(posedge clk_i) begin
    for (k = 0; k < Depth; k = k + 1) begin
      if (enq_valid && (count_after_pop == k[CntBits-1:0])) q_data_q[k] <= enq_data;
      else if (out_fire && (k < Depth - 1)) q_data_q[k] <= q_data_q[(k < Depth - 1) ? k + 1 : k];
    end
  end

  // Items held after this edge: queued plus in the delay line.
  reg [CntBits:0] held_d;
  always @* begin
    held_d = {1'b0, count_d};
    for (m = 0; m < DelayLen; m = m + 1)
      held_d = held_d + {{CntBits{1'b0}}, (Stages > 1) & dly_valid_d[m]};
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      count_q     <= {CntBits{1'b0}};
      out_valid_o <= 1'b0;
      in_ready_o  <= 1'b1;
    end else begin
      count_q     <= count_d;
      out_valid_o <= (count_d != {CntBits{1'b0}});
      in_ready_o  <= (held_d < DepthC);
    end
  end
  assign out_data_o = q_data_q[0];
endmodule
)";
    return {"edgesa_stream_pipe",
            "valid/ready shell: Stages registers of latency, registered ready, output queue", text};
}

}  // namespace edgesa::gen
