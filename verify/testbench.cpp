#include "testbench.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "hw/hw_layout.h"

namespace edgesa::verify {

namespace {

std::string image_file(size_t i) {
    return fmt::format("tb_edgesa_{}_image.hex", i);
}
std::string expected_file(size_t i) {
    return fmt::format("tb_edgesa_{}_expected.hex", i);
}
std::string requests_file(size_t i, const char* kind) {
    return fmt::format("tb_edgesa_{}_{}.hex", i, kind);
}

// Only the ports' declarations and the DUT's connections depend on the descriptor table.
std::string descriptor_regs() {
    std::string s;
    for (const auto& f : hw::descriptor_fields())
        s += fmt::format("  reg  {:<10} desc_{};\n",
                         f.bits == 1 ? std::string() : fmt::format("[{}:0]", f.bits - 1), f.name);
    return s;
}
std::string descriptor_connections() {
    std::string s;
    for (const auto& f : hw::descriptor_fields())
        s += fmt::format("    .desc_{0}_i(desc_{0}),\n", f.name);
    return s;
}

// One `case` arm of load_layer: the layer's name, files, descriptor and expected figures.
std::string layer_arm(size_t i, const RtlLayerJob& j, const ScLayerRun& sc, uint64_t mem_base,
                      uint64_t guard) {
    std::string s = fmt::format("      {}: begin\n", i);
    s += fmt::format("        layer_name = \"{}\";\n", sc.name);
    s += fmt::format("        $readmemh(\"{}\", mem, {}, {});\n", image_file(i),
                     j.image_addr - mem_base, j.image_addr - mem_base + j.image.size() - 1);
    if (!sc.codes.empty())
        s += fmt::format("        $readmemh(\"{}\", expected, 0, {});\n", expected_file(i),
                         sc.codes.size() - 1);
    if (!sc.reads.empty())
        s += fmt::format("        $readmemh(\"{}\", exp_rd, 0, {});\n", requests_file(i, "reads"),
                         sc.reads.size() - 1);
    if (!sc.writes.empty())
        s += fmt::format("        $readmemh(\"{}\", exp_wr, 0, {});\n", requests_file(i, "writes"),
                         sc.writes.size() - 1);
    for (const auto& f : hw::descriptor_fields())
        s +=
            fmt::format("        desc_{} = {}'d{};\n", f.name, f.bits, descriptor_value(j, f.name));
    s += fmt::format("        out_addr   = 32'd{};\n", j.out_addr);
    s += fmt::format("        n_codes    = {};\n", sc.codes.size());
    s += fmt::format("        code_bits  = {};\n", j.out_bits);
    s += fmt::format("        start_edge = 64'd{};\n", j.start_cycle);
    s += fmt::format("        exp_start  = 64'd{};\n", sc.start_cycle);
    s += fmt::format("        exp_end    = 64'd{};\n", sc.end_cycle);
    s += fmt::format("        exp_reads  = {};\n", sc.reads.size());
    s += fmt::format("        exp_writes = {};\n", sc.writes.size());
    s += fmt::format("        max_edges  = 64'd{};\n", guard);
    s += "      end\n";
    return s;
}

std::string hex_bytes(const std::vector<uint8_t>& b) {
    std::string s;
    s.reserve(b.size() * 3);
    for (uint8_t c : b) s += fmt::format("{:02x}\n", c);
    return s;
}

std::string hex_codes(const std::vector<int64_t>& codes, int bits) {
    const uint64_t mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
    const int digits = (bits + 3) / 4;
    std::string s;
    for (int64_t c : codes) s += fmt::format("{:0{}x}\n", uint64_t(c) & mask, digits);
    return s;
}

// One request per line: {edge[63:0], address[31:0], bursts[15:0]}, 28 hex digits.
std::string hex_requests(const std::vector<sim::MemEvent>& v) {
    std::string s;
    for (const auto& e : v)
        s += fmt::format("{:016x}{:08x}{:04x}\n", e.cycle, uint32_t(e.addr), uint16_t(e.bursts));
    return s;
}

const char* kBody = R"V(
  // ---- the memory behind the port (absolute byte address MemBase + i is mem[i]) ----
  reg [7:0]  mem      [0:MemBytes-1];
  reg [31:0] expected [0:MaxCodes-1];
  // the SystemC model's read and write requests: {edge, address, bursts}
  reg [111:0] exp_rd [0:MaxReads-1];
  reg [111:0] exp_wr [0:MaxWrites-1];
  function [7:0] mem_read;
    input [31:0] a;
    begin
      if (a >= MemBase && a - MemBase < MemBytes) mem_read = mem[a - MemBase];
      else mem_read = 8'h00;  // never written: reads 0, as the runner's memory
    end
  endfunction

