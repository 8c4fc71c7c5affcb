// edgesa_axi_top: AXI wrapper of edgesa_top: AXI4 master for the memory port, AXI4-Lite register slave for the descriptor, start, status and interrupt.
//
// docs/fpga.md ("AXI top") has the register map and the cycle relation; docs/rtl-interface.md
// ("AXI") the mapping. The top's memory port is credit based with no ready, so this wrapper takes
// every request the top writes:
// - a read request (rd_req_bursts_o bursts from rd_req_addr_o) goes to the AR register at once
//   when nothing waits, else into a queue of dram.max_outstanding requests (the top never has
//   more in flight), and leaves as INCR AR bursts, split at 4 KB boundaries and at 256 beats;
//   RREADY is always 1 (the top's credit reserved room
//   for every burst it asked for), AxiBeats R beats make one burst, presented to the top as
//   rd_data_bursts_i = 1 at the next edge;
// - a write request and its data (the top does not hold them) wait in a queue of fifo.write_depth
//   requests (the top's write credit) and leave as AW bursts (split like the reads) and W beats
//   (after their AW handshake); a B returns its AW burst's bursts on wr_done_bursts_i at the
//   next edge.
// Every AXI output is a register. The ports are declared after the `include (non-ANSI style) so
// that their widths come from the design's edgesa_hw_params.vh: this file is the same in every
// design. The X_INTERFACE attributes let Vivado's IP integrator infer the two bus interfaces.
//
// Library unit (gen/rtl/, docs/hardware.md): edgesa gen copies it with the design's banner.
module edgesa_axi_top (
  clk_i, rst_ni, irq_o,
  s_axil_awaddr_i, s_axil_awvalid_i, s_axil_awready_o,
  s_axil_wdata_i, s_axil_wvalid_i, s_axil_wready_o,
  s_axil_bresp_o, s_axil_bvalid_o, s_axil_bready_i,
  s_axil_araddr_i, s_axil_arvalid_i, s_axil_arready_o,
  s_axil_rdata_o, s_axil_rresp_o, s_axil_rvalid_o, s_axil_rready_i,
  m_axi_araddr_o, m_axi_arlen_o, m_axi_arsize_o, m_axi_arburst_o, m_axi_arcache_o,
  m_axi_arprot_o, m_axi_arvalid_o, m_axi_arready_i,
  m_axi_rdata_i, m_axi_rresp_i, m_axi_rlast_i, m_axi_rvalid_i, m_axi_rready_o,
  m_axi_awaddr_o, m_axi_awlen_o, m_axi_awsize_o, m_axi_awburst_o, m_axi_awcache_o,
  m_axi_awprot_o, m_axi_awvalid_o, m_axi_awready_i,
  m_axi_wdata_o, m_axi_wstrb_o, m_axi_wlast_o, m_axi_wvalid_o, m_axi_wready_i,
  m_axi_bresp_i, m_axi_bvalid_i, m_axi_bready_o
);
  `include "edgesa_hw_params.vh"
  localparam integer AW = AxiLiteAddrBits;
  localparam integer DW = AxiDataBits;
  localparam integer BurstBits = HwBurstBytes * 8;
  localparam integer RdBits = HwRdMax * BurstBits;
  localparam integer WrBits = HwWrPort * BurstBits;
  localparam integer ReqBits = MemAddrBits + MemBurstCountBits;  // {bursts, addr}

  (* X_INTERFACE_INFO = "xilinx.com:signal:clock:1.0 clk_i CLK" *)
  (* X_INTERFACE_PARAMETER = "ASSOCIATED_BUSIF m_axi:s_axil, ASSOCIATED_RESET rst_ni" *)
  input  wire clk_i;
  (* X_INTERFACE_INFO = "xilinx.com:signal:reset:1.0 rst_ni RST" *)
  (* X_INTERFACE_PARAMETER = "POLARITY ACTIVE_LOW" *)
  input  wire rst_ni;
  (* X_INTERFACE_INFO = "xilinx.com:signal:interrupt:1.0 irq_o INTERRUPT" *)
  (* X_INTERFACE_PARAMETER = "SENSITIVITY LEVEL_HIGH" *)
  output wire irq_o;  // STATUS.done and CTRL.irq_en, registered

  // AXI4-Lite slave: 32-bit registers (AxiReg* in edgesa_hw_params.vh), no WSTRB (whole words)
  /* verilator lint_off UNUSEDSIGNAL */  // the byte-in-word address bits
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil AWADDR" *)
  (* X_INTERFACE_PARAMETER = "PROTOCOL AXI4LITE" *)
  input  wire [AW-1:0] s_axil_awaddr_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil ARADDR" *)
  input  wire [AW-1:0] s_axil_araddr_i;
  /* verilator lint_on UNUSEDSIGNAL */
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil AWVALID" *)
  input  wire          s_axil_awvalid_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil AWREADY" *)
  output wire          s_axil_awready_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil WDATA" *)
  input  wire [31:0]   s_axil_wdata_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil WVALID" *)
  input  wire          s_axil_wvalid_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil WREADY" *)
  output wire          s_axil_wready_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil BRESP" *)
  output wire [1:0]    s_axil_bresp_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil BVALID" *)
  output wire          s_axil_bvalid_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil BREADY" *)
  input  wire          s_axil_bready_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil ARVALID" *)
  input  wire          s_axil_arvalid_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil ARREADY" *)
  output wire          s_axil_arready_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil RDATA" *)
  output wire [31:0]   s_axil_rdata_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil RRESP" *)
  output wire [1:0]    s_axil_rresp_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil RVALID" *)
  output wire          s_axil_rvalid_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 s_axil RREADY" *)
  input  wire          s_axil_rready_i;

  // AXI4 master: no IDs (one ID, responses in order), INCR bursts of AxiDataBits-bit beats
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARADDR" *)
  (* X_INTERFACE_PARAMETER = "PROTOCOL AXI4, MAX_BURST_LENGTH 256" *)
  output wire [31:0]   m_axi_araddr_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARLEN" *)
  output wire [7:0]    m_axi_arlen_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARSIZE" *)
  output wire [2:0]    m_axi_arsize_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARBURST" *)
  output wire [1:0]    m_axi_arburst_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARCACHE" *)
  output wire [3:0]    m_axi_arcache_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARPROT" *)
  output wire [2:0]    m_axi_arprot_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARVALID" *)
  output wire          m_axi_arvalid_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi ARREADY" *)
  input  wire          m_axi_arready_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi RDATA" *)
  input  wire [DW-1:0] m_axi_rdata_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi RRESP" *)
  input  wire [1:0]    m_axi_rresp_i;
  /* verilator lint_off UNUSEDSIGNAL */  // the beat count is known from ARLEN
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi RLAST" *)
  input  wire          m_axi_rlast_i;
  /* verilator lint_on UNUSEDSIGNAL */
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi RVALID" *)
  input  wire          m_axi_rvalid_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi RREADY" *)
  output wire          m_axi_rready_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWADDR" *)
  output wire [31:0]   m_axi_awaddr_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWLEN" *)
  output wire [7:0]    m_axi_awlen_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWSIZE" *)
  output wire [2:0]    m_axi_awsize_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWBURST" *)
  output wire [1:0]    m_axi_awburst_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWCACHE" *)
  output wire [3:0]    m_axi_awcache_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWPROT" *)
  output wire [2:0]    m_axi_awprot_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWVALID" *)
  output wire          m_axi_awvalid_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi AWREADY" *)
  input  wire          m_axi_awready_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi WDATA" *)
  output wire [DW-1:0] m_axi_wdata_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi WSTRB" *)
  output wire [DW/8-1:0] m_axi_wstrb_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi WLAST" *)
  output wire          m_axi_wlast_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi WVALID" *)
  output wire          m_axi_wvalid_o;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi WREADY" *)
  input  wire          m_axi_wready_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi BRESP" *)
  input  wire [1:0]    m_axi_bresp_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi BVALID" *)
  input  wire          m_axi_bvalid_i;
  (* X_INTERFACE_INFO = "xilinx.com:interface:aximm:1.0 m_axi BREADY" *)
  output wire          m_axi_bready_o;

  // Bursts of the memory port from `addr` that one AXI burst may carry: up to the next 4 KB
  // boundary (bursts are aligned, HwBurstBytes <= 4096) and at most AxiChunkBursts (256 beats).
  /* verilator lint_off UNUSEDSIGNAL */  // only the address within its 4 KB page matters
  function [15:0] chunk_bursts;
    input [31:0] addr;
    input [15:0] left;
    reg   [12:0] room;
    begin
      room = (13'h1000 - {1'b0, addr[11:0]}) >> HwBurstShift;
      chunk_bursts = left;
      if ({3'b000, room} < chunk_bursts) chunk_bursts = {3'b000, room};
      if (AxiChunkBursts < chunk_bursts) chunk_bursts = AxiChunkBursts[15:0];
    end
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */
  // ARLEN/AWLEN of a chunk of `bursts` bursts.
  /* verilator lint_off UNUSEDSIGNAL */  // a chunk has at most 256 beats
  function [7:0] axi_len;
    input [15:0] bursts;
    reg   [15:0] beats;
    begin
      beats = bursts * AxiBeats[15:0] - 16'd1;
      axi_len = beats[7:0];
    end
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // ---------------------------------------------------------------------------------------------
  // The accelerator.
  wire                          desc_ready;
  wire                          top_done;
  wire [MemBurstCountBits-1:0]  rd_req_bursts, wr_req_bursts;
  wire [MemAddrBits-1:0]        rd_req_addr, wr_req_addr;
  wire [WrBits-1:0]             wr_req_data;
  wire [RdBits-1:0]             rd_data;
  reg                           rd_bursts_q;  // one burst per edge at most
  reg  [BurstBits-1:0]          rd_burst_q;
  reg  [MemBurstCountBits-1:0]  wr_done_q;

  // AXI4-Lite registers (their offsets, widths and bits: edgesa_hw_params.vh)
  reg                           start_q, active_q, done_q, err_q, irq_en_q, irq_q;
  reg  [31:0]                   cnt_q, cycles_q;
  reg  [DescImageAddrBits-1:0]  d_image_addr_q;
  reg  [DescImageBytesBits-1:0] d_image_bytes_q;
  reg  [DescOutAddrBits-1:0]    d_out_addr_q;
  reg  [DescKBits-1:0]          d_k_q;
  reg  [DescNBits-1:0]          d_n_q;
  reg  [DescKbBits-1:0]         d_kb_q;
  reg  [DescRbBits-1:0]         d_rb_q;
  reg  [DescGBits-1:0]          d_g_q;
  reg  [DescResidentBits-1:0]   d_resident_q;
  reg  [DescHasBiasBits-1:0]    d_has_bias_q;
  reg  [DescActBits-1:0]        d_act_q;
  reg  [DescWFmtBits-1:0]       d_w_fmt_q;
  reg  [DescXFmtBits-1:0]       d_x_fmt_q;
  reg  [DescP1FmtBits-1:0]      d_p1_fmt_q;
  reg  [DescOFmtBits-1:0]       d_o_fmt_q;
  reg  [DescPoolOpBits-1:0]     d_pool_op_q;
  reg  [DescPoolCountBits-1:0]  d_pool_count_q;
  reg  [DescPoolScaleBits-1:0]  d_pool_scale_q;
  reg  [DescPoolRecipBits-1:0]  d_pool_recip_q;

  assign rd_data[BurstBits-1:0] = rd_burst_q;
  generate
    if (HwRdMax > 1) begin : gen_rd_pad
      assign rd_data[RdBits-1:BurstBits] = {(RdBits - BurstBits){1'b0}};
    end
  endgenerate

  edgesa_top u_top (
    .clk_i              (clk_i),
    .rst_ni             (rst_ni),
    .desc_valid_i       (start_q),
    .desc_ready_o       (desc_ready),
    .desc_image_addr_i  (d_image_addr_q),
    .desc_image_bytes_i (d_image_bytes_q),
    .desc_out_addr_i    (d_out_addr_q),
    .desc_k_i           (d_k_q),
    .desc_n_i           (d_n_q),
    .desc_kb_i          (d_kb_q),
    .desc_rb_i          (d_rb_q),
    .desc_g_i           (d_g_q),
    .desc_resident_i    (d_resident_q),
    .desc_has_bias_i    (d_has_bias_q),
    .desc_act_i         (d_act_q),
    .desc_w_fmt_i       (d_w_fmt_q),
    .desc_x_fmt_i       (d_x_fmt_q),
    .desc_p1_fmt_i      (d_p1_fmt_q),
    .desc_o_fmt_i       (d_o_fmt_q),
    .desc_pool_op_i     (d_pool_op_q),
    .desc_pool_count_i  (d_pool_count_q),
    .desc_pool_scale_i  (d_pool_scale_q),
    .desc_pool_recip_i  (d_pool_recip_q),
    .done_o             (top_done),
    .rd_req_bursts_o    (rd_req_bursts),
    .rd_req_addr_o      (rd_req_addr),
    .rd_data_bursts_i   ({{(MemBurstCountBits - 1){1'b0}}, rd_bursts_q}),
    .rd_data_i          (rd_data),
    .wr_req_bursts_o    (wr_req_bursts),
    .wr_req_addr_o      (wr_req_addr),
    .wr_req_data_o      (wr_req_data),
    .wr_done_bursts_i   (wr_done_q)
  );

  // ---------------------------------------------------------------------------------------------
  // AXI4-Lite slave. AWREADY/WREADY (one register) and ARREADY are one-edge pulses raised when
  // the request is waiting and no response is: a write takes the edge after both AWVALID and
  // WVALID are seen, its B follows at the next edge; a read likewise with R.
  reg         lite_wready_q, lite_bvalid_q, lite_arready_q, lite_rvalid_q;
  reg  [31:0] lite_rdata_q, rd_mux;
  wire        lite_wr = lite_wready_q && s_axil_awvalid_i && s_axil_wvalid_i;
  wire        lite_rd = lite_arready_q && s_axil_arvalid_i;
  wire [AW-1:0] waddr = {s_axil_awaddr_i[AW-1:2], 2'b00};
  wire [AW-1:0] raddr = {s_axil_araddr_i[AW-1:2], 2'b00};
  wire [31:0] wdata = s_axil_wdata_i;
  wire        wr_ctrl = lite_wr && (waddr == AxiRegCtrl[AW-1:0]);
  wire        wr_status = lite_wr && (waddr == AxiRegStatus[AW-1:0]);
  wire        taken = start_q && desc_ready;  // the descriptor transfer: the layer's start edge
  wire        bus_err = (m_axi_rvalid_i && (m_axi_rresp_i != 2'b00))
                     || (m_axi_bvalid_i && (m_axi_bresp_i != 2'b00));
  wire        done_d = top_done || (done_q && !(wr_status && wdata[StatusDoneLsb]));
  wire        irq_en_d = wr_ctrl ? wdata[CtrlIrqEnLsb] : irq_en_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lite_wready_q <= 1'b0;
      lite_bvalid_q <= 1'b0;
      lite_arready_q <= 1'b0;
      lite_rvalid_q <= 1'b0;
      lite_rdata_q <= 32'd0;
    end else begin
      lite_wready_q <= !lite_wready_q && s_axil_awvalid_i && s_axil_wvalid_i && !lite_bvalid_q;
      if (lite_wr) lite_bvalid_q <= 1'b1;
      else if (s_axil_bready_i) lite_bvalid_q <= 1'b0;
      lite_arready_q <= !lite_arready_q && s_axil_arvalid_i && !lite_rvalid_q;
      if (lite_rd) begin
        lite_rvalid_q <= 1'b1;
        lite_rdata_q <= rd_mux;
      end else if (s_axil_rready_i) begin
        lite_rvalid_q <= 1'b0;
      end
    end
  end
  assign s_axil_awready_o = lite_wready_q;
  assign s_axil_wready_o = lite_wready_q;
  assign s_axil_bresp_o = 2'b00;  // OKAY: unmapped words read 0 and ignore writes
  assign s_axil_bvalid_o = lite_bvalid_q;
  assign s_axil_arready_o = lite_arready_q;
  assign s_axil_rdata_o = lite_rdata_q;
  assign s_axil_rresp_o = 2'b00;
  assign s_axil_rvalid_o = lite_rvalid_q;

  // Control and status: CTRL.start drives desc_valid_i until the top takes the descriptor;
  // CYCLES counts the edges from that transfer to done_o (the top's end_cycle - start_cycle).
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      start_q <= 1'b0;
      active_q <= 1'b0;
      done_q <= 1'b0;
      err_q <= 1'b0;
      irq_en_q <= 1'b0;
      irq_q <= 1'b0;
      cnt_q <= 32'd0;
      cycles_q <= 32'd0;
    end else begin
      start_q <= (start_q && !taken) || (wr_ctrl && wdata[CtrlStartLsb]);
      if (taken) active_q <= 1'b1;
      else if (top_done) active_q <= 1'b0;
      done_q <= done_d;
      err_q <= bus_err || (err_q && !(wr_status && wdata[StatusErrLsb]));
      irq_en_q <= irq_en_d;
      irq_q <= irq_en_d && done_d;
      if (taken) cnt_q <= 32'd0;
      else if (active_q) cnt_q <= cnt_q + 32'd1;
      if (top_done) cycles_q <= cnt_q;
    end
  end
  assign irq_o = irq_q;

  // Descriptor registers: written whole (the field's low bits of WDATA).
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      d_image_addr_q <= {DescImageAddrBits{1'b0}};
      d_image_bytes_q <= {DescImageBytesBits{1'b0}};
      d_out_addr_q <= {DescOutAddrBits{1'b0}};
      d_k_q <= {DescKBits{1'b0}};
      d_n_q <= {DescNBits{1'b0}};
      d_kb_q <= {DescKbBits{1'b0}};
      d_rb_q <= {DescRbBits{1'b0}};
      d_g_q <= {DescGBits{1'b0}};
      d_resident_q <= {DescResidentBits{1'b0}};
      d_has_bias_q <= {DescHasBiasBits{1'b0}};
      d_act_q <= {DescActBits{1'b0}};
      d_w_fmt_q <= {DescWFmtBits{1'b0}};
      d_x_fmt_q <= {DescXFmtBits{1'b0}};
      d_p1_fmt_q <= {DescP1FmtBits{1'b0}};
      d_o_fmt_q <= {DescOFmtBits{1'b0}};
      d_pool_op_q <= {DescPoolOpBits{1'b0}};
      d_pool_count_q <= {DescPoolCountBits{1'b0}};
      d_pool_scale_q <= {DescPoolScaleBits{1'b0}};
      d_pool_recip_q <= {DescPoolRecipBits{1'b0}};
    end else if (lite_wr) begin
      if (waddr == AxiRegDescImageAddr[AW-1:0]) d_image_addr_q <= wdata[DescImageAddrBits-1:0];
      if (waddr == AxiRegDescImageBytes[AW-1:0]) d_image_bytes_q <= wdata[DescImageBytesBits-1:0];
      if (waddr == AxiRegDescOutAddr[AW-1:0]) d_out_addr_q <= wdata[DescOutAddrBits-1:0];
      if (waddr == AxiRegDescK[AW-1:0]) d_k_q <= wdata[DescKBits-1:0];
      if (waddr == AxiRegDescN[AW-1:0]) d_n_q <= wdata[DescNBits-1:0];
      if (waddr == AxiRegDescKb[AW-1:0]) d_kb_q <= wdata[DescKbBits-1:0];
      if (waddr == AxiRegDescRb[AW-1:0]) d_rb_q <= wdata[DescRbBits-1:0];
      if (waddr == AxiRegDescG[AW-1:0]) d_g_q <= wdata[DescGBits-1:0];
      if (waddr == AxiRegDescResident[AW-1:0]) d_resident_q <= wdata[DescResidentBits-1:0];
      if (waddr == AxiRegDescHasBias[AW-1:0]) d_has_bias_q <= wdata[DescHasBiasBits-1:0];
      if (waddr == AxiRegDescAct[AW-1:0]) d_act_q <= wdata[DescActBits-1:0];
      if (waddr == AxiRegDescWFmt[AW-1:0]) d_w_fmt_q <= wdata[DescWFmtBits-1:0];
      if (waddr == AxiRegDescXFmt[AW-1:0]) d_x_fmt_q <= wdata[DescXFmtBits-1:0];
      if (waddr == AxiRegDescP1Fmt[AW-1:0]) d_p1_fmt_q <= wdata[DescP1FmtBits-1:0];
      if (waddr == AxiRegDescOFmt[AW-1:0]) d_o_fmt_q <= wdata[DescOFmtBits-1:0];
      if (waddr == AxiRegDescPoolOp[AW-1:0]) d_pool_op_q <= wdata[DescPoolOpBits-1:0];
      if (waddr == AxiRegDescPoolCount[AW-1:0]) d_pool_count_q <= wdata[DescPoolCountBits-1:0];
      if (waddr == AxiRegDescPoolScale[AW-1:0]) d_pool_scale_q <= wdata[DescPoolScaleBits-1:0];
      if (waddr == AxiRegDescPoolRecip[AW-1:0]) d_pool_recip_q <= wdata[DescPoolRecipBits-1:0];
    end
  end

  always @* begin
    rd_mux = 32'd0;
    if (raddr == AxiRegCtrl[AW-1:0]) begin
      rd_mux[CtrlStartLsb] = start_q;
      rd_mux[CtrlIrqEnLsb] = irq_en_q;
    end
    if (raddr == AxiRegStatus[AW-1:0]) begin
      rd_mux[StatusBusyLsb] = start_q || active_q;
      rd_mux[StatusDoneLsb] = done_q;
      rd_mux[StatusErrLsb] = err_q;
    end
    if (raddr == AxiRegCycles[AW-1:0]) rd_mux = cycles_q;
    if (raddr == AxiRegId[AW-1:0]) rd_mux = AxiLiteId;
    if (raddr == AxiRegDescImageAddr[AW-1:0]) rd_mux[DescImageAddrBits-1:0] = d_image_addr_q;
    if (raddr == AxiRegDescImageBytes[AW-1:0]) rd_mux[DescImageBytesBits-1:0] = d_image_bytes_q;
    if (raddr == AxiRegDescOutAddr[AW-1:0]) rd_mux[DescOutAddrBits-1:0] = d_out_addr_q;
    if (raddr == AxiRegDescK[AW-1:0]) rd_mux[DescKBits-1:0] = d_k_q;
    if (raddr == AxiRegDescN[AW-1:0]) rd_mux[DescNBits-1:0] = d_n_q;
    if (raddr == AxiRegDescKb[AW-1:0]) rd_mux[DescKbBits-1:0] = d_kb_q;
    if (raddr == AxiRegDescRb[AW-1:0]) rd_mux[DescRbBits-1:0] = d_rb_q;
    if (raddr == AxiRegDescG[AW-1:0]) rd_mux[DescGBits-1:0] = d_g_q;
    if (raddr == AxiRegDescResident[AW-1:0]) rd_mux[DescResidentBits-1:0] = d_resident_q;
    if (raddr == AxiRegDescHasBias[AW-1:0]) rd_mux[DescHasBiasBits-1:0] = d_has_bias_q;
    if (raddr == AxiRegDescAct[AW-1:0]) rd_mux[DescActBits-1:0] = d_act_q;
    if (raddr == AxiRegDescWFmt[AW-1:0]) rd_mux[DescWFmtBits-1:0] = d_w_fmt_q;
    if (raddr == AxiRegDescXFmt[AW-1:0]) rd_mux[DescXFmtBits-1:0] = d_x_fmt_q;
    if (raddr == AxiRegDescP1Fmt[AW-1:0]) rd_mux[DescP1FmtBits-1:0] = d_p1_fmt_q;
    if (raddr == AxiRegDescOFmt[AW-1:0]) rd_mux[DescOFmtBits-1:0] = d_o_fmt_q;
    if (raddr == AxiRegDescPoolOp[AW-1:0]) rd_mux[DescPoolOpBits-1:0] = d_pool_op_q;
    if (raddr == AxiRegDescPoolCount[AW-1:0]) rd_mux[DescPoolCountBits-1:0] = d_pool_count_q;
    if (raddr == AxiRegDescPoolScale[AW-1:0]) rd_mux[DescPoolScaleBits-1:0] = d_pool_scale_q;
    if (raddr == AxiRegDescPoolRecip[AW-1:0]) rd_mux[DescPoolRecipBits-1:0] = d_pool_recip_q;
  end

  // ---------------------------------------------------------------------------------------------
  // Reads: request queue -> AR bursts; R beats -> whole bursts for the top.
  wire [ReqBits-1:0]             rq_head;
  wire [AxiRdQueueCountBits-1:0] rq_count;
  wire                           rq_push, rq_pop;
  edgesa_fifo #(.DataBits(ReqBits), .Depth(AxiRdQueue), .CountBits(AxiRdQueueCountBits))
    u_rd_queue (
      .clk_i   (clk_i),
      .rst_ni  (rst_ni),
      .push_i  (rq_push),
      .data_i  ({rd_req_bursts, rd_req_addr}),
      .pop_i   (rq_pop),
      .head_o  (rq_head),
      .count_o (rq_count)
    );
  reg  [31:0] ar_addr_q;  // the current request's next AXI burst
  reg  [15:0] ar_left_q;  // bursts of the current request in no AR yet
  reg         arvalid_q;
  reg  [31:0] araddr_q;
  reg  [7:0]  arlen_q;
  // The AR register's next source: the current request, else the queue's head, else (queue
  // empty) the request the top writes now, which then skips the queue.
  wire        ar_cur = ar_left_q != 16'd0;
  wire        rq_empty = rq_count == {AxiRdQueueCountBits{1'b0}};
  wire        rd_new = rd_req_bursts != {MemBurstCountBits{1'b0}};
  wire        ar_src_valid = ar_cur || !rq_empty || rd_new;
  wire [31:0] ar_src_addr = ar_cur ? ar_addr_q : !rq_empty ? rq_head[MemAddrBits-1:0] : rd_req_addr;
  wire [15:0] ar_src_left = ar_cur ? ar_left_q
                          : !rq_empty ? rq_head[ReqBits-1:MemAddrBits] : rd_req_bursts;
  wire [15:0] ar_chunk = chunk_bursts(ar_src_addr, ar_src_left);
  wire        ar_free = !arvalid_q || m_axi_arready_i;
  wire        ar_bypass = ar_free && !ar_cur && rq_empty;  // rd_new goes straight to the AR
  assign rq_push = rd_new && !ar_bypass;
  assign rq_pop = ar_free && !ar_cur && !rq_empty;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ar_addr_q <= 32'd0;
      ar_left_q <= 16'd0;
      arvalid_q <= 1'b0;
      araddr_q <= 32'd0;
      arlen_q <= 8'd0;
    end else if (ar_free) begin
      arvalid_q <= ar_src_valid;
      if (ar_src_valid) begin
        araddr_q <= ar_src_addr;
        arlen_q <= axi_len(ar_chunk);
        ar_addr_q <= ar_src_addr + ({16'd0, ar_chunk} << HwBurstShift);
        ar_left_q <= ar_src_left - ar_chunk;
      end
    end
  end
  assign m_axi_araddr_o = araddr_q;
  assign m_axi_arlen_o = arlen_q;
  assign m_axi_arsize_o = AxiSize[2:0];
  assign m_axi_arburst_o = 2'b01;  // INCR
  assign m_axi_arcache_o = 4'b0011;  // normal non-cacheable bufferable
  assign m_axi_arprot_o = 3'b000;
  assign m_axi_arvalid_o = arvalid_q;
  assign m_axi_rready_o = 1'b1;  // the top reserved room for every burst it asked for

  generate
    if (AxiBeats == 1) begin : gen_r_whole
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          rd_bursts_q <= 1'b0;
          rd_burst_q <= {BurstBits{1'b0}};
        end else begin
          rd_bursts_q <= m_axi_rvalid_i;
          if (m_axi_rvalid_i) rd_burst_q <= m_axi_rdata_i;
        end
      end
    end else begin : gen_r_collect
      // Beats arrive lowest address first; the first AxiBeats - 1 shift down into r_acc_q.
      reg [BurstBits-DW-1:0] r_acc_q;
      reg [7:0]              r_beat_q;
      wire [BurstBits-1:0]   r_burst = {m_axi_rdata_i, r_acc_q};
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          rd_bursts_q <= 1'b0;
          rd_burst_q <= {BurstBits{1'b0}};
          r_acc_q <= {(BurstBits - DW){1'b0}};
          r_beat_q <= 8'd0;
        end else begin
          rd_bursts_q <= 1'b0;
          if (m_axi_rvalid_i) begin
            if (r_beat_q == AxiBeats[7:0] - 8'd1) begin
              rd_bursts_q <= 1'b1;
              rd_burst_q <= r_burst;
              r_beat_q <= 8'd0;
            end else begin
              r_acc_q <= r_burst[BurstBits-1:DW];
              r_beat_q <= r_beat_q + 8'd1;
            end
          end
        end
      end
    end
  endgenerate

  // ---------------------------------------------------------------------------------------------
  // Writes: requests with their data -> AW bursts and W beats; B -> wr_done_bursts_i.
  localparam integer WqBits = ReqBits + WrBits;  // {data, bursts, addr}
  wire [WqBits-1:0]              wq_head;
  wire [AxiWrQueueCountBits-1:0] wq_count;
  wire                           wq_pop;
  edgesa_fifo #(.DataBits(WqBits), .Depth(HwWrMax), .CountBits(AxiWrQueueCountBits)) u_wr_queue (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .push_i  (wr_req_bursts != {MemBurstCountBits{1'b0}}),
    .data_i  ({wr_req_data, wr_req_bursts, wr_req_addr}),
    .pop_i   (wq_pop),
    .head_o  (wq_head),
    .count_o (wq_count)
  );
  wire        wq_valid = wq_count != {AxiWrQueueCountBits{1'b0}};
  wire [31:0] wq_addr = wq_head[MemAddrBits-1:0];
  wire [15:0] wq_bursts = wq_head[ReqBits-1:MemAddrBits];
  wire [WrBits-1:0] wq_data = wq_head[WqBits-1:ReqBits];

  reg  [15:0] aw_done_q;  // bursts of the head request in an AW already
  reg  [15:0] aw_acc_q;   // ... in an AW the slave accepted: their W beats may go
  reg  [15:0] aw_chunk_q;  // bursts of the AW on the bus
  reg         awvalid_q;
  reg  [31:0] awaddr_q;
  reg  [7:0]  awlen_q;
  wire        aw_free = !awvalid_q || m_axi_awready_i;
  wire [31:0] aw_src_addr = wq_addr + ({16'd0, aw_done_q} << HwBurstShift);
  wire [15:0] aw_left = wq_bursts - aw_done_q;
  wire        aw_go = aw_free && wq_valid && (aw_left != 16'd0);
  wire [15:0] aw_chunk = chunk_bursts(aw_src_addr, aw_left);
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      aw_done_q <= 16'd0;
      aw_acc_q <= 16'd0;
      aw_chunk_q <= 16'd0;
      awvalid_q <= 1'b0;
      awaddr_q <= 32'd0;
      awlen_q <= 8'd0;
    end else begin
      if (aw_free) awvalid_q <= aw_go;
      if (aw_go) begin
        awaddr_q <= aw_src_addr;
        awlen_q <= axi_len(aw_chunk);
        aw_chunk_q <= aw_chunk;
      end
      if (wq_pop) aw_done_q <= 16'd0;
      else if (aw_go) aw_done_q <= aw_done_q + aw_chunk;
      if (wq_pop) aw_acc_q <= 16'd0;
      else if (awvalid_q && m_axi_awready_i) aw_acc_q <= aw_acc_q + aw_chunk_q;
    end
  end
  assign m_axi_awaddr_o = awaddr_q;
  assign m_axi_awlen_o = awlen_q;
  assign m_axi_awsize_o = AxiSize[2:0];
  assign m_axi_awburst_o = 2'b01;
  assign m_axi_awcache_o = 4'b0011;
  assign m_axi_awprot_o = 3'b000;
  assign m_axi_awvalid_o = awvalid_q;

  // W beats of the head request, each after the slave accepted its burst's AW (AXI4 would allow
  // W first, but not every slave takes it); WLAST where the AW burst ends
  // (the request's last beat, a 4 KB boundary, or 256 beats: chunk_bursts' rule).
  reg  [15:0]   w_burst_q;  // burst of the head request the next beat belongs to
  reg  [7:0]    w_sub_q;    // beat within that burst
  reg  [7:0]    w_run_q;    // beats of the current AW burst sent
  reg           wvalid_q, wlast_q;
  reg  [DW-1:0] wdata_q;
  wire          w_free = !wvalid_q || m_axi_wready_i;
  // The AW accepted at this edge counts already: its first W beat is on the bus from the next.
  wire [15:0]   aw_acc_now = (awvalid_q && m_axi_awready_i) ? aw_acc_q + aw_chunk_q : aw_acc_q;
  wire          w_go = w_free && wq_valid && (w_burst_q < aw_acc_now);
  wire          w_burst_end = w_sub_q == AxiBeats[7:0] - 8'd1;
  /* verilator lint_off UNUSEDSIGNAL */  // bit 12 of the burst's end: it ends a 4 KB page
  wire [31:0]   w_burst_addr = wq_addr + ({16'd0, w_burst_q} << HwBurstShift);
  wire [12:0]   w_burst_top = {1'b0, w_burst_addr[11:0]} + HwBurstBytes[12:0];
  /* verilator lint_on UNUSEDSIGNAL */
  wire          w_req_end = w_burst_end && (w_burst_q == wq_bursts - 16'd1);
  wire          w_last = w_req_end || (w_burst_end && w_burst_top[12]) || (w_run_q == 8'd255);
  wire [31:0]   w_beat = {16'd0, w_burst_q} * AxiBeats + {24'd0, w_sub_q};
  assign wq_pop = w_go && w_req_end;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      w_burst_q <= 16'd0;
      w_sub_q <= 8'd0;
      w_run_q <= 8'd0;
      wvalid_q <= 1'b0;
      wlast_q <= 1'b0;
      wdata_q <= {DW{1'b0}};
    end else if (w_go) begin
      wvalid_q <= 1'b1;
      wlast_q <= w_last;
      wdata_q <= wq_data[w_beat * DW +: DW];
      w_run_q <= w_last ? 8'd0 : w_run_q + 8'd1;
      w_sub_q <= w_burst_end ? 8'd0 : w_sub_q + 8'd1;
      if (w_req_end) w_burst_q <= 16'd0;
      else if (w_burst_end) w_burst_q <= w_burst_q + 16'd1;
    end else if (w_free) begin
      wvalid_q <= 1'b0;
    end
  end
  assign m_axi_wdata_o = wdata_q;
  assign m_axi_wstrb_o = {(DW / 8){1'b1}};
  assign m_axi_wlast_o = wlast_q;
  assign m_axi_wvalid_o = wvalid_q;

  // B: the bursts of each AW burst, in order.
  wire [15:0]                    b_bursts;
  wire [AxiWrQueueCountBits-1:0] b_count;
  edgesa_fifo #(.DataBits(16), .Depth(HwWrMax), .CountBits(AxiWrQueueCountBits)) u_b_queue (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .push_i  (aw_go),
    .data_i  (aw_chunk),
    .pop_i   (m_axi_bvalid_i),
    .head_o  (b_bursts),
    .count_o (b_count)
  );
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) wr_done_q <= 16'd0;
    else wr_done_q <= (m_axi_bvalid_i && b_count != {AxiWrQueueCountBits{1'b0}}) ? b_bursts
                                                                                : 16'd0;
  end
  assign m_axi_bready_o = 1'b1;  // every B is counted at once
endmodule
