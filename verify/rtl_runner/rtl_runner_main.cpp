// The Verilator testbench of edgesa_top (docs/rtl-interface.md, "Verilator runner"): reads a job
// file (verify/rtl_run.cpp writes it), holds a byte memory with each job's image, drives the top's
// memory port with the same DramModel as the SystemC DRAM wrapper (sim/memory/dram_unit.cpp: the
// requests written at edge t are pushed and stepped at edge t+1, whose responses the top sees at
// edge t+2), presents each layer descriptor at its start edge and writes a result JSON: per layer
// start and end edge, every read and write request (edge it was issued, address, bursts), every
// DRAM response (edge the model delivered read bursts or moved write bursts: the handshake trace)
// and the output bytes. Cycle 0 is the first edge after reset; each job runs from reset.
// Usage: rtl_runner JOBS.json RESULT.json
// Built with Vedgesa_top (verilator --cc --exe --build [--trace] --top-module edgesa_top
// --prefix Vedgesa_top), sim/memory/dram_model.cpp and the include paths core/, sim/, verify/.
// Only a runner built with --trace (VM_TRACE) writes a VCD (verify/runner_cache.cpp).
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "Vedgesa_top.h"
#include "memory/dram_model.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_vcd_c.h"
#endif

namespace {

using nlohmann::json;

// Byte i of a Verilated port (scalar types up to 64 bits, VlWide above).
template <class T>
uint8_t get_byte(const T& port, size_t i) {
    if constexpr (std::is_integral_v<T>)
        return uint8_t(uint64_t(port) >> (8 * i));
    else
        return uint8_t(port[i / 4] >> (8 * (i % 4)));
}
template <class T>
void set_byte(T& port, size_t i, uint8_t b) {
    if constexpr (std::is_integral_v<T>) {
        port = T((uint64_t(port) & ~(uint64_t(0xff) << (8 * i))) | (uint64_t(b) << (8 * i)));
    } else {
        port[i / 4] = (port[i / 4] & ~(0xffu << (8 * (i % 4)))) | (uint32_t(b) << (8 * (i % 4)));
    }
}
std::vector<uint8_t> unhex(const std::string& s) {
    std::vector<uint8_t> b(s.size() / 2);
    for (size_t i = 0; i < b.size(); ++i)
        b[i] = uint8_t(std::stoi(s.substr(2 * i, 2), nullptr, 16));
    return b;
}
std::string hex(const std::vector<uint8_t>& b) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (uint8_t c : b) {
        s += d[c >> 4];
        s += d[c & 15];
    }
    return s;
}

struct Bench {
    VerilatedContext ctx;
    std::unique_ptr<Vedgesa_top> top;
#if VM_TRACE
    std::unique_ptr<VerilatedVcdC> vcd;
#endif
    uint64_t time = 0;

    explicit Bench(const std::string& vcd_path) {
        top = std::make_unique<Vedgesa_top>(&ctx);
        if (vcd_path.empty()) return;
#if VM_TRACE
        ctx.traceEverOn(true);
        vcd = std::make_unique<VerilatedVcdC>();
        top->trace(vcd.get(), 99);
        vcd->open(vcd_path.c_str());
#else
        throw std::runtime_error("a VCD was asked for but this runner was built without --trace");
#endif
    }
    ~Bench() {
#if VM_TRACE
        if (vcd) vcd->close();
#endif
        top->final();
    }
    void eval() {
        top->eval();
#if VM_TRACE
        if (vcd) vcd->dump(time);
#endif
        ++time;
    }
};

