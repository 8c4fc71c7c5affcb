// The Verilator testbench of edgesa_axi_top (`edgesa verify --top axi`, docs/fpga.md "AXI top").
// Per job, from reset: an AXI4-Lite master writes the job's register writes (the descriptor, at
// the offsets of hw::axi_lite_regs(), computed by verify/rtl_run.cpp), reads each back and the
// ID register, writes CTRL = start | irq enable, waits for irq_o, then reads CYCLES and STATUS
// and clears STATUS.done. Behind the AXI4 master an AXI memory model serves the layer with the
// same DramModel as the SystemC DRAM wrapper: ARREADY, AWREADY and WREADY are 1 (unless the job
// asks for backpressure, below); an AR
// burst's bursts are pushed into the model at its handshake edge, an AW burst's likewise; the
// bursts the model delivers at edge k become R beats from edge k+1, one beat per edge (the bus
// serialises what the model delivers at once); a B follows, one per edge, once the model moved
// every burst of its AW and every W beat arrived. The model starts stepping at the layer's start
// edge s (the descriptor transfer, the edge after the CTRL write), as the edgesa_top runner's
// does at its start edge 0, and every edge in the result is relative to s.
// Result per layer: start_cycle 0, end_cycle (the edge done_o was written: irq_o is registered
// once more), the AR and AW bursts as reads and writes [edge, address, bursts], the model's
// deliveries and moves, the output bytes, and under "axi": the CYCLES register, the register
// read-back, the ID, and any protocol error the model saw (WLAST, W before AW, ARSIZE, a valid
// or payload changed before its handshake ...). With "stall_seed" the model drops ARREADY,
// AWREADY and WREADY on a pseudo-random quarter of the edges (backpressure).
// Usage: axi_runner JOBS.json RESULT.json (runner_common.h: what both runners share)
#include <deque>

#include "Vedgesa_axi_top.h"
#include "runner_common.h"

