// The Verilator testbench of edgesa_top (docs/rtl-interface.md, "Verilator runner"): reads a job
// file (verify/rtl_run.cpp writes it), holds a byte memory with each job's image, drives the top's
// memory port with the same DramModel as the SystemC DRAM wrapper (sim/memory/dram_unit.cpp: the
// requests written at edge t are pushed and stepped at edge t+1, whose responses the top sees at
// edge t+2), presents each layer descriptor at its start edge and writes a result JSON: per layer
// start and end edge, every read and write request (edge it was issued, address, bursts), every
// DRAM response (edge the model delivered read bursts or moved write bursts: the handshake trace)
// and the output bytes. Cycle 0 is the first edge after reset; each job runs from reset.
// Usage: rtl_runner JOBS.json RESULT.json (runner_common.h: what both runners share)
// Built with Vedgesa_top (verilator --cc --exe --build [--trace] --top-module edgesa_top
// --prefix Vedgesa_top), sim/memory/dram_model.cpp and the include paths core/, sim/, verify/.
// Only a runner built with --trace (VM_TRACE) writes a VCD (verify/runner_cache.cpp).
#include <deque>

#include "Vedgesa_top.h"
#include "runner_common.h"

namespace {

using namespace edgesa::runner;

json run_job(Bench<Vedgesa_top>& b, const json& job, uint64_t max_cycles) {
    Vedgesa_top& t = *b.top;
    JobMemory m(job);
    const uint64_t start_cycle = job.at("start_cycle").get<uint64_t>();
    const uint64_t burst = m.burst;
    edgesa::sim::DramModel dram(m.dram);

    const json& d = job.at("desc");
    // Reset, descriptor fields driven (valid low until the start edge).
    t.clk_i = 0;
    t.rst_ni = 0;
    t.desc_valid_i = 0;
    t.desc_image_addr_i = uint32_t(m.image_addr);
    t.desc_image_bytes_i = uint32_t(m.image_bytes);
    t.desc_out_addr_i = uint32_t(m.out_addr);
    t.desc_k_i = d.at("k").get<uint32_t>();
    t.desc_n_i = d.at("n").get<uint32_t>();
    t.desc_kb_i = d.at("kb").get<uint32_t>();
    t.desc_rb_i = d.at("rb").get<uint32_t>();
    t.desc_g_i = d.at("g").get<uint32_t>();
    t.desc_resident_i = d.at("resident").get<uint32_t>() != 0;
    t.desc_has_bias_i = d.at("has_bias").get<uint32_t>() != 0;
    t.desc_act_i = d.at("act").get<uint32_t>();
    t.desc_w_fmt_i = d.at("w_fmt").get<uint32_t>();
    t.desc_x_fmt_i = d.at("x_fmt").get<uint32_t>();
    t.desc_p1_fmt_i = d.at("p1_fmt").get<uint32_t>();
    t.desc_o_fmt_i = d.at("o_fmt").get<uint32_t>();
    t.desc_pool_op_i = d.at("pool_op").get<uint32_t>();
    t.desc_pool_count_i = d.at("pool_count").get<uint32_t>();
    t.desc_pool_scale_i = d.at("pool_scale").get<uint32_t>() != 0;
    t.desc_pool_recip_i = d.at("pool_recip").get<uint32_t>();
    t.rd_data_bursts_i = 0;
    t.wr_done_bursts_i = 0;
    b.eval();
    t.rst_ni = 1;
    b.eval();

    json reads = json::array(), writes = json::array(), rd_data = json::array(),
         wr_done = json::array();
    std::deque<uint64_t> read_bursts;         // addresses of requested bursts, in order
    uint64_t started = ~0ull, ended = ~0ull;  // ~0: never (the deadlock guard stopped the job)
    bool timed_out = false;
    const size_t rd_port = sizeof(t.rd_data_i), wr_port = sizeof(t.wr_req_data_o);
    // The ports are sized by the hardware description the job was made from (core/hw/hw_layout.h:
    // rd_max and wr_port bursts); a runner built from another design's RTL is refused.
    const auto port_bytes = [&](const char* key) {
        return verilated_port_bytes(job.at("dram").at(key).get<uint64_t>() * burst);
    };
    if (port_bytes("rd_max") != rd_port || port_bytes("wr_port") != wr_port)
        throw std::runtime_error(
            "rtl_runner: the memory ports of this top do not match the job's "
            "hardware layout (rd_max, wr_port): rebuild the runner");
    for (uint64_t k = 0;; ++k) {
        if (k > max_cycles) {  // a deadlock: say how far the top got, return what it did
            report_timeout(job, max_cycles, started, reads, writes);
            timed_out = true;
            break;
        }
        // What the top wrote at edge k-1, seen by the DRAM wrapper at edge k.
        const uint32_t rq = t.rd_req_bursts_o, wq = t.wr_req_bursts_o;
        if (rq) {
            reads.push_back({k - 1, uint64_t(t.rd_req_addr_o), rq});
            for (uint32_t i = 0; i < rq; ++i)
                read_bursts.push_back(uint64_t(t.rd_req_addr_o) + i * burst);
            dram.push_read(rq);
        }
        if (wq) {
            writes.push_back({k - 1, uint64_t(t.wr_req_addr_o), wq});
            if (wq * burst > wr_port)
                throw std::runtime_error("write request larger than the write data port");
            for (size_t i = 0; i < wq * burst; ++i)
                m.at(t.wr_req_addr_o + i) = get_byte(t.wr_req_data_o, i);
            dram.push_write(wq);
        }
        if (t.done_o) {
            ended = k - 1;
            break;
        }
        if (k == start_cycle) t.desc_valid_i = 1;
        if (t.desc_valid_i && t.desc_ready_o) started = k;
        const auto r = dram.step();
        if (r.read_bursts_delivered) rd_data.push_back({k, r.read_bursts_delivered});
        if (r.write_bursts_done) wr_done.push_back({k, r.write_bursts_done});
        t.clk_i = 1;  // edge k
        b.eval();
        if (started == k) t.desc_valid_i = 0;
        // Responses of edge k, seen by the top at edge k+1.
        t.rd_data_bursts_i = r.read_bursts_delivered;
        if (r.read_bursts_delivered * burst > rd_port)
            throw std::runtime_error("read delivery larger than the read data port");
        for (uint32_t i = 0; i < r.read_bursts_delivered; ++i) {
            const uint64_t a = read_bursts.front();
            read_bursts.pop_front();
            for (uint64_t j = 0; j < burst; ++j)
                set_byte(t.rd_data_i, i * burst + j, m.read(a + j));
        }
        t.wr_done_bursts_i = r.write_bursts_done;
        t.clk_i = 0;
        b.eval();
    }
    return {{"name", job.at("name")}, {"start_cycle", started}, {"end_cycle", ended},
            {"reads", reads},         {"writes", writes},       {"rd_data", rd_data},
            {"wr_done", wr_done},     {"timed_out", timed_out}, {"out", m.output_hex(job)}};
}

}  // namespace

int main(int argc, char** argv) {
    return runner_main<Vedgesa_top>(argc, argv, run_job);
}
