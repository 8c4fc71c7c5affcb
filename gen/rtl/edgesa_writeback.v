// edgesa_writeback: write-back: beat FIFO, bit packing, burst write requests with data, flush and layer done.
//
// The write-back and memory write interface (docs/architecture.md, unit 8;
// sim/writeback/writeback_unit.cpp is the specification, edge for edge): a FIFO of 2 beats; pops
// one beat per edge while fewer than WrPort bursts of bits are pending and no flush runs; packs
// the beat's codes at the output width after the bits already pending (value i of the layer at
// bits [i*bits +: bits] of the output byte stream); requests up to WrPort whole bursts while
// fewer than WrMax bursts are outstanding, the request carrying its bursts' data; the layer's
// last beat starts a flush (the partial burst is padded with zeros); the layer is done at the
// edge where nothing is pending and every burst has moved (done_o is written at that edge).
// WrPort bursts hold a whole beat, so the buffer and the port are sized by the beat, and the
// outstanding limit WrMax is a counter only.

module edgesa_writeback #(
  parameter integer BurstBytes = 8,
  parameter integer BurstShift = 3,
  parameter integer WrMax      = 8,    // fifo.write_depth: bursts outstanding
  parameter integer WrPort     = 8,    // bursts per request (HwWrPort)
  parameter integer BeatLanes  = 4,    // value lanes of a beat
  parameter integer BeatBits   = 146,
  // storage.lane_bits (0: the output width at run time) and its trailing zero bits: with a fixed
  // width the packing is wiring and the pending bit count is a multiple of 2^LaneShift
  parameter integer LaneBits   = 0,
  parameter integer LaneShift  = 0
) (
  input  wire                          clk_i,
  input  wire                          rst_ni,
  input  wire                          start_i,      // a layer starts: latch its output fields
  input  wire [31:0]                   out_addr_i,
  input  wire [5:0]                    out_bits_i,
  input  wire                          in_valid_i,
  output wire                          in_ready_o,
  input  wire [BeatBits-1:0]           in_beat_i,
  output wire [15:0]                   wr_req_bursts_o,
  output wire [31:0]                   wr_req_addr_o,
  output wire [WrPort*BurstBytes*8-1:0] wr_req_data_o,
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire [15:0]                   wr_done_bursts_i,  // at most WrMax: the low bits are read
  /* verilator lint_on UNUSEDSIGNAL */
  output wire                          done_o
);
  `include "edgesa_hw_params.vh"
  generate
    if (BurstBytes != (1 << BurstShift) || WrPort < 1 || WrPort > WrMax
        || BeatBits < BeatValuesLsb + HwValBits * BeatLanes || HwValBits < HwCodeBits || (LaneBits != 0 && LaneBits != HwCodeBits))
      begin : gen_illegal_params
        edgesa_illegal_parameters_writeback u_illegal ();
      end
  endgenerate
  localparam integer BurstBits = BurstBytes * 8;
  localparam integer PortBits  = WrPort * BurstBits;
  localparam integer PendBits  = PortBits + BeatLanes * HwCodeBits;
  localparam [5:0]   LaneBits6 = LaneBits[5:0];
  // Pending bits stay below PendBits and bursts in flight at most WrMax: narrow counters. The
  // model's count of bursts written is kept as the next write address.
  localparam integer PendCntBits = $clog2(PendBits + 1);
  localparam integer OutCntBits = $clog2(WrMax + 1);
  // A request's bursts (0 .. WrPort) and the arithmetic that chooses them, in as many bits as the
  // bounds need: CW is one more than the pending, outstanding and request counts (so every
  // extension below adds at least one bit), and a request's bits (SW) fit PendCntBits.
  localparam integer NBits = $clog2(WrPort + 1);
  localparam integer CW0 = (PendCntBits > OutCntBits) ? PendCntBits : OutCntBits;
  localparam integer CW = ((CW0 > NBits) ? CW0 : NBits) + 1;
  localparam integer SW = NBits + BurstShift + 3;  // a request's bits: nb * BurstBits
  localparam [CW-1:0] WrMaxC = WrMax[CW-1:0];
  localparam [CW-1:0] WrPortC = WrPort[CW-1:0];

  wire [BeatBits-1:0] fifo_head;
  wire [1:0]          cnt_q;
  reg                 pop;
  wire push = in_valid_i && (cnt_q != 2'd2);
  edgesa_fifo #(.DataBits(BeatBits), .Depth(2), .CountBits(2)) u_fifo (
    .clk_i(clk_i), .rst_ni(rst_ni), .push_i(push), .data_i(in_beat_i), .pop_i(pop),
    .head_o(fifo_head), .count_o(cnt_q)
  );
  reg [PendCntBits-1:0] pend_q, pend_d;
  reg [OutCntBits-1:0]  outst_q, outst_d;
  reg [PendBits-1:0] buf_q, buf_d;
  reg         flush_q, flush_d, done_q, done_d;
  reg [31:0]  addr_q, addr_d;        // byte address of the next write request
  reg [5:0]   bits_q, bits_d;
  reg [15:0]  rq_q, rq_d;
  reg [31:0]  ra_q, ra_d;
  reg [PortBits-1:0] rdata_q, rdata_d;

  // A beat's codes packed at the output width (PkBits), then placed after the pending bits: a
  // shift within a burst (pkf) and a burst select per buffer slot, not a PendBits-wide shifter.
  localparam integer PkBits = BeatLanes * HwCodeBits;
  localparam integer PkBursts = (PkBits + BurstBits - 1) / BurstBits + 1;  // bursts pkf spans
  localparam integer PendSlots = (PendBits + BurstBits - 1) / BurstBits;
  reg [PkBits-1:0] pk;
  reg [PkBursts*BurstBits-1:0] pkf;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [PendSlots*BurstBits-1:0] ins;  // whole bursts: the bits above PendBits are never set
  /* verilator lint_on UNUSEDSIGNAL */
  reg [31:0] cs;
  reg [31:0] n, pend_al;
  reg [CW-1:0] full, room, nc;  // whole bursts pending, slots not outstanding, their minimum
  reg [CW-1:0] pdiff;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0] i32;   // a beat's bits: the low PendCntBits are used
  reg [CW-1:0] osum;  // bursts outstanding after a request: the low OutCntBits are used
  /* verilator lint_on UNUSEDSIGNAL */
  reg [NBits-1:0] nb;           // bursts requested at this edge
  reg [SW-1:0] nbits;           // their bits
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0] m;  // the width's mask: the low HwCodeBits are used
  /* verilator lint_on UNUSEDSIGNAL */
  reg [5:0]  ob;  // output width (a constant with storage.lane_bits)
  reg [BeatBits-1:0] h;
  integer i, c, w;

  always @* begin
    pop = 1'b0;
    pend_d = pend_q; outst_d = outst_q - wr_done_bursts_i[OutCntBits-1:0];
    buf_d = buf_q; flush_d = flush_q; done_d = 1'b0;
    addr_d = addr_q; bits_d = bits_q; rq_d = 16'd0; ra_d = ra_q; rdata_d = rdata_q;
    i = 0;  // loop variable: assigned on every path (no latch)
    pk = {PkBits{1'b0}}; pkf = {(PkBursts*BurstBits){1'b0}}; ins = {(PendSlots*BurstBits){1'b0}};
    cs = 0; c = 0; w = 0; n = 0; m = 0; i32 = 0;
    full = {CW{1'b0}}; room = {CW{1'b0}}; nc = {CW{1'b0}}; nb = {NBits{1'b0}}; nbits = {SW{1'b0}};
    pdiff = {CW{1'b0}}; osum = {CW{1'b0}}; pend_al = 0; ob = 6'd0;
    h = fifo_head;
    if (start_i) begin
      addr_d = out_addr_i; bits_d = out_bits_i;
    end
    if (!flush_q && cnt_q != 0 && {{(32-PendCntBits){1'b0}}, pend_q} < PortBits) begin
      ob = (LaneBits != 0) ? LaneBits6 : bits_d;
      m = (ob == 6'd32) ? 32'hffffffff : ((32'd1 << ob) - 1);
      n = {16'd0, h[BeatCountLsb +: BeatCountBits]};
      // value i at bits [i*ob +: ob]: one constant slice per width, selected by the width
      for (i = 0; i < BeatLanes; i = i + 1)
        if (i < n) begin
          if (LaneBits != 0)
            pk[i*LaneBits +: HwCodeBits] = pk[i*LaneBits +: HwCodeBits] | (h[BeatValuesLsb + i*HwValBits +: HwCodeBits] & m[HwCodeBits-1:0]);
          else
            for (w = 1; w <= 32; w = w + 1)
              if (ob == w[5:0]) pk[i*w +: HwCodeBits] = pk[i*w +: HwCodeBits] | (h[BeatValuesLsb + i*HwValBits +: HwCodeBits] & m[HwCodeBits-1:0]);
        end
      pend_al = {{(32-PendCntBits){1'b0}}, pend_q};
      pend_al = (pend_al >> LaneShift) << LaneShift;  // equal to pend_q: whole values are pending
      pkf = {{(PkBursts*BurstBits-PkBits){1'b0}}, pk} << pend_al[BurstShift+2:0];
      cs = pend_al >> (BurstShift + 3);  // the burst the beat starts in: below WrPort here
      for (c = 0; c < WrPort; c = c + 1)
        for (w = 0; w < PkBursts; w = w + 1)
          if (cs == c && c + w < PendSlots)
            ins[(c + w)*BurstBits +: BurstBits] = pkf[w*BurstBits +: BurstBits];
      buf_d = buf_d | ins[PendBits-1:0];
      i32 = n * {26'd0, ob};
      pend_d = pend_q + i32[PendCntBits-1:0];
      flush_d = h[BeatLastLsb];
      pop = 1'b1;
    end
    full = {{(CW-PendCntBits){1'b0}}, pend_d} >> (BurstShift + 3);
    if (flush_d && pend_d[BurstShift+2:0] != 0) full = full + 1'b1;
    room = WrMaxC - {{(CW-OutCntBits){1'b0}}, outst_d};
    nc = (full < room) ? full : room;
    if (WrPortC < nc) nc = WrPortC;
    nb = nc[NBits-1:0];
    nbits = {nb, {(BurstShift + 3){1'b0}}};
    if (nb != 0) begin
      rq_d = {{(16-NBits){1'b0}}, nb};
      ra_d = addr_d;
      rdata_d = buf_d[PortBits-1:0] & ~({PortBits{1'b1}} << nbits);
      buf_d = buf_d >> nbits;
      pdiff = {{(CW-PendCntBits){1'b0}}, pend_d} - {{(CW-SW){1'b0}}, nbits};
      pend_d = pdiff[CW-1] ? {PendCntBits{1'b0}} : pdiff[PendCntBits-1:0];  // a flush's last burst
      osum = {{(CW-OutCntBits){1'b0}}, outst_d} + {{(CW-NBits){1'b0}}, nb};
      outst_d = osum[OutCntBits-1:0];
      addr_d = addr_d + ({{(32-NBits){1'b0}}, nb} << BurstShift);
    end
    if (flush_d && pend_d == 0 && outst_d == 0) begin
      flush_d = 1'b0;
      done_d = 1'b1;
      buf_d = {PendBits{1'b0}};
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pend_q <= {PendCntBits{1'b0}}; outst_q <= {OutCntBits{1'b0}};
      buf_q <= {PendBits{1'b0}}; flush_q <= 1'b0; done_q <= 1'b0; rq_q <= 16'd0;
    end else begin
      pend_q <= pend_d; outst_q <= outst_d; buf_q <= buf_d; flush_q <= flush_d; done_q <= done_d; rq_q <= rq_d;
    end
  end
  always @(posedge clk_i) begin
    addr_q <= addr_d; bits_q <= bits_d; ra_q <= ra_d; rdata_q <= rdata_d;
  end

  assign in_ready_o = (cnt_q != 2'd2);
  assign wr_req_bursts_o = rq_q;
  assign wr_req_addr_o = ra_q;
  assign wr_req_data_o = rdata_q;
  assign done_o = done_q;
endmodule
