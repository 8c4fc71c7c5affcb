// edgesa_fifo: circular first-in first-out buffer with an asynchronous head read.
//
// The FIFOs of the engine banks, the array unit and the write-back. A write pointer, a read pointer
// and a count replace a shifting register file: a push writes one entry and a pop moves a pointer,
// so the storage is a memory with one write port and one asynchronous read port, which yosys maps
// to LUT RAM (memory_libmap) instead of a register file with a multiplexer per entry. The caller
// pushes only when the FIFO is not full before the edge and pops only when it is not empty before
// the edge (a push and a pop at one edge are fine); the head is valid while count_o is non-zero.
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_fifo #(
  parameter integer DataBits  = 32,
  parameter integer Depth     = 2,
  parameter integer CountBits = 2   // holds 0..Depth
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire                 push_i,
  input  wire [DataBits-1:0]  data_i,
  input  wire                 pop_i,
  output wire [DataBits-1:0]  head_o,
  output wire [CountBits-1:0] count_o
);
  localparam integer PtrBits = (Depth > 1) ? $clog2(Depth) : 1;
  localparam integer LastIdx = Depth - 1;
  localparam [PtrBits-1:0] Last = LastIdx[PtrBits-1:0];
  generate
    if (Depth < 1 || (1 << CountBits) <= Depth) begin : gen_illegal_params
      edgesa_illegal_parameters_fifo u_illegal ();
    end
  endgenerate

  reg [DataBits-1:0]  mem_q [0:Depth-1];
  reg [PtrBits-1:0]   wp_q, rp_q;
  reg [CountBits-1:0] cnt_q;
  always @(posedge clk_i) begin
    if (push_i) mem_q[wp_q] <= data_i;
  end
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wp_q <= {PtrBits{1'b0}};
      rp_q <= {PtrBits{1'b0}};
      cnt_q <= {CountBits{1'b0}};
    end else begin
      if (push_i) wp_q <= (wp_q == Last) ? {PtrBits{1'b0}} : wp_q + 1'b1;
      if (pop_i) rp_q <= (rp_q == Last) ? {PtrBits{1'b0}} : rp_q + 1'b1;
      cnt_q <= cnt_q + {{(CountBits - 1){1'b0}}, push_i} - {{(CountBits - 1){1'b0}}, pop_i};
    end
  end
  assign head_o = mem_q[rp_q];
  assign count_o = cnt_q;
endmodule
