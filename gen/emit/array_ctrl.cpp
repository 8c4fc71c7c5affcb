// edgesa_array_ctrl: the array unit around the systolic array (docs/architecture.md, units 4-6;
// sim/array/array_unit.cpp is the specification, edge for edge): the input FIFO of
// fifo.stream_depth vectors, the row-0 issue (a fill once, a stream vector G times, one slot per
// edge), the tile tracker (kb0, n0, group), accumulator ownership (a tile owns the banks from its
// first issue until the drain has read its last entry: the write-back stall), the tile-end delay
// line (rows + multiplier_stages + tree_stages edges after the last issue), the drain of
// act_pool.lanes entries per edge in (slot, row, column) order with each lane's bias code, and
// pass vectors forwarded to the drain channel when the banks are free. The tile end is not
// counted: the tile's last issue carries a tile-end tag bit through the array, and the drain
// starts the edge after the last row's accumulator write of that vector.
// Biases: a kb-set's bias vectors (token kind 0, codes as stored) pop in one edge each into one of
// two entries of buffer_depth * rows codes; a tile drains with the entry written last before it
// ended. Two entries always suffice: the next kb-set's biases follow all of this kb-set's stream
// vectors, whose first issue waited until the previous kb-set's last tile had drained
// (docs/architecture.md, "Biases").
#include "emitters.h"
#include "template.h"

#include <algorithm>