namespace {

using namespace edgesa::runner;

struct LiteOp {
    bool write;
    uint32_t addr, data;
    std::string what;  // "desc", "start", "post"
};

struct AwBurst {
    uint64_t addr;
    uint32_t bursts, beats, beats_in = 0, moved = 0;
};

json run_job(Bench<Vedgesa_axi_top>& b, const json& job, uint64_t max_cycles) {
    Vedgesa_axi_top& t = *b.top;
    JobMemory m(job);
    const uint64_t burst = m.burst;
    edgesa::sim::DramModel dram(m.dram);
    const json& axi = job.at("axi");
    const uint32_t beats = axi.at("beats").get<uint32_t>();
    const uint64_t beat_bytes = burst / beats;
    if (verilated_port_bytes(beat_bytes) != sizeof(t.m_axi_rdata_i))
        throw std::runtime_error(
            "the AXI data width of this top does not match the job's hardware layout: rebuild "
            "the runner");
    const uint32_t size_code = axi.at("size").get<uint32_t>();
    // Backpressure (0: none): ARREADY, AWREADY and WREADY low on a pseudo-random quarter of the
    // edges each, from this seed, so the wrapper must hold every valid and payload until taken.
    uint64_t lfsr = axi.value("stall_seed", uint64_t(0));
    const bool stall = lfsr != 0;
    auto ready_bit = [&lfsr]() -> uint8_t {  // xorshift64: 3 in 4 edges ready
        lfsr ^= lfsr << 13;
        lfsr ^= lfsr >> 7;
        lfsr ^= lfsr << 17;
        return (lfsr & 3) != 0;
    };
    struct Held {
        bool valid = false;
        uint64_t a = 0, b = 0;
    } ar_held, aw_held, w_held;  // a valid not taken at the last edge, with its payload

    // The Lite script: descriptor writes, their read-back, the ID, start; after irq_o the rest.
    std::vector<LiteOp> ops;
    for (const auto& w : axi.at("writes"))
        ops.push_back({true, w[0].get<uint32_t>(), w[1].get<uint32_t>(), "desc"});
    for (const auto& w : axi.at("writes")) ops.push_back({false, w[0].get<uint32_t>(), 0, "desc"});
    ops.push_back({false, axi.at("id").get<uint32_t>(), 0, "desc"});
    ops.push_back(
        {true, axi.at("ctrl").get<uint32_t>(), axi.at("start_value").get<uint32_t>(), "start"});
    const size_t post = ops.size();
    ops.push_back({false, axi.at("cycles").get<uint32_t>(), 0, "post"});
    ops.push_back({false, axi.at("status").get<uint32_t>(), 0, "post"});
    ops.push_back(
        {true, axi.at("status").get<uint32_t>(), axi.at("done_value").get<uint32_t>(), "post"});
    ops.push_back({false, axi.at("status").get<uint32_t>(), 0, "post"});
    std::vector<uint32_t> read_values(ops.size(), 0);

    // Reset; every input low, the responses' ready always high.
    t.clk_i = 0;
    t.rst_ni = 0;
    t.s_axil_awvalid_i = t.s_axil_wvalid_i = t.s_axil_arvalid_i = 0;
    t.s_axil_bready_i = t.s_axil_rready_i = 1;
    t.m_axi_arready_i = t.m_axi_awready_i = t.m_axi_wready_i = 1;
    t.m_axi_rvalid_i = t.m_axi_bvalid_i = 0;
    t.m_axi_rresp_i = t.m_axi_bresp_i = 0;
    t.m_axi_rlast_i = 0;
    b.eval();
    t.rst_ni = 1;
    b.eval();

    json reads = json::array(), writes = json::array(), rd_data = json::array(),
         wr_done = json::array(), errors = json::array();
    std::deque<uint64_t> read_bursts;     // addresses of requested bursts, in order
    std::deque<uint32_t> ar_bursts_left;  // per AR, bursts not yet delivered (for RLAST)
    std::deque<std::pair<std::vector<uint8_t>, bool>> r_beats;  // delivered, not yet on R
    std::deque<AwBurst> aws;                                    // AW bursts without their B
    size_t w_aw = 0;                                            // the AW the next W beat belongs to
    size_t b_sent = 0;                                          // B responses presented or queued
    uint64_t b_ready_count = 0;                                 // AWs whose B may be sent
    uint64_t s = ~0ull, ended_iter = ~0ull;
    bool timed_out = false;
    size_t op = 0;
    bool op_issued = false;  // valid driven, waiting for the handshake
    bool op_resp = false;    // handshake done, waiting for the response
    auto error = [&](uint64_t k, const std::string& what) {
        if (errors.size() < 8) errors.push_back("edge " + std::to_string(k) + ": " + what);
    };

    for (uint64_t k = 0;; ++k) {
        if (k > max_cycles + (s == ~0ull ? 0 : s) + 10000) {
            report_timeout(job, max_cycles, s, reads, writes);
            timed_out = true;
            break;
        }
        const uint64_t rel = s == ~0ull ? 0 : k - s;
        // The AXI master's outputs of edge k-1; every ready is 1, so each valid transfers at k.
        // AXI: a valid that was not taken must stay, with the same payload, until it is.
        auto hold = [&](Held& h, bool valid, uint64_t a, uint64_t b, bool ready, const char* ch) {
            if (h.valid && (!valid || h.a != a || h.b != b))
                error(rel, std::string(ch) + " changed or dropped before its handshake");
            h = {valid && !ready, a, b};
        };
        hold(ar_held, t.m_axi_arvalid_o, t.m_axi_araddr_o, t.m_axi_arlen_o, t.m_axi_arready_i,
             "AR");
        hold(aw_held, t.m_axi_awvalid_o, t.m_axi_awaddr_o, t.m_axi_awlen_o, t.m_axi_awready_i,
             "AW");
        uint64_t w_low = 0;  // the beat's first 8 bytes stand for its payload
        for (uint64_t i = 0; i < std::min<uint64_t>(8, beat_bytes); ++i)
            w_low |= uint64_t(get_byte(t.m_axi_wdata_o, i)) << (8 * i);
        hold(w_held, t.m_axi_wvalid_o, w_low, t.m_axi_wlast_o, t.m_axi_wready_i, "W");
        if (t.m_axi_arvalid_o && t.m_axi_arready_i) {
            const uint32_t len = uint32_t(t.m_axi_arlen_o) + 1;
            if (t.m_axi_arsize_o != size_code || t.m_axi_arburst_o != 1 || len % beats != 0)
                error(rel, "AR with ARSIZE " + std::to_string(t.m_axi_arsize_o) + ", ARBURST " +
                               std::to_string(t.m_axi_arburst_o) + ", " + std::to_string(len) +
                               " beats");
            const uint32_t n = len / beats;
            reads.push_back({rel, uint64_t(t.m_axi_araddr_o), n});
            for (uint32_t i = 0; i < n; ++i) read_bursts.push_back(t.m_axi_araddr_o + i * burst);
            if (n) ar_bursts_left.push_back(n);
            dram.push_read(n);
        }
        if (t.m_axi_awvalid_o && t.m_axi_awready_i) {
            const uint32_t len = uint32_t(t.m_axi_awlen_o) + 1;
            if (t.m_axi_awsize_o != size_code || t.m_axi_awburst_o != 1 || len % beats != 0)
                error(rel, "AW with AWSIZE " + std::to_string(t.m_axi_awsize_o) + ", AWBURST " +
                               std::to_string(t.m_axi_awburst_o) + ", " + std::to_string(len) +
                               " beats");
            const uint32_t n = len / beats;
            writes.push_back({rel, uint64_t(t.m_axi_awaddr_o), n});
            aws.push_back({uint64_t(t.m_axi_awaddr_o), n, len});
            dram.push_write(n);
        }
        if (t.m_axi_wvalid_o && t.m_axi_wready_i) {
            while (w_aw < aws.size() && aws[w_aw].beats_in == aws[w_aw].beats) ++w_aw;
            if (w_aw == aws.size()) {
                error(rel, "a W beat before its AW");
            } else {
                AwBurst& a = aws[w_aw];
                const uint64_t at = a.addr + uint64_t(a.beats_in) * beat_bytes;
                for (uint64_t i = 0; i < beat_bytes; ++i)
                    m.at(at + i) = get_byte(t.m_axi_wdata_o, i);
                ++a.beats_in;
                if (bool(t.m_axi_wlast_o) != (a.beats_in == a.beats))
                    error(rel, "WLAST " + std::to_string(t.m_axi_wlast_o) + " on beat " +
                                   std::to_string(a.beats_in) + " of " + std::to_string(a.beats));
            }
        }
        if (t.irq_o && ended_iter == ~0ull && s != ~0ull) ended_iter = k;
        // The Lite master: does the current operation's handshake or response happen at k?
        bool op_handshake = false, op_response = false;
        if (op < ops.size() && op_issued)
            op_handshake = ops[op].write ? (t.s_axil_awready_o && t.s_axil_wready_o)
                                         : bool(t.s_axil_arready_o);
        if (op < ops.size() && op_resp)
            op_response = ops[op].write ? bool(t.s_axil_bvalid_o) : bool(t.s_axil_rvalid_o);
        if (op_response && !ops[op].write) read_values[op] = t.s_axil_rdata_o;
        const bool start_now = op_handshake && ops[op].what == "start";
        if (s != ~0ull) {
            const auto r = dram.step();
            if (r.read_bursts_delivered) rd_data.push_back({rel, r.read_bursts_delivered});
            if (r.write_bursts_done) wr_done.push_back({rel, r.write_bursts_done});
            for (uint32_t i = 0; i < r.read_bursts_delivered; ++i) {
                const uint64_t a = read_bursts.front();
                read_bursts.pop_front();
                const bool last = --ar_bursts_left.front() == 0;
                if (last) ar_bursts_left.pop_front();
                for (uint32_t j = 0; j < beats; ++j) {
                    std::vector<uint8_t> d(beat_bytes);
                    for (uint64_t x = 0; x < beat_bytes; ++x) d[x] = m.read(a + j * beat_bytes + x);
                    r_beats.push_back({d, last && j + 1 == beats});
                }
            }
            for (uint32_t i = 0, n = r.write_bursts_done; n > 0; ++i) {
                AwBurst& a = aws.at(i);  // the model moves bursts in AW order
                const uint32_t take = std::min(n, a.bursts - a.moved);
                a.moved += take;
                n -= take;
            }
        }
        // B: in AW order, once moved and complete.
        while (b_ready_count < aws.size() &&
               aws[b_ready_count].moved == aws[b_ready_count].bursts &&
               aws[b_ready_count].beats_in == aws[b_ready_count].beats)
            ++b_ready_count;

        const bool r_taken = t.m_axi_rvalid_i && t.m_axi_rready_o;
        const bool b_taken = t.m_axi_bvalid_i && t.m_axi_bready_o;
        t.clk_i = 1;  // edge k
        b.eval();
        if (start_now) s = k + 1;  // start_q is set at k; the idle top takes it at k+1
        // R and B for edge k+1.
        if (r_taken) r_beats.pop_front();
        t.m_axi_rvalid_i = !r_beats.empty();
        if (!r_beats.empty()) {
            for (uint64_t x = 0; x < beat_bytes; ++x)
                set_byte(t.m_axi_rdata_i, x, r_beats.front().first[x]);
            t.m_axi_rlast_i = r_beats.front().second;
        }
        if (b_taken) ++b_sent;
        t.m_axi_bvalid_i = b_sent < b_ready_count;
        if (stall) {  // the readies of edge k+1
            t.m_axi_arready_i = ready_bit();
            t.m_axi_awready_i = ready_bit();
            t.m_axi_wready_i = ready_bit();
        }
        // The Lite master's next step.
        if (op_handshake) {
            op_issued = false;
            op_resp = true;
            t.s_axil_awvalid_i = t.s_axil_wvalid_i = t.s_axil_arvalid_i = 0;
        }
        if (op_response) {
            op_resp = false;
            ++op;
        }
        const bool may_issue = op < ops.size() && (op < post || ended_iter != ~0ull);
        if (may_issue && !op_issued && !op_resp) {
            op_issued = true;
            if (ops[op].write) {
                t.s_axil_awaddr_i = ops[op].addr;
                t.s_axil_wdata_i = ops[op].data;
                t.s_axil_awvalid_i = t.s_axil_wvalid_i = 1;
            } else {
                t.s_axil_araddr_i = ops[op].addr;
                t.s_axil_arvalid_i = 1;
            }
        }
        t.clk_i = 0;
        b.eval();
        if (op == ops.size()) break;
    }
    // irq_o is registered from done_q, which done_o set: done_o was written two edges before
    // the edge that first sampled irq_o = 1.
    const uint64_t end_rel = ended_iter == ~0ull || s == ~0ull ? ~0ull : ended_iter - 2 - s;
    json readback = json::array();
    const size_t n_desc = axi.at("writes").size();
    for (size_t i = 0; i < n_desc; ++i)
        readback.push_back({ops[n_desc + i].addr, read_values[n_desc + i]});
    return {{"name", job.at("name")},
            {"start_cycle", s == ~0ull ? ~0ull : 0},
            {"end_cycle", end_rel},
            {"reads", reads},
            {"writes", writes},
            {"rd_data", rd_data},
            {"wr_done", wr_done},
            {"timed_out", timed_out},
            {"out", m.output_hex(job)},
            {"axi",
             {{"start_edge", s},
              {"cycles_register", read_values[post]},
              {"status_done", read_values[post + 1]},
              {"status_cleared", read_values[post + 3]},
              {"id", read_values[2 * n_desc]},
              {"readback", readback},
              {"errors", errors}}}};
}

}  // namespace

int main(int argc, char** argv) {
    return runner_main<Vedgesa_axi_top>(argc, argv, run_job);
}
