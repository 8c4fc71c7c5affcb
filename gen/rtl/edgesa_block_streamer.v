// edgesa_block_streamer: block streamer: descriptor start, burst read requests, header parsing, vector unpacking.
//
// The block streamer and memory read interface (docs/architecture.md,
// unit 2; sim/streamer/block_streamer.cpp is the specification, edge for edge). It takes a layer
// descriptor, reads the layer image in bursts under the same credit rule (read FIFO room and
// dram.max_outstanding), keeps the delivered bytes in a circular byte buffer, parses the 8-byte
// block headers (one edge each) and emits one vector per edge (weight row, stream vector, pass
// vector or bias vector) with its values unpacked from their storage width into right-aligned
// 32-bit lanes.

module edgesa_block_streamer #(
  parameter integer Width        = 4,
  parameter integer BurstBytes   = 8,
  parameter integer BurstShift   = 3,
  parameter integer RdMax        = 3,    // bursts the memory can deliver in one edge
  parameter integer BufBytes     = 64,   // circular read buffer (power of two >= FifoBytes)
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
  // layer start (fields latched at the transfer)
  input  wire                        start_i,
  input  wire [31:0]                 image_addr_i,
  input  wire [31:0]                 image_bytes_i,
  input  wire [5:0]                  w_bits_i,
  input  wire [FmtBits-1:0]          w_key_i,
  input  wire [5:0]                  x_bits_i,
  input  wire [FmtBits-1:0]          x_key_i,
  input  wire [5:0]                  p1_bits_i,      // pass blocks of the second input (add)
  input  wire [FmtBits-1:0]          p1_key_i,
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
        || BufBytes % BurstBytes != 0 || FmtBits != FmtWordBits || TokBits != TokDataLsb + 32 * Width)
      begin : gen_illegal_params
        edgesa_illegal_parameters_block_streamer u_illegal ();
      end
  endgenerate
  localparam integer BufBits = BufBytes * 8;
  localparam integer VecBits = Width * 32;
  localparam integer BurstBits = BurstBytes * 8;
  localparam integer BufBursts = BufBytes / BurstBytes;
  localparam integer BufShift = $clog2(BufBits);  // BufBits is a power of two
  localparam [5:0]   LaneBits6 = LaneBits[5:0];
  // block offsets in bits are multiples of 2^BlkShift (8-byte headers, whole-byte payloads)
  localparam integer BlkShift = (LaneBits != 0 && LaneBits % 8 == 0) ? LaneShift : 3;

  reg         active_q, active_d;
  reg [31:0]  img_addr_q, img_addr_d, img_bytes_q, img_bytes_d;
  reg [31:0]  total_q, total_d, req_q, req_d, del_q, del_d, cons_q, cons_d;
  reg [31:0]  blk_q, blk_d;           // image offset of the current block
  reg         hdr_q, hdr_d;           // header parsed
  reg [19:0]  vec_q, vec_d;
  reg [3:0]   type_q, type_d;
  reg [7:0]   slot_q, slot_d;
  reg [19:0]  len_q, len_d;
  reg [31:0]  index_q, index_d;
  reg [31:0]  vofs_q, vofs_d;             // values of the block before the current vector
  reg [5:0]   bits_q, bits_d;
  reg [FmtBits-1:0] key_q, key_d;
  reg [31:0]  last_vals_q, last_vals_d;   // values in the block's last vector
  reg [31:0]  vpv_q, vpv_d;               // values per vector (pass: the header's index)
  reg [5:0]   w_bits_q, w_bits_d, x_bits_q, x_bits_d, p1_bits_q, p1_bits_d;
  reg [FmtBits-1:0] w_key_q, w_key_d, x_key_q, x_key_d, p1_key_q, p1_key_d;
  reg [BufBits-1:0]     buf_q, buf_d;
  reg [15:0]  rq_d, rq_q;
  reg [31:0]  raddr_d, raddr_q;
  reg         tok_v_q, tok_v_d;
  reg [TokBits-1:0] tok_q, tok_d;

  // combinational temporaries
  reg [31:0]  o, have, need, lim, n, vals_end, vals;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [2*BufBits-1:0] rot;
  reg [31:0]  bitpos;  // only its low BufShift bits address the buffer
  reg [VecBits-1:0] wsh;
  /* verilator lint_on UNUSEDSIGNAL */
  reg [63:0]  hdr;
  reg [VecBits-1:0] win, lanes;
  reg [31:0]  m;
  reg         last_vec, emit;
  integer j, p;

  // the storage width of a tensor: a constant when storage.lane_bits fixes it
  function automatic [5:0] lbits(input [5:0] bits);
    lbits = (LaneBits != 0) ? LaneBits6 : bits;
  endfunction
  function automatic [31:0] pbytes(input [31:0] values, input [5:0] bits);
    pbytes = (values * lbits(bits) + 32'd7) >> 3;
  endfunction
  // a buffer bit offset whose low `sh` bits are known to be zero
  function automatic [BufShift-1:0] aligned(input [BufShift-1:0] pos, input integer sh);
    aligned = (pos >> sh) << sh;
  endfunction

  always @* begin
    active_d = active_q; img_addr_d = img_addr_q; img_bytes_d = img_bytes_q; total_d = total_q;
    req_d = req_q; del_d = del_q; cons_d = cons_q; blk_d = blk_q; hdr_d = hdr_q; vec_d = vec_q;
    type_d = type_q; slot_d = slot_q; len_d = len_q; index_d = index_q; vofs_d = vofs_q;
    bits_d = bits_q; key_d = key_q; last_vals_d = last_vals_q; vpv_d = vpv_q;
    w_bits_d = w_bits_q; x_bits_d = x_bits_q;
    p1_bits_d = p1_bits_q; w_key_d = w_key_q; x_key_d = x_key_q; p1_key_d = p1_key_q;
    buf_d = buf_q; tok_v_d = tok_v_q; tok_d = tok_q;
    rq_d = 16'd0; raddr_d = raddr_q;
    o = 0; have = 0; need = 0; wsh = {VecBits{1'b0}}; lim = 0; n = 0; vals_end = 0; vals = 0; bitpos = 0;
    rot = {(2*BufBits){1'b0}}; hdr = 64'd0; win = {VecBits{1'b0}}; lanes = {VecBits{1'b0}};
    m = 0; last_vec = 1'b0; emit = 1'b0;
    j = 0; p = 0;  // loop variables: assigned on every path (no latch)
    // Delivered bursts go into the circular buffer.
    if (active_q) begin
      // Burst j of this edge is burst del_q + j of the image: it fills buffer slot
      // (del_q + j) % BufBursts. Every index below is a constant, so no variable-position write
      // (yosys builds no wide demultiplexer).
      for (j = 0; j < RdMax; j = j + 1)
        if (j < {16'd0, rd_data_bursts_i}) begin
          o = del_q + j;
          for (p = 0; p < BufBursts; p = p + 1)
            if ((o & (BufBursts - 1)) == p)
              buf_d[p*BurstBits +: BurstBits] = rd_data_i[j*BurstBits +: BurstBits];
        end
      del_d = del_q + {16'd0, rd_data_bursts_i};
    end
    // Layer start.
    if (!active_q && start_i) begin
      active_d = 1'b1;
      img_addr_d = image_addr_i; img_bytes_d = image_bytes_i;
      total_d = (image_bytes_i + BurstBytes - 1) >> BurstShift;
      req_d = 0; del_d = 0; cons_d = 0; blk_d = 0; hdr_d = 1'b0; vec_d = 0;
      w_bits_d = w_bits_i; w_key_d = w_key_i; x_bits_d = x_bits_i;
      x_key_d = x_key_i; p1_bits_d = p1_bits_i; p1_key_d = p1_key_i;
    end
    if (active_d) begin
      // Read requests: credit from the read FIFO room and max_outstanding.
      lim = (FifoBytes + cons_d) >> BurstShift;
      n = total_d - req_d;
      if (lim < req_d) n = 0;
      else if (lim - req_d < n) n = lim - req_d;
      if (MaxOut - (req_d - del_d) < n) n = MaxOut - (req_d - del_d);
      rq_d = n[15:0];
      raddr_d = img_addr_d + (req_d << BurstShift);
      req_d = req_d + n;
      // At most one header or vector per edge, when the output register is free.
      if (!tok_v_q || tok_ready_i) begin
        have = del_d << BurstShift;
        // One rotator serves the header and the vector window (never both at one edge): the
        // block's offset before its header is parsed, the vector's bit position after.
        bitpos = (blk_d + 8) * 8 + vofs_d * {26'd0, lbits(bits_d)};
        rot = {buf_d, buf_d} >> (hdr_d ? aligned(bitpos[BufShift-1:0], LaneShift)
                                        : aligned({blk_d[BufShift-4:0], 3'd0}, BlkShift));
        hdr = rot[63:0];
        if (!hdr_d) begin
          need = blk_d + 8;
          if (have >= need) begin
            cons_d = need;
            hdr_d = 1'b1;
            vec_d = 0;
            type_d = hdr[HdrTypeLsb +: HdrTypeBits];
            slot_d = hdr[HdrSlotLsb +: HdrSlotBits];
            len_d = hdr[HdrLengthLsb +: HdrLengthBits];
            index_d = hdr[HdrIndexLsb +: HdrIndexBits];
            case (hdr[HdrTypeLsb +: HdrTypeBits])
              4'd1: begin bits_d = w_bits_d; key_d = w_key_d; last_vals_d = Width; vpv_d = Width; end
              4'd2: begin bits_d = x_bits_d; key_d = x_key_d; last_vals_d = Width; vpv_d = Width; end
              4'd3: begin  // pass: slot bit 0 = the second input's format, index = values per vector
                bits_d = hdr[HdrSlotLsb] ? p1_bits_d : x_bits_d;
                key_d = hdr[HdrSlotLsb] ? p1_key_d : x_key_d;
                vpv_d = {16'd0, hdr[HdrIndexLsb +: 16]};
                last_vals_d = vpv_d;
              end
              4'd5: begin  // bias: index = biases in the block (the kb-set's channels)
                bits_d = w_bits_d; key_d = w_key_d; vals = hdr[HdrIndexLsb +: HdrIndexBits]; vpv_d = Width;
                last_vals_d = vals - ({12'd0, hdr[HdrLengthLsb +: HdrLengthBits]} - 1) * Width;
              end
              // layer header / end: no payload (length 0)
              default: begin bits_d = w_bits_d; last_vals_d = 0; vpv_d = Width; end
            endcase
            // The block's size is where its last vector ends (no multiplication by the length):
            // the last vector's `need` below, or the 8 header bytes when nothing follows.
            vofs_d = 0;
            if (hdr[HdrLengthLsb +: HdrLengthBits] == 20'd0) begin  // nothing follows: the block is done
              blk_d = blk_d + 8;
              hdr_d = 1'b0;
              if (blk_d == img_bytes_d) active_d = 1'b0;
            end
          end
          tok_v_d = 1'b0;
        end else begin
          last_vec = ({12'd0, vec_d} + 1) == {12'd0, len_d};
          vals_end = vofs_d + (last_vec ? last_vals_d : vpv_d);
          need = blk_d + 8 + pbytes(vals_end, bits_d);
          if (have >= need) begin
            cons_d = need;
            emit = 1'b1;
            win = rot[VecBits-1:0];
            m = (lbits(bits_d) == 6'd32) ? 32'hffffffff : ((32'd1 << lbits(bits_d)) - 1);
            vals = last_vec ? last_vals_d : vpv_d;
            for (j = 0; j < Width; j = j + 1)
              if (j < vals) begin
                wsh = win >> (j * lbits(bits_d));
                lanes[j*32 +: 32] = wsh[31:0] & m;
              end
            tok_d = {TokBits{1'b0}};
            tok_d[TokTypeLsb +: TokTypeBits] = (type_d == 4'd5) ? 2'd0 : type_d[1:0];  // 0: bias
            tok_d[TokSlotLsb +: TokSlotBits] = slot_d;
            tok_d[TokVecLsb +: TokVecBits] = vec_d;
            tok_d[TokLenLsb +: TokLenBits] = len_d;
            tok_d[TokIndexLsb +: TokIndexBits] = index_d[15:0];
            tok_d[TokValuesLsb +: TokValuesBits] = vals[15:0];
            tok_d[TokLastVecLsb] = last_vec;
            tok_d[TokLastBlockLsb] = last_vec && (need == img_bytes_d);
            tok_d[TokKeyLsb +: TokKeyBits] = key_d;
            tok_d[TokDataLsb +: VecBits] = lanes;
            vec_d = vec_d + 1;
            vofs_d = vals_end;
            if (last_vec) begin
              blk_d = need;
              hdr_d = 1'b0;
              if (blk_d == img_bytes_d) active_d = 1'b0;
            end
          end
          tok_v_d = emit;
        end
      end
    end else if (!tok_v_q || tok_ready_i) begin
      tok_v_d = 1'b0;
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      active_q <= 1'b0; tok_v_q <= 1'b0; rq_q <= 16'd0; req_q <= 0; del_q <= 0; cons_q <= 0;
      hdr_q <= 1'b0;
    end else begin
      active_q <= active_d; tok_v_q <= tok_v_d; rq_q <= rq_d; req_q <= req_d; del_q <= del_d;
      cons_q <= cons_d; hdr_q <= hdr_d;
    end
  end
  always @(posedge clk_i) begin
    img_addr_q <= img_addr_d; img_bytes_q <= img_bytes_d; total_q <= total_d; blk_q <= blk_d;
    vec_q <= vec_d; type_q <= type_d; slot_q <= slot_d; len_q <= len_d; index_q <= index_d;
    vofs_q <= vofs_d; bits_q <= bits_d; key_q <= key_d; last_vals_q <= last_vals_d;
    vpv_q <= vpv_d;
    w_bits_q <= w_bits_d; x_bits_q <= x_bits_d; p1_bits_q <= p1_bits_d; w_key_q <= w_key_d;
    x_key_q <= x_key_d; p1_key_q <= p1_key_d; buf_q <= buf_d;
    tok_q <= tok_d; raddr_q <= raddr_d;
  end

  assign active_o = active_q;
  assign rd_req_bursts_o = rq_q;
  assign rd_req_addr_o = raddr_q;
  assign tok_valid_o = tok_v_q;
  assign tok_o = tok_q;
endmodule