  // ---- the DRAM model: sim/memory/dram_model.cpp step() for step() ----
  reg signed [63:0] dram_credit;  // millibytes: up to 2 x 10^9 at 1000 GB/s and 1 MHz
  integer    dram_rq, dram_wq, dram_last_read, dram_reads_now, dram_take_read;
  integer    step_delivered, step_written;
  reg [63:0] dram_cycle;
  reg [63:0] fl_due    [0:FlDepth-1];  // reads moved, due at fl_due (in request order)
  integer    fl_bursts [0:FlDepth-1];
  integer    fl_head, fl_count;
  reg [31:0] ra_addr   [0:RaDepth-1];  // addresses of requested bursts not yet delivered
  integer    ra_head, ra_count;

  task dram_reset;
    begin
      dram_credit = 0; dram_rq = 0; dram_wq = 0; dram_last_read = 0; dram_cycle = 0;
      fl_head = 0; fl_count = 0; ra_head = 0; ra_count = 0;
    end
  endtask

  task dram_step;
    begin
      step_delivered = 0;
      step_written   = 0;
      while (fl_count > 0 && fl_due[fl_head] <= dram_cycle) begin
        step_delivered = step_delivered + fl_bursts[fl_head];
        fl_head  = (fl_head + 1) % FlDepth;
        fl_count = fl_count - 1;
      end
      // the cap keeps an idle memory from banking credit for a later burst storm
      dram_credit = dram_credit + DramMilli;
      if (dram_credit > DramMilli + BurstBytes * 1000) dram_credit = DramMilli + BurstBytes * 1000;
      dram_reads_now = 0;
      while (dram_credit >= BurstBytes * 1000 && (dram_rq > 0 || dram_wq > 0)) begin
        dram_take_read = dram_rq > 0 && (dram_wq == 0 || !dram_last_read);
        if (dram_take_read) begin
          dram_rq = dram_rq - 1;
          dram_reads_now = dram_reads_now + 1;
        end else begin
          dram_wq = dram_wq - 1;
          step_written = step_written + 1;
        end
        dram_last_read = dram_take_read;
        dram_credit = dram_credit - BurstBytes * 1000;
      end
      if (dram_reads_now > 0) begin
        if (DramLatency == 0) step_delivered = step_delivered + dram_reads_now;
        else begin
          if (fl_count == FlDepth) limit_fail("reads in flight (FlDepth)");
          fl_due[(fl_head + fl_count) % FlDepth]    = dram_cycle + DramLatency;
          fl_bursts[(fl_head + fl_count) % FlDepth] = dram_reads_now;
          fl_count = fl_count + 1;
        end
      end
      dram_cycle = dram_cycle + 1;
    end
  endtask

