// edgesa_block_streamer: block streamer: descriptor start, burst read requests, header parsing, vector unpacking.
//
// The block streamer and memory read interface (docs/architecture.md,
// unit 2; sim/streamer/block_streamer.cpp is the specification, edge for edge). It takes a layer
// descriptor, reads the layer image in bursts under the same credit rule (read FIFO room and
// dram.max_outstanding), keeps the delivered bytes in a circular byte buffer, parses the 8-byte
// block headers (one edge each) and emits one vector per edge (weight row, stream vector, pass
// vector or bias vector) with its values unpacked from their storage width into right-aligned
// token lanes of HwTokLaneBits bits (the stored width when storage.lane_bits fixes it, else 32).

module edgesa_block_streamer #(
  parameter integer Width        = 4,
  parameter integer BurstBytes   = 8,
  parameter integer BurstShift   = 3,
  parameter integer RdMax        = 3,    // bursts the memory can deliver in one edge
  parameter integer BufBytes     = 64,   // circular read buffer (power of two >= FifoBytes; > with sub-byte widths, hw_layout)
  parameter integer FifoBytes    = 64,   // credit: requested*burst - consumed <= FifoBytes
  parameter integer MaxOut       = 8,    // dram.max_outstanding
  parameter integer FmtBits      = 28,
  parameter integer TokBits      = 240,
  // storage.lane_bits: 0 = each tensor's width at run time; N = every value is N bits, so the
  // unpacking is wiring and buffer bit offsets are multiples of 2^LaneShift (LaneShift = the
  // trailing zero bits of N; 0 when LaneBits = 0)
  parameter integer LaneBits     = 0,
  parameter integer LaneShift    = 0
) (
  input  wire                        clk_i,
  input  wire                        rst_ni,
  // layer start (address and size latched at the transfer; the formats below are the top's
  // descriptor registers, held for the layer: a header is parsed no earlier than the edge after
  // the start, since the first burst is requested at the start and delivered later)
  input  wire                        start_i,
  input  wire [31:0]                 image_addr_i,
  input  wire [31:0]                 image_bytes_i,
  input  wire [5:0]                  w_bits_i,
  input  wire [5:0]                  x_bits_i,
  input  wire [5:0]                  p1_bits_i,      // pass blocks of the second input (add)
  output wire                        active_o,
  // memory read port
  output wire [15:0]                 rd_req_bursts_o,
  output wire [31:0]                 rd_req_addr_o,
  input  wire [15:0]                 rd_data_bursts_i,
  input  wire [RdMax*BurstBytes*8-1:0] rd_data_i,
  // vectors out
  output wire                        tok_valid_o,
  input  wire                        tok_ready_i,
  output wire [TokBits-1:0]          tok_o
);
  `include "edgesa_hw_params.vh"
  generate
    if (BurstBytes != (1 << BurstShift) || BufBytes < FifoBytes || (BufBytes & (BufBytes - 1)) != 0
        || BufBytes % BurstBytes != 0 || FmtBits != FmtWordBits || TokBits != TokDataLsb + HwTokLaneBits * Width)
      begin : gen_illegal_params
        edgesa_illegal_parameters_block_streamer u_illegal ();
      end
  endgenerate
  localparam integer BufBits = BufBytes * 8;
  localparam integer TokLane = HwTokLaneBits;    // a token's value lane
  localparam integer VecBits = Width * TokLane;   // a token's value lanes
  localparam integer RawBits = Width * HwCodeBits;  // a vector's stored bits at most
  localparam integer BurstBits = BurstBytes * 8;
  localparam integer BufBursts = BufBytes / BurstBytes;
  localparam integer BufShift = $clog2(BufBits);  // BufBits is a power of two
  localparam integer SlotBits = (BufBursts > 1) ? $clog2(BufBursts) : 1;
  localparam integer RoomBits = $clog2(FifoBytes + 1);
  localparam integer OutBits = $clog2(MaxOut + 1);
  localparam [5:0]   LaneBits6 = LaneBits[5:0];
  // A vector holds at most Width values (the program's images: pass blocks have up to Width
  // values per vector, sim/program/layer_program.h), so the counts are HwLaneCountBits wide.
  localparam integer CntBits = HwLaneCountBits;
  localparam [CntBits-1:0] WidthC = Width[CntBits-1:0];
  localparam [RoomBits-1:0] FifoRoom = FifoBytes[RoomBits-1:0];
  // block offsets in bits are multiples of 2^BlkShift (8-byte headers, whole-byte payloads)
  localparam integer BlkShift = (LaneBits != 0 && LaneBits % 8 == 0) ? LaneShift : 3;
  // The window read at a buffer position: a header (64 bits) or a vector (RawBits), taken as
  // WinBursts whole bursts from the position's burst on, then shifted by the position within
  // that burst (a burst select and a shift of less than a burst, not one BufBits rotator).
  localparam integer WinBits = (RawBits > 64) ? RawBits : 64;
  localparam integer WinBursts = (WinBits + BurstBits - 1) / BurstBits + 1;

  // The model's image offsets (bursts requested and delivered, bytes consumed, the block's offset)
  // are 32-bit counts, but every decision depends only on their differences, which the credit
  // bounds: room = FifoBytes + consumed - requested * BurstBytes and avail = delivered *
  // BurstBytes - consumed both lie in [0, FifoBytes], and the bursts in flight in [0, MaxOut].
  // So the unit keeps those differences in narrow registers, and 32 bits only for the next read
  // address, the bursts not yet requested and the image bytes not yet consumed (the layer's end).
  reg                 active_q, active_d;
  reg [31:0]          addr_q, addr_d;     // byte address of the next read request
  reg [31:0]          left_q, left_d;     // bursts of the image not yet requested
  reg [31:0]          ileft_q, ileft_d;   // image bytes not yet consumed
  reg [RoomBits-1:0]  room_q, room_d;     // read-buffer room for requests, in bytes
  reg [RoomBits-1:0]  avail_q, avail_d;   // delivered bytes not yet consumed
  reg [OutBits-1:0]   outst_q, outst_d;   // bursts requested, not yet delivered
  reg [SlotBits-1:0]  dslot_q, dslot_d;   // buffer slot of the next delivered burst
  reg [BufShift-1:0]  bpos_q, bpos_d;     // buffer bit position of the next header or vector
  reg         hdr_q, hdr_d;           // header parsed
  reg [19:0]  vec_q, vec_d;
  reg [3:0]   type_q, type_d;
  reg [7:0]   slot_q, slot_d;
  reg [19:0]  len_q, len_d;
  reg [15:0]  index_q, index_d;
  reg [5:0]   bits_q, bits_d;
  reg [TokFmtBits-1:0] fsel_q, fsel_d;  // the block's format: 0 w, 1 x, 2 p1 (hw::token::kFmt)
  reg [CntBits-1:0] last_vals_q, last_vals_d;   // values in the block's last vector
  reg [CntBits-1:0] vpv_q, vpv_d;               // values per vector (pass: the header's index)
  reg [BufBits-1:0]     buf_q, buf_d;
  reg [15:0]  rq_d, rq_q;
  reg [31:0]  raddr_d, raddr_q;
  reg         tok_v_q, tok_v_d;
  reg [TokBits-1:0] tok_q, tok_d;

  // the high part of the image bytes left, less one (see the consumed-bytes update)
  wire [31-RoomBits:0] ileft_hi_m1 = ileft_q[31:RoomBits] - 1'b1;
  // combinational temporaries
  reg [RoomBits:0] ilo;
  reg [31:0]  n, lim, need;
  reg [RoomBits-1:0] nr;     // bytes consumed at this edge (at most avail, so RoomBits wide)
  reg [OutBits-1:0] fr, ls;  // bursts the credit allows, bursts left (saturated)
  reg [CntBits-1:0] vals;
  reg [31:0]  vb;       // bits of the vector's values
  reg [31:0]  pend;     // the vector's bits after the byte boundary before it, rounded up
  reg [SlotBits-1:0] o, wb;
  reg [BufShift-1:0] wpos;
  reg [WinBursts*BurstBits-1:0] cwin;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [WinBursts*BurstBits-1:0] rot;
  reg [RawBits+TokLane-1:0] wext;
  reg [31:0]  hvals, got;
  /* verilator lint_on UNUSEDSIGNAL */
  reg [63:0]  hdr;
  reg [RawBits-1:0] win;
  reg [VecBits-1:0] lanes;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0]  m;  // the width's mask: the low HwTokLaneBits are used
  /* verilator lint_on UNUSEDSIGNAL */
  reg         last_vec, emit;
  integer j, p;

  // the storage width of a tensor: a constant when storage.lane_bits fixes it
  function automatic [5:0] lbits(input [5:0] bits);
    lbits = (LaneBits != 0) ? LaneBits6 : bits;
  endfunction
  // Delivery d of this edge (d < count, the bursts delivered) fills buffer slot base + d: the one
  // rule for the buffer write and for the window's view of this edge's bursts.
  function automatic fills(input [SlotBits-1:0] slot, input integer d, input [SlotBits-1:0] base,
                           input [15:0] count);
    fills = (d < {16'd0, count}) && ((BufBursts == 1) || base + d[SlotBits-1:0] == slot);
  endfunction
  // a buffer bit offset whose low `sh` bits are known to be zero
  function automatic [BufShift-1:0] aligned(input [BufShift-1:0] pos, input integer sh);
    aligned = (pos >> sh) << sh;
  endfunction

  always @* begin
    active_d = active_q; addr_d = addr_q; left_d = left_q; ileft_d = ileft_q; room_d = room_q;
    avail_d = avail_q; outst_d = outst_q; dslot_d = dslot_q; bpos_d = bpos_q;
    hdr_d = hdr_q; vec_d = vec_q;
    type_d = type_q; slot_d = slot_q; len_d = len_q; index_d = index_q;
    bits_d = bits_q; fsel_d = fsel_q; last_vals_d = last_vals_q; vpv_d = vpv_q;
    buf_d = buf_q; tok_v_d = tok_v_q; tok_d = tok_q;
    rq_d = 16'd0; raddr_d = raddr_q;
    ilo = {(RoomBits+1){1'b0}};
    n = 0; lim = 0; fr = {OutBits{1'b0}}; ls = {OutBits{1'b0}}; need = 0; nr = {RoomBits{1'b0}}; got = 0; vals = {CntBits{1'b0}}; vb = 0; pend = 0;
    o = {SlotBits{1'b0}}; wb = {SlotBits{1'b0}}; wpos = {BufShift{1'b0}}; hvals = 0;
    cwin = {(WinBursts*BurstBits){1'b0}}; wext = {(RawBits+TokLane){1'b0}};
    rot = {(WinBursts*BurstBits){1'b0}}; hdr = 64'd0; win = {RawBits{1'b0}}; lanes = {VecBits{1'b0}};
    m = 0; last_vec = 1'b0; emit = 1'b0;
    j = 0; p = 0;  // loop variables: assigned on every path (no latch)
    // Delivered bursts go into the circular buffer.
    if (active_q) begin
      // Every buffer index below is a constant, so no variable-position write (yosys builds no
      // wide demultiplexer).
      for (j = 0; j < RdMax; j = j + 1)
        for (p = 0; p < BufBursts; p = p + 1)
          if (fills(p[SlotBits-1:0], j, dslot_q, rd_data_bursts_i))
            buf_d[p*BurstBits +: BurstBits] = rd_data_i[j*BurstBits +: BurstBits];
      got = {16'd0, rd_data_bursts_i};
      dslot_d = dslot_q + got[SlotBits-1:0];
      outst_d = outst_q - got[OutBits-1:0];
      avail_d = avail_q + (got[RoomBits-1:0] << BurstShift);
    end
    // Layer start.
    if (!active_q && start_i) begin
      active_d = 1'b1;
      addr_d = image_addr_i; ileft_d = image_bytes_i;
      left_d = (image_bytes_i + BurstBytes - 1) >> BurstShift;
      room_d = FifoRoom; avail_d = {RoomBits{1'b0}}; outst_d = {OutBits{1'b0}};
      dslot_d = {SlotBits{1'b0}}; bpos_d = {BufShift{1'b0}}; hdr_d = 1'b0; vec_d = 0;
    end
    if (active_d) begin
      // Read requests: credit from the read-buffer room and max_outstanding.
      // n = min(left, room / BurstBytes, MaxOut - in flight) <= MaxOut: the minimum is taken in
      // OutBits bits, the 32-bit count of bursts left only tested for being at least MaxOut.
      lim = {{(32-RoomBits){1'b0}}, room_d} >> BurstShift;
      fr = MaxOut[OutBits-1:0] - outst_d;
      if (lim < {{(32-OutBits){1'b0}}, fr}) fr = lim[OutBits-1:0];
      ls = (|(left_d >> OutBits)) ? {OutBits{1'b1}} : left_d[OutBits-1:0];
      if (ls < fr) fr = ls;
      n = {{(32-OutBits){1'b0}}, fr};
      rq_d = n[15:0];
      raddr_d = addr_d;
      addr_d = addr_d + (n << BurstShift);
      left_d = left_d - n;
      outst_d = outst_d + n[OutBits-1:0];
      room_d = room_d - (n[RoomBits-1:0] << BurstShift);
      // At most one header or vector per edge, when the output register is free.
      if (!tok_v_q || tok_ready_i) begin
        // One window serves the header and the vector (never both at one edge). It reads the
        // registered position: at a start edge, the only one where bpos_d differs, nothing has
        // been delivered and the window is not used.
        wpos = hdr_q ? aligned(bpos_q, LaneShift) : aligned(bpos_q, BlkShift);
        wb = (BufBursts > 1) ? wpos[BufShift-1 -: SlotBits] : {SlotBits{1'b0}};
        // Each window burst is the registered buffer slot, or the burst delivered into that slot
        // at this edge (delivery d of this edge fills slot dslot_q + d).
        for (j = 0; j < WinBursts; j = j + 1) begin
          o = (BufBursts > 1) ? wb + j[SlotBits-1:0] : {SlotBits{1'b0}};
          cwin[j*BurstBits +: BurstBits] = buf_q[o*BurstBits +: BurstBits];
          for (p = 0; p < RdMax; p = p + 1)
            if (active_q && fills(o, p, dslot_q, rd_data_bursts_i))
              cwin[j*BurstBits +: BurstBits] = rd_data_i[p*BurstBits +: BurstBits];
        end
        rot = cwin >> wpos[BurstShift+2:0];
        hdr = rot[63:0];
        if (!hdr_d) begin
          if ({{(32-RoomBits){1'b0}}, avail_d} >= 32'd8) begin
            need = 32'd8;
            nr = need[RoomBits-1:0];
            hdr_d = 1'b1;
            vec_d = 0;
            type_d = hdr[HdrTypeLsb +: HdrTypeBits];
            slot_d = hdr[HdrSlotLsb +: HdrSlotBits];
            len_d = hdr[HdrLengthLsb +: HdrLengthBits];
            index_d = hdr[HdrIndexLsb +: 16];
            case (hdr[HdrTypeLsb +: HdrTypeBits])
              4'd1: begin bits_d = w_bits_i; fsel_d = 2'd0; last_vals_d = WidthC; vpv_d = WidthC; end
              4'd2: begin bits_d = x_bits_i; fsel_d = 2'd1; last_vals_d = WidthC; vpv_d = WidthC; end
              4'd3: begin  // pass: slot = the input (0: x format, else p1), index = values per vector
                bits_d = (hdr[HdrSlotLsb +: HdrSlotBits] != 8'd0) ? p1_bits_i : x_bits_i;
                fsel_d = (hdr[HdrSlotLsb +: HdrSlotBits] != 8'd0) ? 2'd2 : 2'd1;
                vpv_d = hdr[HdrIndexLsb +: CntBits];
                last_vals_d = vpv_d;
              end
              4'd5: begin  // bias: index = biases in the block (the kb-set's channels)
                bits_d = w_bits_i; fsel_d = 2'd0; vpv_d = WidthC;
                hvals = hdr[HdrIndexLsb +: HdrIndexBits]
                        - ({12'd0, hdr[HdrLengthLsb +: HdrLengthBits]} - 1) * Width;
                last_vals_d = hvals[CntBits-1:0];
              end
              // layer header / end: no payload (length 0)
              default: begin bits_d = w_bits_i; last_vals_d = {CntBits{1'b0}}; vpv_d = WidthC; end
            endcase
            bpos_d = bpos_d + 64;
            if (hdr[HdrLengthLsb +: HdrLengthBits] == 20'd0) begin  // nothing follows: the block is done
              hdr_d = 1'b0;
              if (ileft_d == need) active_d = 1'b0;
            end
          end
          tok_v_d = 1'b0;
        end else begin
          last_vec = ({12'd0, vec_d} + 1) == {12'd0, len_d};
          vals = last_vec ? last_vals_d : vpv_d;
          vb = {{(32-CntBits){1'b0}}, vals} * {26'd0, lbits(bits_d)};
          // Bytes the vector adds to the consumed count: its bits after the partly consumed
          // byte before it (the model's ceil(values_end * bits / 8) - ceil(values * bits / 8)).
          pend = {29'd0, bpos_d[2:0]} + vb + 32'd7;
          need = (pend >> 3) - ((bpos_d[2:0] != 3'd0) ? 32'd1 : 32'd0);
          if (!(|(need >> RoomBits)) && avail_d >= need[RoomBits-1:0]) begin
            nr = need[RoomBits-1:0];
            emit = 1'b1;
            win = rot[RawBits-1:0];
            m = (lbits(bits_d) == 6'd32) ? 32'hffffffff : ((32'd1 << lbits(bits_d)) - 1);
            // Lane j holds bits [j*w +: w] of the window for the width w: one constant slice per
            // width and a selection by the width (not a window shifter per lane).
            wext = {{TokLane{1'b0}}, win};
            for (j = 0; j < Width; j = j + 1)
              if (j < vals) begin
                if (LaneBits != 0) lanes[j*TokLane +: TokLane] = wext[j*LaneBits +: TokLane] & m[TokLane-1:0];
                else
                  for (p = 1; p <= 32; p = p + 1)
                    if (bits_d == p[5:0]) lanes[j*TokLane +: TokLane] = wext[j*p +: TokLane] & m[TokLane-1:0];
              end
            tok_d = {TokBits{1'b0}};
            tok_d[TokTypeLsb +: TokTypeBits] = (type_d == 4'd5) ? 2'd0 : type_d[1:0];  // 0: bias
            tok_d[TokSlotLsb +: TokSlotBits] = slot_d;
            tok_d[TokVecLsb +: TokVecBits] = vec_d;
            tok_d[TokLenLsb +: TokLenBits] = len_d;
            tok_d[TokIndexLsb +: TokIndexBits] = index_d;
            tok_d[TokValuesLsb +: TokValuesBits] = {{(TokValuesBits-CntBits){1'b0}}, vals};
            tok_d[TokLastVecLsb] = last_vec;
            tok_d[TokLastBlockLsb] = last_vec && (ileft_d == {{(32-RoomBits){1'b0}}, nr});
            tok_d[TokFmtLsb +: TokFmtBits] = fsel_d;
            tok_d[TokDataLsb +: VecBits] = lanes;
            vec_d = vec_d + 1;
            bpos_d = bpos_d + vb[BufShift-1:0];
            if (last_vec) begin  // the next header starts at the next whole byte
              bpos_d = ((bpos_d + 7) >> 3) << 3;
              hdr_d = 1'b0;
              if (ileft_d == {{(32-RoomBits){1'b0}}, nr}) active_d = 1'b0;
            end
          end
          tok_v_d = emit;
        end
        avail_d = avail_d - nr;
        room_d = room_d + nr;
        // ileft_d - nr with nr < 2^RoomBits: only the low part subtracts; the high part is
        // either kept or the registered high part less one (a borrow), so the late nr does not
        // ripple through 32 bits (at a start edge nr is 0: nothing is delivered yet).
        ilo = {1'b0, ileft_d[RoomBits-1:0]} - {1'b0, nr};
        ileft_d = {ilo[RoomBits] ? ileft_hi_m1 : ileft_d[31:RoomBits], ilo[RoomBits-1:0]};
      end
    end else if (!tok_v_q || tok_ready_i) begin
      tok_v_d = 1'b0;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      active_q <= 1'b0; tok_v_q <= 1'b0; rq_q <= 16'd0; hdr_q <= 1'b0;
    end else begin
      active_q <= active_d; tok_v_q <= tok_v_d; rq_q <= rq_d; hdr_q <= hdr_d;
    end
  end
  always @(posedge clk_i) begin
    addr_q <= addr_d; left_q <= left_d; ileft_q <= ileft_d; room_q <= room_d; avail_q <= avail_d;
    outst_q <= outst_d; dslot_q <= dslot_d; bpos_q <= bpos_d;
    vec_q <= vec_d; type_q <= type_d; slot_q <= slot_d; len_q <= len_d; index_q <= index_d;
    bits_q <= bits_d; fsel_q <= fsel_d; last_vals_q <= last_vals_d;
    vpv_q <= vpv_d;
    buf_q <= buf_d;
    tok_q <= tok_d; raddr_q <= raddr_d;
  end

  assign active_o = active_q;
  assign rd_req_bursts_o = rq_q;
  assign rd_req_addr_o = raddr_q;
  assign tok_valid_o = tok_v_q;
  assign tok_o = tok_q;
endmodule
