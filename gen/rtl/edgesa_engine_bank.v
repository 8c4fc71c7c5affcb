// edgesa_engine_bank: engine-bank timing shell (input FIFO, engine occupancy, stages, output register).
//
// The timing shell of the decompressor, act/pool and compressor banks, the
// same registers as sim/codec/engine_bank.h: an input FIFO, the engine register (occupied for
// ceil(values / Engines) edges, +1 when the item's format key differs from the loaded one),
// Stages-1 stage registers and the output register of the channel. The parent computes the value
// transform of the FIFO head combinationally (head_o -> head_xf_i); it is captured when the head is
// popped (pop_o). With DropEmpty, an item whose value count (bits [15:0]) is 0 after the transform
// leaves the last stage without entering the output register (act/pool: a window not complete).

module edgesa_engine_bank #(
  parameter integer DataBits  = 32,
  parameter integer Engines   = 1,
  parameter integer Stages    = 1,
  parameter integer FifoDepth = 2,
  parameter integer KeyBits   = 1,
  parameter integer CountBits = 16,
  parameter integer DropEmpty = 0
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire                 in_valid_i,
  output wire                 in_ready_o,
  input  wire [DataBits-1:0]  in_data_i,
  // FIFO head and its transform (computed by the parent)
  output wire [DataBits-1:0]  head_o,
  input  wire [DataBits-1:0]  head_xf_i,
  input  wire [CountBits-1:0] head_values_i,
  input  wire [KeyBits-1:0]   head_key_i,
  output wire                 pop_o,       // the head is popped (head_xf_i captured) at this edge
  output wire                 out_valid_o,
  input  wire                 out_ready_i,
  output wire [DataBits-1:0]  out_data_o,
  output wire                 busy_o
);
  localparam integer NS = (Stages > 1) ? Stages - 1 : 1;
  localparam integer FifoCountBits = $clog2(FifoDepth + 1);
  localparam [FifoCountBits-1:0] Full = FifoDepth[FifoCountBits-1:0];
  // Engine occupancy as values still to process: a pop loads max(0, values - Engines) (+ Engines
  // for a format change) and each further edge takes Engines more, so the item stays
  // max(1, ceil(values / Engines)) (+ 1) edges, with no divider.
  localparam integer RemBits = CountBits + 1 + ((Engines > 1) ? $clog2(Engines) : 1);
  localparam [RemBits-1:0] EngRem = Engines[RemBits-1:0];

  wire [DataBits-1:0]      fifo_head;
  wire [FifoCountBits-1:0] cnt;
  reg                      eng_v_q, eng_v_d;
  reg [DataBits-1:0]       eng_q, eng_d;
  reg [RemBits-1:0]        rem_q, rem_d;
  reg [NS-1:0]             st_v_q, st_v_d;
  reg [DataBits-1:0]       st_q [0:NS-1];
  reg [DataBits-1:0]       st_d [0:NS-1];
  reg                      out_v_q, out_v_d;
  reg [DataBits-1:0]       out_q, out_d;
  reg [KeyBits-1:0]        key_q, key_d;
  reg                      have_key_q, have_key_d;
  reg [RemBits-1:0]        vals;
  reg                      pop;
  integer i, k;  // one loop variable per always block (yosys treats them as registers)

  wire push = in_valid_i && (cnt != Full);
  edgesa_fifo #(.DataBits(DataBits), .Depth(FifoDepth), .CountBits(FifoCountBits)) u_fifo (
    .clk_i(clk_i), .rst_ni(rst_ni), .push_i(push), .data_i(in_data_i), .pop_i(pop),
    .head_o(fifo_head), .count_o(cnt)
  );
  assign head_o = fifo_head;

  always @* begin
    for (i = 0; i < NS; i = i + 1) st_d[i] = st_q[i];
    eng_v_d = eng_v_q; eng_d = eng_q; rem_d = rem_q; st_v_d = st_v_q;
    out_v_d = out_v_q; out_d = out_q; key_d = key_q; have_key_d = have_key_q;
    vals = {RemBits{1'b0}};
    pop = 1'b0;
    // 1. The output register loads from the last stage (or the engines without stages).
    if (!out_v_q || out_ready_i) begin
      if (Stages > 1) begin
        out_v_d = st_v_q[NS-1] && !(DropEmpty != 0 && st_q[NS-1][15:0] == 16'd0);
        out_d = st_q[NS-1];
        st_v_d[NS-1] = 1'b0;
      end else begin
        out_v_d = eng_v_q && (rem_q == 0) && !(DropEmpty != 0 && eng_q[15:0] == 16'd0);
        out_d = eng_q;
        if (eng_v_q && rem_q == 0) eng_v_d = 1'b0;
      end
    end
    // 2. Stage registers move forward where the next one is free (back to front).
    for (i = NS - 1; i >= 1; i = i - 1)
      if (!st_v_d[i] && st_v_d[i-1]) begin
        st_v_d[i] = 1'b1;
        st_d[i] = st_d[i-1];
        st_v_d[i-1] = 1'b0;
      end
    // 3. The engines count down, then hand the item to the first stage.
    if (eng_v_d && rem_d != 0) rem_d = (rem_d > EngRem) ? rem_d - EngRem : {RemBits{1'b0}};
    else if (eng_v_d && Stages > 1 && !st_v_d[0]) begin
      st_v_d[0] = 1'b1;
      st_d[0] = eng_d;
      eng_v_d = 1'b0;
    end
    // 4. Free engines pop the FIFO head (contents before the edge).
    if (!eng_v_d && cnt != 0) begin
      vals = {{(RemBits - CountBits){1'b0}}, head_values_i};
      rem_d = (vals > EngRem) ? vals - EngRem : {RemBits{1'b0}};
      if (!have_key_q || head_key_i != key_q) begin
        if (have_key_q) rem_d = rem_d + EngRem;  // the constant calculator's registered update
        key_d = head_key_i;
        have_key_d = 1'b1;
      end
      pop = 1'b1;
      eng_v_d = 1'b1;
      eng_d = head_xf_i;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      eng_v_q <= 1'b0; rem_q <= {RemBits{1'b0}}; st_v_q <= {NS{1'b0}};
      out_v_q <= 1'b0; key_q <= {KeyBits{1'b0}}; have_key_q <= 1'b0;
    end else begin
      eng_v_q <= eng_v_d; rem_q <= rem_d; st_v_q <= st_v_d;
      out_v_q <= out_v_d; key_q <= key_d; have_key_q <= have_key_d;
    end
  end
  always @(posedge clk_i) begin
    for (k = 0; k < NS; k = k + 1) st_q[k] <= st_d[k];
    eng_q <= eng_d;
    out_q <= out_d;
  end

  assign pop_o = pop;
  assign in_ready_o = (cnt != Full);
  assign out_valid_o = out_v_q;
  assign out_data_o = out_q;
  assign busy_o = eng_v_q || (cnt != 0) || (st_v_q != {NS{1'b0}});
endmodule