  // ---- result ----
  task finish_fail;
    begin
      $display("tb_edgesa: FAIL");
`ifdef EDGESA_TB_NO_FATAL
      $finish;
`else
      $fatal(1, "tb_edgesa: FAIL");
`endif
    end
  endtask
  task limit_fail;
    input [8*40-1:0] what;
    begin
      $display("tb_edgesa: testbench limit exceeded: %0s", what);
      finish_fail;
    end
  endtask

  // ---- per layer: what load_layer sets ----
  reg [8*64-1:0] layer_name;
  reg [31:0]     out_addr;
  integer        n_codes, code_bits, exp_reads, exp_writes;
  reg [63:0]     start_edge, exp_start, exp_end, max_edges;

  // Code `idx` of the layer's packed output: bits [idx*code_bits +: code_bits] from out_addr.
  function [31:0] out_code;
    input integer idx;
    integer b, pos;
    reg [7:0] byte_v;
    begin
      out_code = 32'd0;
      for (b = 0; b < code_bits; b = b + 1) begin
        pos = idx * code_bits + b;
        byte_v = mem_read(out_addr + pos / 8);
        out_code[b] = byte_v[pos % 8];
      end
    end
  endfunction

  // ---- the run: each layer from reset, as verify/rtl_runner drives it ----
  integer    l, i, j, rq, wq, reads, writes, codes_ok;
  reg [31:0] a;
  reg [63:0] k, started, ended;
  reg        running;
  initial begin : run
`ifdef EDGESA_TB_VCD
    $dumpfile("tb_edgesa.vcd");
    $dumpvars(0, tb_edgesa);
`endif
    clk = 1'b0;
    rst_n = 1'b1;
    desc_valid = 1'b0;
    rd_data_bursts = 16'd0;
    rd_data = {RdBytes*8{1'b0}};
    wr_done_bursts = 16'd0;
    for (l = 0; l < Layers; l = l + 1) begin
      for (i = 0; i < MemBytes; i = i + 1) mem[i] = 8'h00;
      load_layer(l);
      dram_reset;
      // reset (asynchronous, no clock edge), descriptor fields driven, valid low
      desc_valid = 1'b0;
      rd_data_bursts = 16'd0;
      wr_done_bursts = 16'd0;
      #1 rst_n = 1'b0;
      #4 rst_n = 1'b1;
      #5;
      started = ~64'd0;
      ended = ~64'd0;
      reads = 0;
      writes = 0;
      running = 1'b1;
      for (k = 0; running; k = k + 1) begin
        if (k > max_edges) begin
          $display("tb_edgesa: layer %0s: no done_o within %0d edges (descriptor %0s; %0d read, %0d write requests)",
                   layer_name, max_edges, started == ~64'd0 ? "never accepted" : "accepted",
                   reads, writes);
          finish_fail;
        end
        if (^{done, desc_ready, rd_req_bursts, wr_req_bursts} === 1'bx) begin
          $display("tb_edgesa: layer %0s: X on a control output of the top after edge %0d",
                   layer_name, k - 1);
          finish_fail;
        end
        // what the top wrote at edge k-1, seen by the memory at edge k
        rq = rd_req_bursts;
        wq = wr_req_bursts;
        if (rq != 0) begin
          if (reads >= exp_reads) begin
            $display("tb_edgesa: layer %0s: FAIL read request %0d at edge %0d (addr 0x%0h bursts %0d): the SystemC model made %0d",
                     layer_name, reads, k - 1, rd_req_addr, rq, exp_reads);
            finish_fail;
          end
          if (exp_rd[reads] !== {k - 64'd1, rd_req_addr, rd_req_bursts}) begin
            $display("tb_edgesa: layer %0s: FAIL read request %0d: expected edge %0d addr 0x%0h bursts %0d (SystemC), actual edge %0d addr 0x%0h bursts %0d",
                     layer_name, reads, exp_rd[reads][111:48], exp_rd[reads][47:16], exp_rd[reads][15:0],
                     k - 1, rd_req_addr, rq);
            finish_fail;
          end
          reads = reads + 1;
          for (i = 0; i < rq; i = i + 1) begin
            if (ra_count == RaDepth) limit_fail("requested read bursts (RaDepth)");
            ra_addr[(ra_head + ra_count) % RaDepth] = rd_req_addr + i * BurstBytes;
            ra_count = ra_count + 1;
          end
          dram_rq = dram_rq + rq;
        end
        if (wq != 0) begin
          if (writes >= exp_writes) begin
            $display("tb_edgesa: layer %0s: FAIL write request %0d at edge %0d (addr 0x%0h bursts %0d): the SystemC model made %0d",
                     layer_name, writes, k - 1, wr_req_addr, wq, exp_writes);
            finish_fail;
          end
          if (exp_wr[writes] !== {k - 64'd1, wr_req_addr, wr_req_bursts}) begin
            $display("tb_edgesa: layer %0s: FAIL write request %0d: expected edge %0d addr 0x%0h bursts %0d (SystemC), actual edge %0d addr 0x%0h bursts %0d",
                     layer_name, writes, exp_wr[writes][111:48], exp_wr[writes][47:16], exp_wr[writes][15:0],
                     k - 1, wr_req_addr, wq);
            finish_fail;
          end
          writes = writes + 1;
          if (wq > WrPort) limit_fail("write request wider than the port");
          for (i = 0; i < wq * BurstBytes; i = i + 1) begin
            a = wr_req_addr + i;
            if (a < MemBase || a - MemBase >= MemBytes) begin
              $display("tb_edgesa: layer %0s: write to 0x%0h outside the modelled memory at edge %0d",
                       layer_name, a, k - 1);
              finish_fail;
            end
            mem[a - MemBase] = wr_req_data[i*8 +: 8];
          end
          dram_wq = dram_wq + wq;
        end
        if (done === 1'b1) begin
          ended = k - 1;
          running = 1'b0;
        end else begin
          if (k == start_edge) desc_valid = 1'b1;
          if (desc_valid && desc_ready) started = k;
          dram_step;
          #1 clk = 1'b1;  // edge k
          #1;             // the design's registers have their new values
          if (started == k) desc_valid = 1'b0;
          // responses of edge k, seen by the top at edge k+1
          if (step_delivered > RdMax) limit_fail("read delivery wider than the port");
          rd_data_bursts = step_delivered;
          for (i = 0; i < step_delivered; i = i + 1) begin
            a = ra_addr[ra_head];
            ra_head = (ra_head + 1) % RaDepth;
            ra_count = ra_count - 1;
            for (j = 0; j < BurstBytes; j = j + 1) rd_data[(i*BurstBytes + j)*8 +: 8] = mem_read(a + j);
          end
          wr_done_bursts = step_written;
          #3 clk = 1'b0;
          #5;
        end
      end
      // every request was compared as it was made; now the start and end edge, the request
      // counts (none missing) and every output code
      if (started != exp_start) begin
        $display("tb_edgesa: layer %0s: FAIL start edge: expected %0d (SystemC), actual %0d",
                 layer_name, exp_start, started);
        finish_fail;
      end
      codes_ok = 0;
      for (i = 0; i < n_codes && codes_ok == i; i = i + 1) begin
        if (out_code(i) === expected[i]) codes_ok = codes_ok + 1;
        else begin
          $display("tb_edgesa: layer %0s: FAIL output word %0d (of %0d): expected 0x%0h (SystemC), actual 0x%0h",
                   layer_name, i, n_codes, expected[i], out_code(i));
          finish_fail;
        end
      end
      if (ended != exp_end) begin
        $display("tb_edgesa: layer %0s: FAIL end edge (done_o): expected %0d (SystemC), actual %0d",
                 layer_name, exp_end, ended);
        finish_fail;
      end
      if (reads != exp_reads || writes != exp_writes) begin
        $display("tb_edgesa: layer %0s: FAIL requests: expected %0d read, %0d write (SystemC), actual %0d, %0d",
                 layer_name, exp_reads, exp_writes, reads, writes);
        finish_fail;
      end
      $display("tb_edgesa: layer %0s: %0d outputs match, edges %0d..%0d, %0d read and %0d write requests, as the SystemC model",
               layer_name, n_codes, started, ended, reads, writes);
    end
    $display("tb_edgesa: PASS (%0d layers)", Layers);
    $finish;
  end
endmodule
)V";

}  // namespace

std::vector<gen::GeneratedFile> make_testbench(const VerifyTarget& t, const LayerRuns& runs,
                                               const gen::GenOptions& opt) {
    if (runs.jobs.empty() || runs.jobs.size() != runs.sc.size())
        throw std::logic_error("make_testbench: no layers, or jobs and runs differ");
    const AccelConfig& cfg = t.cfg;
    const hw::HwLayout hwl = hw::layout(cfg);
    const RtlLayerJob& j0 = runs.jobs.front();
    const uint64_t burst = uint64_t(j0.dram_burst_bytes);
    uint64_t mem_base = ~0ull, mem_end = 0, max_codes = 1, max_reads = 1, max_writes = 1;
    for (size_t i = 0; i < runs.jobs.size(); ++i) {
        const RtlLayerJob& j = runs.jobs[i];
        const uint64_t image_end = (j.image_addr + j.image.size() + burst - 1) / burst * burst;
        const uint64_t out_bytes = (j.out_values * uint64_t(j.out_bits) + 7) / 8;
        const uint64_t out_end = j.out_addr + (out_bytes + burst - 1) / burst * burst;
        mem_base = std::min(mem_base, j.image_addr);
        mem_end = std::max({mem_end, image_end, out_end});
        max_codes = std::max<uint64_t>(max_codes, runs.sc[i].codes.size());
        max_reads = std::max<uint64_t>(max_reads, runs.sc[i].reads.size());
        max_writes = std::max<uint64_t>(max_writes, runs.sc[i].writes.size());
        if (j.out_bits > 32)
            throw std::logic_error("make_testbench: output codes wider than 32 bits");
    }
    const std::string files_hint = fmt::format(
        "// Run it in this directory (the $readmemh files are read from the working directory):\n"
        "//   iverilog -g2005 -o tb_edgesa.vvp -f files.f tb_edgesa.v && vvp -n tb_edgesa.vvp\n"
        "// It prints one line per layer, then \"tb_edgesa: PASS (N layers)\" and exits 0, or the\n"
        "// first mismatch, \"tb_edgesa: FAIL\" and exits 1 ($fatal(1)). A simulator without\n"
        "// $fatal in Verilog-2005 mode: define EDGESA_TB_NO_FATAL ($finish; check for the PASS\n"
        "// line). EDGESA_TB_VCD writes tb_edgesa.vcd. One edge is 10 time units (no "
        "`timescale).\n");
    std::string v = gen::file_banner(
        cfg, opt,
        fmt::format("Standalone self-checking testbench of {} ({} layer(s) of {}).",
                    gen::top_module_name(), runs.jobs.size(), t.workload_path),
        "//");
    v += files_hint;
    v += "`default_nettype none\n\n";  // no `timescale: the design has none
    v += fmt::format("module {};\n", testbench_module());
    v += fmt::format(
        "  localparam integer Layers      = {};\n"
        "  localparam integer BurstBytes  = {};  // dram.burst_bytes\n"
        "  localparam integer RdMax       = {};  // read bursts deliverable in one edge "
        "(hw::layout)\n"
        "  localparam integer WrPort      = {};  // write bursts per request (hw::layout)\n"
        "  localparam integer RdBytes     = RdMax * BurstBytes;\n"
        "  localparam integer WrBytes     = WrPort * BurstBytes;\n"
        "  localparam integer DramMilli   = {};  // DRAM credit per edge, millibytes\n"
        "  localparam integer DramLatency = {};  // edges from a read's move to its delivery\n"
        "  localparam [31:0]  MemBase     = 32'h{:x};\n"
        "  localparam integer MemBytes    = {};\n"
        "  localparam integer MaxCodes    = {};\n"
        "  localparam integer MaxReads    = {};\n"
        "  localparam integer MaxWrites   = {};\n"
        "  localparam integer FlDepth     = DramLatency + 2;\n"
        "  localparam integer RaDepth     = {};  // the streamer's read credit in bursts, and "
        "room\n\n",
        runs.jobs.size(), burst, hwl.rd_max, hwl.wr_port, j0.dram_millibytes_per_cycle,
        j0.dram_latency_cycles, mem_base, mem_end - mem_base, max_codes, max_reads, max_writes,
        uint64_t(hwl.fifo_bytes) / burst + uint64_t(hwl.rd_max) + 8);
    v += "  reg                clk, rst_n;\n  reg                desc_valid;\n";
    v += "  wire               desc_ready, done;\n";
    v += descriptor_regs();
    v += "  wire [15:0]        rd_req_bursts, wr_req_bursts;\n"
         "  wire [31:0]        rd_req_addr, wr_req_addr;\n"
         "  reg  [15:0]        rd_data_bursts, wr_done_bursts;\n"
         "  reg  [RdBytes*8-1:0] rd_data;\n"
         "  wire [WrBytes*8-1:0] wr_req_data;\n\n";
    v += fmt::format("  {} u_dut (\n    .clk_i(clk),\n    .rst_ni(rst_n),\n",
                     gen::top_module_name());
    v += "    .desc_valid_i(desc_valid),\n    .desc_ready_o(desc_ready),\n";
    v += descriptor_connections();
    v += "    .done_o(done),\n"
         "    .rd_req_bursts_o(rd_req_bursts),\n    .rd_req_addr_o(rd_req_addr),\n"
         "    .rd_data_bursts_i(rd_data_bursts),\n    .rd_data_i(rd_data),\n"
         "    .wr_req_bursts_o(wr_req_bursts),\n    .wr_req_addr_o(wr_req_addr),\n"
         "    .wr_req_data_o(wr_req_data),\n    .wr_done_bursts_i(wr_done_bursts)\n  );\n";
    v += kBody;
    // load_layer is emitted after kBody's declarations it assigns; Verilog resolves the task
    // by name, so its place in the module does not matter.
    std::string load = "\n  task load_layer;\n    input integer n;\n    begin\n      case (n)\n";
    for (size_t i = 0; i < runs.jobs.size(); ++i)
        load +=
            layer_arm(i, runs.jobs[i], runs.sc[i], mem_base, deadlock_guard(runs.sc[i].end_cycle));
    load += "      default: ;\n      endcase\n    end\n  endtask\n";
    // insert before `endmodule`
    v.insert(v.rfind("endmodule"), load);
    v += "\n`default_nettype wire\n";

    std::vector<gen::GeneratedFile> files;
    files.push_back({std::string(testbench_module()) + ".v", v});
    for (size_t i = 0; i < runs.jobs.size(); ++i) {
        files.push_back({image_file(i), hex_bytes(runs.jobs[i].image)});
        files.push_back({expected_file(i), hex_codes(runs.sc[i].codes, runs.jobs[i].out_bits)});
        files.push_back({requests_file(i, "reads"), hex_requests(runs.sc[i].reads)});
        files.push_back({requests_file(i, "writes"), hex_requests(runs.sc[i].writes)});
    }
    return files;
}

}  // namespace edgesa::verify