namespace edgesa::gen {

VerilogUnit emit_array_ctrl(const GenContext& ctx) {
    const auto& cfg = ctx.cfg;
    const char* text = R"(module edgesa_array_ctrl #(
  parameter integer Rows        = ${ROWS},
  parameter integer Width       = ${WIDTH},
  parameter integer OperandBits = ${OB},
  parameter integer SumBits     = ${SB},
  parameter integer SlotBits    = ${SLOTB},
  parameter integer RowBits     = ${ROWB},
  parameter integer AddrBits    = ${AB},
  parameter integer Lanes       = ${LANES},
  parameter integer FifoDepth   = ${FIFO},
  parameter integer TokBits     = ${TOKB},
  parameter integer BiasN       = ${BIASN},  // bias codes per entry: buffer_depth * rows
  parameter integer BeatLanes   = ${BLANES},  // value lanes of a beat: max(Lanes, Width)
  parameter integer BeatBits    = ${BEATB}
) (
  input  wire                   clk_i,
  input  wire                   rst_ni,
  // layer geometry (held for the whole layer)
  input  wire [15:0]            k_i,        // output channels per group
  input  wire [31:0]            n_i,        // columns (H_out * W_out, 1 for fc)
  input  wire [15:0]            kb_i,       // output blocks
  input  wire [15:0]            rb_i,       // reduction chunks
  input  wire [7:0]             g_i,        // blocks per group step (G)
  input  wire                   resident_i, // every weight block resident: slot = kb * RB + rb
  // vectors from the decompressor bank
  input  wire                   in_valid_i,
  output wire                   in_ready_o,
  input  wire [TokBits-1:0]     in_tok_i,
  // drain channel to the act/pool bank
  output wire                   dr_valid_o,
  input  wire                   dr_ready_i,
  output wire [BeatBits-1:0]    dr_beat_o,
  output wire                   busy_o
);
  `include "edgesa_hw_params.vh"
  generate
    if (TokBits != TokDataLsb + HwTokLaneBits * Width || BeatLanes < Width || BeatLanes < Lanes
        || BeatBits != BeatValuesLsb + HwValBits * BeatLanes + HwBiasBits * Lanes || BeatBiasLsb != BeatValuesLsb + HwValBits * BeatLanes
        || RowBits < 1 || (1 << RowBits) < Rows || SlotBits < 1 || AddrBits < 1)
      begin : gen_illegal_params
        edgesa_illegal_parameters_array_ctrl u_illegal ();
      end
  endgenerate
  localparam integer TagBits = AddrBits + 2;  // {tile end, first chunk, entry}

  localparam integer FifoCountBits = $clog2(FifoDepth + 1);
  localparam [FifoCountBits-1:0] Full = FifoDepth[FifoCountBits-1:0];
  wire [TokBits-1:0]       fifo_head;
  wire [FifoCountBits-1:0] cnt_q;
  reg                      pop;
  wire push = in_valid_i && (cnt_q != Full);
  edgesa_fifo #(.DataBits(TokBits), .Depth(FifoDepth), .CountBits(FifoCountBits)) u_fifo (
    .clk_i(clk_i), .rst_ni(rst_ni), .push_i(push), .data_i(in_tok_i), .pop_i(pop),
    .head_o(fifo_head), .count_o(cnt_q)
  );
  reg [7:0]  iidx_q, iidx_d;
  reg        in_use_q, in_use_d;
  // Counts sized by the config's bounds, not 32-bit: a tile has fewer than 2^ValBits values
  // (valid rows x L, L <= accumulator.depth), a drain cursor fewer than 2^TokSlotBits slots, Rows
  // rows and 2^AddrBits columns, and a kb index stays below KB + G < 2^17 (16-bit KB, 8-bit G).
  localparam integer ValBits = AddrBits + RowBits + 1;
  localparam integer CurGBits = TokSlotBits + 1;
  localparam integer CurRBits = RowBits + 1;
  localparam integer CurCBits = AddrBits + 1;
  localparam integer KbBits = 18;
  reg [ValBits-1:0]  left_q, left_d;
  reg [CurGBits-1:0] dg_q, dg_d;             // drain cursor: slot, row, column
  reg [CurRBits-1:0] dr_q, dr_d;
  reg [CurCBits-1:0] dc_q, dc_d;
  // Running products instead of multipliers: the drain slot's first entry (dg * lt) and the
  // issue's entry base (iidx * L), each advanced by an addition when its index steps.
  reg [AddrBits-1:0] dgb_q, dgb_d, ibase_q, ibase_d;
  // K - kb * Rows of the drain's and of the ended tile's group (0 when negative): each group's
  // valid rows are min(Rows, that), and the next group's is Rows less, so the drain steps it
  // instead of multiplying kb by Rows for every lane
  reg [15:0]         d_krem_q, d_krem_d;
  reg [CurCBits-1:0] d_lt_q, d_lt_d;
  reg        d_last_q, d_last_d;
  reg        bwe_q, bwe_d;                 // bias entry the next bias block writes
  reg        t_be_q, t_be_d, d_be_q, d_be_d; // bias entry of the ended tile / of the drain
  // Biases (HwBiasBits each): a memory of bias vectors (Width biases each), entry e's vector v at {e, v}; one
  // write port (a bias vector per edge) and a read port per drain lane, so yosys maps it to LUT
  // RAM instead of 2 * BiasN code registers with a multiplexer per lane.
  localparam integer BRows = (BiasN + Width - 1) / Width;  // bias vectors per entry
  localparam integer BRowBits = (BRows > 1) ? $clog2(BRows) : 1;
  localparam integer BCodeBits = (BiasN > 1) ? $clog2(BiasN) : 1;  // a code index in its entry
  reg [Width*HwBiasBits-1:0] bias_mem [0:(2 << BRowBits)-1];
  reg                  bias_we;
  reg [BRowBits:0]     bias_wa;
  reg [Width*HwBiasBits-1:0] bias_wd;  // the head's biases (fixed: operand raws; fp32: codes)
  integer bl;
  always @* begin
    for (bl = 0; bl < Width; bl = bl + 1)
      bias_wd[bl*HwBiasBits +: HwBiasBits] = fifo_head[TokDataLsb + bl*HwTokLaneBits +: HwBiasBits];
  end
  always @(posedge clk_i) begin
    if (bias_we) bias_mem[bias_wa] <= bias_wd;
  end
  reg [15:0]         t_krem_q, t_krem_d;
  reg [CurCBits-1:0] t_lt_q, t_lt_d;
  reg [ValBits-1:0]  t_vals_q, t_vals_d;
  reg        t_last_q, t_last_d;
  reg [KbBits-1:0]   i_kb0_q, i_kb0_d;
  reg [31:0]         i_n0_q, i_n0_d;
  reg        dv_q, dv_d;
  reg [BeatBits-1:0] beat_q, beat_d;

  // combinational temporaries
  reg        dr_free, fwd, tile_start, tile_end, vv, vfill, vfirst;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0] nn, g, kb, vr, k, sl, ad, gc, vk;
  /* verilator lint_on UNUSEDSIGNAL */
  reg [HwTokLaneBits-1:0] pv;  // a pass value, sign-extended into its HwValBits lane
  reg [RowBits-1:0]  vrow;
  reg [SlotBits-1:0] vslot;
  reg [AddrBits-1:0] vaddr;
  reg [Width*OperandBits-1:0] vdata;
  reg [Lanes*AddrBits-1:0] rd_addr;
  reg [TokBits-1:0] h;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [CurGBits-1:0] ag, cg;  // drain cursor temporaries (address block, drain)
  reg [CurRBits-1:0] avr, cr;
  reg [CurCBits-1:0] ak, ck;
  reg [AddrBits-1:0] agb, gb;
  reg [15:0]         akr, ckr;  // the groups' K - kb * Rows (d_krem) as the cursors step
  reg [SlotBits-1:0] slk;
  /* verilator lint_on UNUSEDSIGNAL */
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0] bix;  // a lane's code index in the drain's bias entry: slot * Rows + row (< BiasN)
  /* verilator lint_on UNUSEDSIGNAL */
  reg [BCodeBits-1:0] bc;
  /* verilator lint_off UNUSEDSIGNAL */
  reg [31:0] brw, bcl;  // vector and position of a bias code (index < BiasN: low bits used)
  /* verilator lint_on UNUSEDSIGNAL */
  reg [Width*HwBiasBits-1:0] bvec;
  reg [HwBiasBits-1:0] bw;
  integer i, ia;  // one loop variable per always block (yosys treats them as registers)

  wire [Rows-1:0]         sum_valid;
  wire [Rows*TagBits-1:0] sum_tag;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [Rows*TagBits-1:0] sum_tag_next;  // the accumulators read its entry bits
  /* verilator lint_on UNUSEDSIGNAL */
  wire [Rows*SumBits-1:0] sums;
  edgesa_systolic_array #(.TagBits(TagBits)) u_array (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .vec_valid_i(vv), .vec_fill_i(vfill), .vec_row_i(vrow), .vec_slot_i(vslot),
    .vec_tag_i({tile_end, vfirst, vaddr}), .vec_data_i(vdata),
    .sum_valid_o(sum_valid), .sum_tag_o(sum_tag), .sum_tag_next_o(sum_tag_next), .sum_o(sums)
  );
  wire [Rows*Lanes*SumBits-1:0] acc_rd;
  genvar gr;
  generate
    for (gr = 0; gr < Rows; gr = gr + 1) begin : gen_acc
      // Synchronous RAM reads: the next edge's entry (the tag one stage early) and the next
      // edge's drain addresses (rd_addr, from the drain cursor's next state).
      edgesa_accumulator #(.Ports(Lanes), .SyncRead(1)) u_acc (
        .clk_i(clk_i), .rst_ni(rst_ni),
        .in_valid_i(sum_valid[gr]), .in_first_i(sum_tag[gr*TagBits + AddrBits]),
        .in_addr_i(sum_tag[gr*TagBits +: AddrBits]), .in_sum_i(sums[gr*SumBits +: SumBits]),
        .in_next_addr_i(sum_tag_next[gr*TagBits +: AddrBits]),
        .rd_addr_i(rd_addr), .rd_data_o(acc_rd[gr*Lanes*SumBits +: Lanes*SumBits])
      );
    end
  endgenerate

  // a tile's value count (valid rows x L <= Rows * accumulator.depth) by shift and add over the L
  // bits: an index count, so no DSP
  function automatic [ValBits-1:0] vals_mul(input [ValBits-1:0] a, input [AddrBits:0] b);
    integer m;
    begin
      vals_mul = {ValBits{1'b0}};
      for (m = 0; m <= AddrBits; m = m + 1)
        if (b[m]) vals_mul = vals_mul + (a << m);
    end
  endfunction

  // valid rows of a group with r = max(0, K - kb * Rows): min(Rows, r); the next group's r
  localparam [15:0] Rows16 = Rows[15:0];
  function automatic [CurRBits-1:0] krows(input [15:0] r);
    krows = (r < Rows16) ? r[CurRBits-1:0] : Rows[CurRBits-1:0];
  endfunction
  function automatic [15:0] knext(input [15:0] r);
    knext = (r > Rows16) ? r - Rows16 : 16'd0;
  endfunction

  // Drain read addresses of the next edge's beat (lane l: row, entry g * lt + column), from the
  // drain cursor's next state: the accumulators read them at this edge (synchronous RAM).
  always @* begin
    rd_addr = {(Lanes*AddrBits){1'b0}};
    ag = dg_d; avr = dr_d; ak = dc_d; agb = dgb_d; akr = d_krem_d;
    for (ia = 0; ia < Lanes; ia = ia + 1) begin
      rd_addr[ia*AddrBits +: AddrBits] = agb + ak[AddrBits-1:0];
      ak = ak + 1;
      if (ak == d_lt_d) begin
        ak = 0;
        avr = avr + 1;
        if (avr == krows(akr)) begin avr = 0; ag = ag + 1; akr = knext(akr); agb = agb + d_lt_d[AddrBits-1:0]; end
      end
    end
  end

  always @* begin
    pop = 1'b0;
    iidx_d = iidx_q; in_use_d = in_use_q; left_d = left_q;
    dg_d = dg_q; dr_d = dr_q; dc_d = dc_q; d_krem_d = d_krem_q; d_lt_d = d_lt_q;
    d_last_d = d_last_q; t_krem_d = t_krem_q; ckr = d_krem_q; t_lt_d = t_lt_q; t_vals_d = t_vals_q;
    t_last_d = t_last_q; i_kb0_d = i_kb0_q; i_n0_d = i_n0_q;
    cg = {CurGBits{1'b0}}; cr = {CurRBits{1'b0}}; ck = {CurCBits{1'b0}};
    dv_d = dv_q; beat_d = beat_q;
    bwe_d = bwe_q; t_be_d = t_be_q; d_be_d = d_be_q;
    bias_we = 1'b0; bias_wa = {(BRowBits + 1){1'b0}}; bc = {BCodeBits{1'b0}}; bvec = {(Width*HwBiasBits){1'b0}};
    brw = 0; bcl = 0;
    dgb_d = dgb_q; ibase_d = ibase_q; gb = dgb_q; slk = {SlotBits{1'b0}};
    fwd = 1'b0; tile_start = 1'b0; tile_end = 1'b0; vv = 1'b0; vfill = 1'b0; vfirst = 1'b0;
    nn = 0; g = 0; kb = 0; vr = 0; k = 0; sl = 0; ad = 0; gc = 0; vk = 0;
    bix = 0; bw = {HwBiasBits{1'b0}}; pv = {HwTokLaneBits{1'b0}};
    vrow = {RowBits{1'b0}}; vslot = {SlotBits{1'b0}}; vaddr = {AddrBits{1'b0}};
    h = fifo_head;
    vdata = {(Width*OperandBits){1'b0}};
    for (i = 0; i < Width; i = i + 1) vdata[i*OperandBits +: OperandBits] = h[TokDataLsb + i*HwTokLaneBits +: OperandBits];
    // 1. Drain (reads entries written at earlier edges).
    dr_free = !dv_q || dr_ready_i;
    if (dr_free && left_q != 0) begin
      nn = {{(32-ValBits){1'b0}}, left_q};
      if (nn > Lanes) nn = Lanes;
      beat_d = {BeatBits{1'b0}};
      beat_d[BeatCountLsb +: BeatCountBits] = nn[15:0];
      cg = dg_q; cr = dr_q; ck = dc_q;
      for (i = 0; i < Lanes; i = i + 1) begin
        if (i < nn) begin
          beat_d[BeatValuesLsb + i*HwValBits +: HwValBits] =
              {{(HwValBits-SumBits+1){acc_rd[(cr*Lanes + i)*SumBits + SumBits-1]}},
               acc_rd[(cr*Lanes + i)*SumBits +: SumBits-1]};
          // the lane's bias code: index slot * Rows + row of the drain's entry, in vector
          // index / Width at position index % Width
          bix = {{(32-CurGBits){1'b0}}, cg} * Rows + {{(32-CurRBits){1'b0}}, cr};
          bc = bix[BCodeBits-1:0];
          brw = {{(32-BCodeBits){1'b0}}, bc} / Width;
          bcl = {{(32-BCodeBits){1'b0}}, bc} % Width;
          bvec = bias_mem[{d_be_q, brw[BRowBits-1:0]}];
          bw = bvec[bcl*HwBiasBits +: HwBiasBits];
          beat_d[BeatBiasLsb + i*HwBiasBits +: HwBiasBits] = bw;
        end
        ck = ck + 1;
        if (ck == d_lt_q) begin
          ck = 0;
          cr = cr + 1;
          if (cr == krows(ckr)) begin cr = 0; cg = cg + 1; ckr = knext(ckr); gb = gb + d_lt_q[AddrBits-1:0]; end
        end
      end
      dg_d = cg; dr_d = cr; dc_d = ck; dgb_d = gb; d_krem_d = ckr;
      left_d = left_q - nn[ValBits-1:0];
      beat_d[BeatLastLsb] = (left_d == 0) && d_last_q;
      if (left_d == 0) in_use_d = 1'b0;
      dv_d = 1'b1;
      dr_free = 1'b0;
    end
    // 2. The last row of the tile's last issue writes its entry: the drain starts next edge.
    if (sum_valid[Rows-1] && sum_tag[(Rows-1)*TagBits + AddrBits + 1]) begin
      left_d = t_vals_q;
      d_krem_d = t_krem_q; d_lt_d = t_lt_q; d_last_d = t_last_q;
      d_be_d = t_be_q;
      dg_d = 0; dr_d = 0; dc_d = 0; dgb_d = {AddrBits{1'b0}};
      if (t_vals_q == 0) in_use_d = 1'b0;
    end
    // 3. A pass vector bypasses the array into the drain channel when the banks are free.
    if (dr_free && cnt_q != 0 && h[TokTypeLsb +: TokTypeBits] == 2'd3 && !in_use_d) begin
      beat_d = {BeatBits{1'b0}};
      beat_d[BeatCountLsb +: BeatCountBits] = h[TokValuesLsb +: TokValuesBits];
      beat_d[BeatLastLsb] = h[TokLastBlockLsb];
      beat_d[BeatPassLsb] = 1'b1;
      // lane by lane, each token lane sign-extended to HwValBits (fixed: operand raws)
      for (i = 0; i < Width; i = i + 1) begin
        pv = h[TokDataLsb + i*HwTokLaneBits +: HwTokLaneBits];
        beat_d[BeatValuesLsb + i*HwValBits +: HwValBits] = ${PV_X};
      end
      dv_d = 1'b1;
      fwd = 1'b1;
      pop = 1'b1;
    end
    if (dr_free && !fwd) dv_d = 1'b0;
    // 4. Row-0 issue.
    if (!fwd && cnt_q != 0) begin
      if (h[TokTypeLsb +: TokTypeBits] == 2'd1) begin  // fill: one issue, written into its row's slot as it passes
        vv = 1'b1; vfill = 1'b1;
        vrow = h[TokVecLsb +: RowBits];
        vslot = h[TokSlotLsb +: SlotBits];
        pop = 1'b1;
      end else if (h[TokTypeLsb +: TokTypeBits] == 2'd0) begin  // bias vector: codes vec * Width + j
        bias_we = 1'b1;
        bias_wa = {bwe_q, h[TokVecLsb +: BRowBits]};
        if (h[TokLastVecLsb]) bwe_d = !bwe_q;
        pop = 1'b1;
      end else if (h[TokTypeLsb +: TokTypeBits] == 2'd2) begin
        tile_start = (h[TokIndexLsb +: TokIndexBits] == 16'd0) && (h[TokVecLsb +: TokVecBits] == 20'd0) && (iidx_q == 8'd0);
        if (!(tile_start && in_use_d)) begin
          if (tile_start) in_use_d = 1'b1;
          g = {24'd0, iidx_q};
          kb = {{(32-KbBits){1'b0}}, i_kb0_q} + g;
          // the slot kb * RB + rb and the entry g * L + vec, modulo their widths (only the low
          // bits of the operands reach them)
          slk = kb[SlotBits-1:0] * rb_i[SlotBits-1:0] + h[TokIndexLsb +: SlotBits];
          sl = resident_i ? {{(32-SlotBits){1'b0}}, slk} : g;
          ad = {{(32-AddrBits){1'b0}}, ibase_q + h[TokVecLsb +: AddrBits]};
          vv = 1'b1;
          vfirst = h[TokIndexLsb +: TokIndexBits] == 16'd0;
          vslot = sl[SlotBits-1:0];
          vaddr = ad[AddrBits-1:0];
          iidx_d = iidx_q + 8'd1;
          ibase_d = ibase_q + h[TokLenLsb +: AddrBits];
          tile_end = ({16'd0, h[TokIndexLsb +: TokIndexBits]} + 1 == {16'd0, rb_i}) && h[TokLastVecLsb] && (iidx_d == h[TokSlotLsb +: TokSlotBits]);
          if (tile_end) begin
            gc = {24'd0, h[TokSlotLsb +: TokSlotBits]};
            t_lt_d = h[TokLenLsb +: CurCBits]; t_last_d = h[TokLastBlockLsb];
            t_be_d = !bwe_q;  // the entry the kb-set's biases went to
            kb = {{(32-KbBits){1'b0}}, i_kb0_q} * Rows;
            vk = ({16'd0, k_i} > kb) ? {16'd0, k_i} - kb : 0;
            t_krem_d = vk[15:0];
            vk = (gc * Rows < vk) ? gc * Rows : vk;  // valid rows of the tile (< 2^ValBits)
            t_vals_d = vals_mul(vk[ValBits-1:0], h[TokLenLsb +: AddrBits+1]);
            i_n0_d = i_n0_q + {12'd0, h[TokLenLsb +: TokLenBits]};
            if (i_n0_d >= n_i) begin
              i_n0_d = 0;
              i_kb0_d = i_kb0_q + {{(KbBits-8){1'b0}}, g_i};
              if (i_kb0_d >= {{(KbBits-16){1'b0}}, kb_i}) i_kb0_d = 0;
            end
          end
          if (iidx_d == h[TokSlotLsb +: TokSlotBits]) begin
            iidx_d = 8'd0;
            ibase_d = {AddrBits{1'b0}};
            pop = 1'b1;
          end
        end
      end
    end
  end

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      iidx_q <= 8'd0; in_use_q <= 1'b0; left_q <= 0;
      dv_q <= 1'b0; i_kb0_q <= 0; i_n0_q <= 0; bwe_q <= 1'b0;
      ibase_q <= {AddrBits{1'b0}};
    end else begin
      iidx_q <= iidx_d; in_use_q <= in_use_d; left_q <= left_d;
      dv_q <= dv_d; i_kb0_q <= i_kb0_d; i_n0_q <= i_n0_d; bwe_q <= bwe_d;
      ibase_q <= ibase_d;
    end
  end
  always @(posedge clk_i) begin
    dg_q <= dg_d; dr_q <= dr_d; dc_q <= dc_d; d_krem_q <= d_krem_d;
    d_lt_q <= d_lt_d; d_last_q <= d_last_d; t_krem_q <= t_krem_d;
    t_lt_q <= t_lt_d; t_vals_q <= t_vals_d; t_last_q <= t_last_d; beat_q <= beat_d;
    t_be_q <= t_be_d; d_be_q <= d_be_d; dgb_q <= dgb_d;
  end

  assign in_ready_o = (cnt_q != Full);
  assign dr_valid_o = dv_q;
  assign dr_beat_o = beat_q;
  assign busy_o = (cnt_q != 0) || in_use_q;
endmodule
)";
    return {
        "edgesa_array_ctrl",
        "array unit: stream FIFO, row-0 issue (G issues per vector), tile ownership, drain with "
        "bias codes, pass forwarding",
        subst(text, {{"ROWS", std::to_string(cfg.array.rows)},
                     {"WIDTH", std::to_string(cfg.array.width)},
                     {"OB", std::to_string(cfg.derived.operand_bits)},
                     {"SB", std::to_string(ctx.hw.sum_bits)},
                     {"SLOTB", std::to_string(ctx.hw.slot_bits)},
                     {"ROWB", std::to_string(ctx.hw.row_bits)},
                     {"AB", std::to_string(ctx.hw.acc_addr_bits)},
                     {"LANES", std::to_string(cfg.act_pool.lanes)},
                     {"BLANES", std::to_string(ctx.hw.beat_lanes)},
                     {"TOKB", std::to_string(ctx.hw.tok_bits)},
                     {"BEATB", std::to_string(ctx.hw.beat_bits)},
                     {"BIASN", std::to_string(ctx.hw.bias_entry)},
                     {"PV_X", sign_extend("pv", ctx.hw.tok_lane_bits, ctx.hw.val_bits)},
                     {"FIFO", std::to_string(cfg.fifo.stream_depth)}})};
}

}  // namespace edgesa::gen