json run_job(Bench& b, const json& job, uint64_t max_cycles) {
    Vedgesa_top& t = *b.top;
    const std::vector<uint8_t> image = unhex(job.at("image").get<std::string>());
    const uint64_t image_addr = job.at("image_addr").get<uint64_t>();
    const uint64_t out_addr = job.at("out_addr").get<uint64_t>();
    const uint64_t start_cycle = job.at("start_cycle").get<uint64_t>();
    const uint64_t out_values = job.at("out_values").get<uint64_t>();
    const int out_bits = job.at("out_bits").get<int>();
    edgesa::sim::DramParams p;
    p.millibytes_per_cycle = job.at("dram").at("millibytes_per_cycle").get<int64_t>();
    p.burst_bytes = job.at("dram").at("burst_bytes").get<int64_t>();
    p.latency_cycles = job.at("dram").at("latency_cycles").get<int64_t>();
    const uint64_t burst = uint64_t(p.burst_bytes);
    edgesa::sim::DramModel dram(p);
    std::vector<uint8_t> mem(image_addr + image.size(), 0);
    std::copy(image.begin(), image.end(), mem.begin() + long(image_addr));
    auto mem_at = [&mem](uint64_t a) -> uint8_t& {
        if (a >= mem.size()) mem.resize(a + 1, 0);
        return mem[a];
    };

    const json& d = job.at("desc");
    // Reset, descriptor fields driven (valid low until the start edge).
    t.clk_i = 0;
    t.rst_ni = 0;
    t.desc_valid_i = 0;
    t.desc_image_addr_i = uint32_t(image_addr);
    t.desc_image_bytes_i = uint32_t(image.size());
    t.desc_out_addr_i = uint32_t(out_addr);
    t.desc_k_i = d.at("k").get<uint32_t>();
    t.desc_n_i = d.at("n").get<uint32_t>();
    t.desc_kb_i = d.at("kb").get<uint32_t>();
    t.desc_rb_i = d.at("rb").get<uint32_t>();
    t.desc_g_i = d.at("g").get<uint32_t>();
    t.desc_resident_i = d.at("resident").get<bool>();
    t.desc_has_bias_i = d.at("has_bias").get<bool>();
    t.desc_act_i = d.at("act").get<uint32_t>();
    t.desc_w_fmt_i = d.at("w_fmt").get<uint32_t>();
    t.desc_x_fmt_i = d.at("x_fmt").get<uint32_t>();
    t.desc_p1_fmt_i = d.at("p1_fmt").get<uint32_t>();
    t.desc_o_fmt_i = d.at("o_fmt").get<uint32_t>();
    t.desc_pool_op_i = d.at("pool_op").get<uint32_t>();
    t.desc_pool_count_i = d.at("pool_count").get<uint32_t>();
    t.desc_pool_scale_i = d.at("pool_scale").get<bool>();
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
    // rd_max and wr_max bursts); a runner built from another design's RTL is refused.
    const auto port_bytes = [&](const char* key) -> size_t {
        const uint64_t n = job.at("dram").at(key).get<uint64_t>() * burst;  // Verilator's C type
        return n <= 1 ? 1 : n <= 2 ? 2 : n <= 4 ? 4 : n <= 8 ? 8 : (n + 3) / 4 * 4;
    };
    if (port_bytes("rd_max") != rd_port || port_bytes("wr_max") != wr_port)
        throw std::runtime_error(
            "rtl_runner: the memory ports of this top do not match the job's "
            "hardware layout (rd_max, wr_max): rebuild the runner");
    for (uint64_t k = 0;; ++k) {
        if (k > max_cycles) {  // a deadlock: say how far the top got, return what it did
            auto last = [](const json& a) {
                return a.empty()
                           ? std::string("none")
                           : "the last at edge " + std::to_string(a.back()[0].get<uint64_t>());
            };
            std::fprintf(
                stderr, "rtl_runner: %s\n",
                ("job " + job.at("name").get<std::string>() + ": no done_o within " +
                 std::to_string(max_cycles) + " cycles (descriptor " +
                 (started == ~0ull ? std::string("never accepted")
                                   : "accepted at edge " + std::to_string(started)) +
                 "; " + std::to_string(reads.size()) + " read requests, " + last(reads) + "; " +
                 std::to_string(writes.size()) + " write requests, " + last(writes) + ")")
                    .c_str());
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
                mem_at(t.wr_req_addr_o + i) = get_byte(t.wr_req_data_o, i);
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
                set_byte(t.rd_data_i, i * burst + j, a + j < mem.size() ? mem[a + j] : 0);
        }
        t.wr_done_bursts_i = r.write_bursts_done;
        t.clk_i = 0;
        b.eval();
    }
    const uint64_t out_bytes = (out_values * uint64_t(out_bits) + 7) / 8;
    std::vector<uint8_t> out(out_bytes);
    for (uint64_t i = 0; i < out_bytes; ++i) out[i] = mem_at(out_addr + i);
    return {{"name", job.at("name")}, {"start_cycle", started}, {"end_cycle", ended},
            {"reads", reads},         {"writes", writes},       {"rd_data", rd_data},
            {"wr_done", wr_done},     {"timed_out", timed_out}, {"out", hex(out)}};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: rtl_runner JOBS.json RESULT.json\n");
        return 2;
    }
    try {
        std::ifstream in(argv[1]);
        if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
        const json doc = json::parse(in);
        Bench bench(doc.value("vcd", std::string()));
        json layers = json::array();
        for (const auto& job : doc.at("jobs")) {
            uint64_t max_cycles = doc.value("max_cycles", uint64_t(0));
            if (max_cycles == 0) max_cycles = uint64_t(1) << 32;  // deadlock guard
            layers.push_back(run_job(bench, job, max_cycles));
        }
        const std::string tmp = std::string(argv[2]) + ".tmp";
        {
            std::ofstream out(tmp);
            out << json{{"layers", layers}}.dump() << "\n";
            if (!out) throw std::runtime_error("cannot write " + tmp);
        }
        if (std::rename(tmp.c_str(), argv[2]) != 0)
            throw std::runtime_error(std::string("cannot write ") + argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtl_runner: %s\n", e.what());
        return 1;
    }
    return 0;
}
