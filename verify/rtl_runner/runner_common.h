#pragma once
// What the two Verilator testbenches share (rtl_runner_main.cpp drives edgesa_top's ports,
// axi_runner_main.cpp drives edgesa_axi_top's AXI buses): byte access to Verilated ports, the hex
// of the job and result files, the bench (model, optional VCD), the job's DRAM parameters and
// byte memory, and main() (jobs file in, result file out). Header only: each runner is one
// translation unit verilated with its own top (verify/runner_cache.cpp).
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "memory/dram_model.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_vcd_c.h"
#endif

namespace edgesa::runner {

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
inline std::vector<uint8_t> unhex(const std::string& s) {
    std::vector<uint8_t> b(s.size() / 2);
    for (size_t i = 0; i < b.size(); ++i)
        b[i] = uint8_t(std::stoi(s.substr(2 * i, 2), nullptr, 16));
    return b;
}
inline std::string hex(const std::vector<uint8_t>& b) {
    static const char* d = "0123456789abcdef";
    std::string s;
    for (uint8_t c : b) {
        s += d[c >> 4];
        s += d[c & 15];
    }
    return s;
}

// The Verilated model and, in a runner built with --trace, its VCD.
template <class Model>
struct Bench {
    VerilatedContext ctx;
    std::unique_ptr<Model> top;
#if VM_TRACE
    std::unique_ptr<VerilatedVcdC> vcd;
#endif
    uint64_t time = 0;

    explicit Bench(const std::string& vcd_path) {
        top = std::make_unique<Model>(&ctx);
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

// One job's memory side: its DRAM timing and a byte memory holding the image at image_addr.
struct JobMemory {
    sim::DramParams dram;
    uint64_t burst = 0, image_addr = 0, image_bytes = 0, out_addr = 0;
    std::vector<uint8_t> mem;

    explicit JobMemory(const json& job) {
        const std::vector<uint8_t> image = unhex(job.at("image").get<std::string>());
        image_addr = job.at("image_addr").get<uint64_t>();
        image_bytes = image.size();
        out_addr = job.at("out_addr").get<uint64_t>();
        dram.millibytes_per_cycle = job.at("dram").at("millibytes_per_cycle").get<int64_t>();
        dram.burst_bytes = job.at("dram").at("burst_bytes").get<int64_t>();
        dram.latency_cycles = job.at("dram").at("latency_cycles").get<int64_t>();
        burst = uint64_t(dram.burst_bytes);
        mem.assign(image_addr + image.size(), 0);
        std::copy(image.begin(), image.end(), mem.begin() + long(image_addr));
    }
    uint8_t& at(uint64_t a) {
        if (a >= mem.size()) mem.resize(a + 1, 0);
        return mem[a];
    }
    uint8_t read(uint64_t a) const { return a < mem.size() ? mem[a] : 0; }
    // The packed output: packed_bytes(out_values, out_bits) bytes from out_addr, hex.
    std::string output_hex(const json& job) {
        const uint64_t out_bytes =
            (job.at("out_values").get<uint64_t>() * job.at("out_bits").get<uint64_t>() + 7) / 8;
        std::vector<uint8_t> out(out_bytes);
        for (uint64_t i = 0; i < out_bytes; ++i) out[i] = at(out_addr + i);
        return hex(out);
    }
};

// Bytes of Verilator's C type for a port of `bytes` bytes.
inline size_t verilated_port_bytes(uint64_t bytes) {
    return bytes <= 1 ? 1 : bytes <= 2 ? 2 : bytes <= 4 ? 4 : bytes <= 8 ? 8 : (bytes + 3) / 4 * 4;
}

// The deadlock message: how far the top got (descriptor, requests) when max_cycles ran out.
inline void report_timeout(const json& job, uint64_t max_cycles, uint64_t started,
                           const json& reads, const json& writes) {
    auto last = [](const json& a) {
        return a.empty() ? std::string("none")
                         : "the last at edge " + std::to_string(a.back()[0].get<uint64_t>());
    };
    std::fprintf(stderr, "rtl_runner: %s\n",
                 ("job " + job.at("name").get<std::string>() + ": no done_o within " +
                  std::to_string(max_cycles) + " cycles (descriptor " +
                  (started == ~0ull ? std::string("never accepted")
                                    : "accepted at edge " + std::to_string(started)) +
                  "; " + std::to_string(reads.size()) + " read requests, " + last(reads) + "; " +
                  std::to_string(writes.size()) + " write requests, " + last(writes) + ")")
                     .c_str());
}

// Usage: <runner> JOBS.json RESULT.json. Runs every job through `run_job(bench, job,
// max_cycles)` and writes {"layers": [...]} atomically.
template <class Model, class RunJob>
int runner_main(int argc, char** argv, RunJob run_job) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: rtl_runner JOBS.json RESULT.json\n");
        return 2;
    }
    try {
        std::ifstream in(argv[1]);
        if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
        const json doc = json::parse(in);
        Bench<Model> bench(doc.value("vcd", std::string()));
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

}  // namespace edgesa::runner
