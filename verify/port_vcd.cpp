#include "port_vcd.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "io/atomic_file.h"

namespace edgesa::verify {

namespace {

struct Signal {
    const char* name;
    int bits;
    char id;
};

const Signal kSignals[] = {{"clk_i", 1, '!'},
                           {"desc_valid_i", 1, '"'},
                           {"done_o", 1, '#'},
                           {"rd_req_bursts_o", 16, '$'},
                           {"rd_req_addr_o", 32, '%'},
                           {"rd_data_bursts_i", 16, '&'},
                           {"wr_req_bursts_o", 16, '\''},
                           {"wr_req_addr_o", 32, '('},
                           {"wr_done_bursts_i", 16, ')'}};

std::string value(const Signal& s, uint64_t v) {
    if (s.bits == 1) return fmt::format("{}{}\n", v ? 1 : 0, s.id);
    return fmt::format("b{:b} {}\n", v, s.id);
}

}  // namespace

void write_port_vcd(const std::string& path, const PortTrace& t, uint64_t period_ps) {
    // Per edge, the value every signal holds during that cycle (0 when nothing happens).
    std::map<uint64_t, std::vector<uint64_t>> at;
    auto set = [&](uint64_t cycle, int sig, uint64_t v) {
        auto& row = at[cycle];
        row.resize(std::size(kSignals), 0);
        row[size_t(sig)] = v;
        at[cycle + 1].resize(std::size(kSignals), 0);  // back to 0 at the next edge
    };
    constexpr uint64_t kNone = ~0ull;  // never started / no done_o (deadlock guard)
    if (t.start_cycle != kNone) set(t.start_cycle, 1, 1);
    if (t.end_cycle != kNone) set(t.end_cycle, 2, 1);
    for (const auto& e : t.rd_req) set(e.cycle, 3, e.bursts), set(e.cycle, 4, e.addr);
    for (const auto& e : t.rd_data) set(e.cycle, 5, e.bursts);
    for (const auto& e : t.wr_req) set(e.cycle, 6, e.bursts), set(e.cycle, 7, e.addr);
    for (const auto& e : t.wr_done) set(e.cycle, 8, e.bursts);
    std::string s = "$timescale 1ps $end\n$scope module edgesa_top $end\n";
    for (const auto& g : kSignals)
        s += fmt::format("$var wire {} {} {} $end\n", g.bits, g.id, g.name);
    s += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
    for (const auto& g : kSignals) s += value(g, 0);
    s += "$end\n";
    std::vector<uint64_t> cur(std::size(kSignals), 0);
    const uint64_t last = at.empty() ? 0 : at.rbegin()->first;
    for (uint64_t k = 0; k <= last; ++k) {  // clock edges, and the changes at each
        s += fmt::format("#{}\n1!\n", k * period_ps);
        auto it = at.find(k);
        if (it != at.end())
            for (size_t i = 1; i < std::size(kSignals); ++i)
                if (it->second[i] != cur[i]) s += value(kSignals[i], cur[i] = it->second[i]);
        s += fmt::format("#{}\n0!\n", k * period_ps + period_ps / 2);
    }
    write_file_atomic(path, s);
}

}  // namespace edgesa::verify
