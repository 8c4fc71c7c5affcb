#include "compare.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace edgesa::verify {

namespace {

uint64_t mask(int bits) {
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

std::string txn_text(uint64_t cycle, uint64_t addr, uint32_t bursts) {
    return fmt::format("cycle {} addr 0x{:x} bursts {}", cycle, addr, bursts);
}

// The first differing transaction of two lists, as a mismatch of `item`.
std::optional<Mismatch> compare_txns(const std::string& item, const std::vector<sim::MemEvent>& exp,
                                     const std::vector<MemTxn>& act) {
    const size_t n = std::max(exp.size(), act.size());
    for (size_t i = 0; i < n; ++i) {
        const bool he = i < exp.size(), ha = i < act.size();
        if (he && ha && exp[i].cycle == act[i].cycle && exp[i].addr == act[i].addr &&
            exp[i].bursts == act[i].bursts)
            continue;
        Mismatch m;
        m.item = item;
        m.index = int64_t(i);
        m.expected =
            he ? txn_text(exp[i].cycle, exp[i].addr, exp[i].bursts) : "none (SystemC has no more)";
        m.actual =
            ha ? txn_text(act[i].cycle, act[i].addr, act[i].bursts) : "none (RTL has no more)";
        m.expected_cycle = he ? exp[i].cycle : act[i].cycle;
        m.actual_cycle = ha ? act[i].cycle : exp[i].cycle;
        m.cycle = std::min(m.expected_cycle, m.actual_cycle);
        return m;
    }
    return std::nullopt;
}

// The first differing DRAM response (edge, bursts) up to each side's end edge.
std::optional<Mismatch> compare_beats(const std::string& item,
                                      const std::vector<sim::PortBeat>& exp_all, uint64_t exp_end,
                                      const std::vector<sim::PortBeat>& act_all, uint64_t act_end) {
    auto upto = [](const std::vector<sim::PortBeat>& v, uint64_t end) {
        std::vector<sim::PortBeat> r;
        for (const auto& b : v)
            if (b.cycle <= end) r.push_back(b);
        return r;
    };
    const auto exp = upto(exp_all, exp_end), act = upto(act_all, act_end);
    const size_t n = std::max(exp.size(), act.size());
    for (size_t i = 0; i < n; ++i) {
        const bool he = i < exp.size(), ha = i < act.size();
        if (he && ha && exp[i].cycle == act[i].cycle && exp[i].bursts == act[i].bursts) continue;
        Mismatch m;
        m.item = item;
        m.index = int64_t(i);
        m.expected = he ? fmt::format("cycle {} bursts {}", exp[i].cycle, exp[i].bursts)
                        : "none (SystemC has no more)";
        m.actual = ha ? fmt::format("cycle {} bursts {}", act[i].cycle, act[i].bursts)
                      : "none (RTL has no more)";
        m.expected_cycle = he ? exp[i].cycle : act[i].cycle;
        m.actual_cycle = ha ? act[i].cycle : exp[i].cycle;
        m.cycle = std::min(m.expected_cycle, m.actual_cycle);
        return m;
    }
    return std::nullopt;
}

// The SystemC edge of the write-back transaction that carries byte `addr`.
uint64_t write_cycle_of(const std::vector<sim::MemEvent>& writes, uint64_t addr, uint64_t burst,
                        uint64_t fallback) {
    for (const auto& w : writes)
        if (addr >= w.addr && addr < w.addr + uint64_t(w.bursts) * burst) return w.cycle;
    return fallback;
}

}  // namespace

std::vector<uint8_t> pack_codes(const std::vector<int64_t>& codes, int bits) {
    std::vector<uint8_t> out((codes.size() * size_t(bits) + 7) / 8, 0);
    uint64_t pos = 0;
    for (int64_t c : codes) {
        const uint64_t v = uint64_t(c) & mask(bits);
        for (int b = 0; b < bits; ++b, ++pos)
            if ((v >> b) & 1) out[pos / 8] |= uint8_t(1u << (pos % 8));
    }
    return out;
}

std::vector<uint64_t> unpack_codes(const std::vector<uint8_t>& bytes, int bits, size_t count) {
    std::vector<uint64_t> out;
    out.reserve(count);
    uint64_t pos = 0;
    for (size_t i = 0; i < count && (pos + uint64_t(bits)) <= bytes.size() * 8; ++i) {
        uint64_t v = 0;
        for (int b = 0; b < bits; ++b, ++pos)
            if ((bytes[pos / 8] >> (pos % 8)) & 1) v |= 1ull << b;
        out.push_back(v);
    }
    return out;
}

std::optional<Mismatch> compare_outputs(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                        const Layer& layer, int bits, uint64_t burst_bytes,
                                        uint64_t out_addr) {
    const auto act = unpack_codes(rtl.out_bytes, bits, sc.codes.size());
    for (size_t i = 0; i < sc.codes.size(); ++i) {
        const uint64_t e = uint64_t(sc.codes[i]) & mask(bits);
        const bool have = i < act.size();
        if (have && act[i] == e) continue;
        Mismatch m;
        m.item = "output";
        m.index = int64_t(i);
        const uint32_t el = sc.write_order[i];
        const int64_t hw = layer.out.h * layer.out.w;
        m.coord = fmt::format("c={} h={} w={}", el / hw, (el % hw) / layer.out.w, el % layer.out.w);
        const int digits = (bits + 3) / 4;
        m.expected = fmt::format("0x{:0{}x}", e, digits);
        m.actual =
            have ? fmt::format("0x{:0{}x}", act[i], digits) : "missing (RTL wrote fewer bytes)";
        const uint64_t byte = out_addr + uint64_t(i) * uint64_t(bits) / 8;
        const uint64_t burst_addr = out_addr + (byte - out_addr) / burst_bytes * burst_bytes;
        m.cycle = m.expected_cycle = m.actual_cycle =
            write_cycle_of(sc.writes, burst_addr, burst_bytes, sc.end_cycle);
        m.layer = sc.name;
        return m;
    }
    return std::nullopt;
}

std::optional<Mismatch> compare_layer(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                      const Layer& layer, int bits, uint64_t burst_bytes,
                                      uint64_t out_addr) {
    std::vector<Mismatch> found;  // the first of each kind; the earliest in time is reported
    if (sc.start_cycle != rtl.start_cycle) {
        Mismatch m;
        m.item = "start_cycle";
        m.expected = fmt::format("{}", sc.start_cycle);
        m.actual = rtl.start_cycle == kNoEdge ? "never (descriptor not accepted)"
                                              : fmt::format("{}", rtl.start_cycle);
        m.expected_cycle = sc.start_cycle;
        m.actual_cycle = rtl.start_cycle;
        m.cycle = std::min(sc.start_cycle, rtl.start_cycle);
        found.push_back(m);
    }
    if (auto m = compare_txns("read", sc.reads, rtl.reads)) found.push_back(*m);
    if (auto m = compare_txns("write", sc.writes, rtl.writes)) found.push_back(*m);
    if (auto m = compare_beats("read_data", sc.rd_data, sc.end_cycle, rtl.rd_data, rtl.end_cycle))
        found.push_back(*m);
    if (auto m = compare_beats("write_done", sc.wr_done, sc.end_cycle, rtl.wr_done, rtl.end_cycle))
        found.push_back(*m);

    if (auto m = compare_outputs(sc, rtl, layer, bits, burst_bytes, out_addr)) found.push_back(*m);
    if (sc.end_cycle != rtl.end_cycle) {
        Mismatch m;
        m.item = "end_cycle";
        m.expected = fmt::format("{}", sc.end_cycle);
        m.actual = rtl.end_cycle == kNoEdge ? "never (no done_o: stopped by the deadlock guard)"
                                            : fmt::format("{}", rtl.end_cycle);
        m.expected_cycle = sc.end_cycle;
        m.actual_cycle = rtl.end_cycle;
        m.cycle = std::min(sc.end_cycle, rtl.end_cycle);
        found.push_back(m);
    }
    if (found.empty()) return std::nullopt;
    // Earliest edge first; at the same edge: start, read, write, read data, write done, output,
    // end (the list order).
    auto it =
        std::min_element(found.begin(), found.end(),
                         [](const Mismatch& a, const Mismatch& b) { return a.cycle < b.cycle; });
    Mismatch m = *it;
    m.layer = sc.name;
    return m;
}

namespace {

// One side's ports, edge by edge (only edges with activity).
template <class Txn, class Side>
std::map<uint64_t, PortEdge> port_edges(const Side& side, const std::vector<Txn>& reads,
                                        const std::vector<Txn>& writes) {
    std::map<uint64_t, PortEdge> e;
    auto req = [](uint64_t addr, uint32_t bursts) {
        return fmt::format("0x{:x} x{}", addr, bursts);
    };
    for (const auto& t : reads) e[t.cycle].rd_req = req(t.addr, t.bursts);
    for (const auto& t : writes) e[t.cycle].wr_req = req(t.addr, t.bursts);
    for (const auto& b : side.rd_data)
        if (b.cycle <= side.end_cycle) e[b.cycle].rd_data = std::to_string(b.bursts);
    for (const auto& b : side.wr_done)
        if (b.cycle <= side.end_cycle) e[b.cycle].wr_done = std::to_string(b.bursts);
    if (side.start_cycle != kNoEdge) e[side.start_cycle].desc = "start";
    if (side.end_cycle != kNoEdge) e[side.end_cycle].done = "done";
    return e;
}

}  // namespace

std::vector<TraceRow> handshake_trace(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                      uint64_t cycle, uint64_t window) {
    const auto a = port_edges(sc, sc.reads, sc.writes);
    const auto b = port_edges(rtl, rtl.reads, rtl.writes);
    std::set<uint64_t> active;
    for (const auto& [c, _] : a) active.insert(c);
    for (const auto& [c, _] : b) active.insert(c);
    std::set<uint64_t> shown = {cycle};
    auto it = active.lower_bound(cycle);
    auto back = it;
    for (uint64_t n = 0; n < window && back != active.begin(); ++n) shown.insert(*--back);
    if (it != active.end() && *it == cycle) ++it;
    for (uint64_t n = 0; n < window && it != active.end(); ++n, ++it) shown.insert(*it);
    std::vector<TraceRow> rows;
    for (uint64_t c : shown) {
        TraceRow r;
        r.edge = c;
        if (auto f = a.find(c); f != a.end()) r.systemc = f->second;
        if (auto f = b.find(c); f != b.end()) r.rtl = f->second;
        r.differs = r.systemc != r.rtl;
        rows.push_back(r);
    }
    return rows;
}

std::string format_trace(const std::vector<TraceRow>& rows, uint64_t cycle) {
    auto cell = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
    auto line = [&](const std::string& mark, const std::string& edge, const char* side,
                    const PortEdge& p) {
        return fmt::format("{:<2} {:>8}  {:<7}  {:<5}  {:<16}  {:>7}  {:<16}  {:>7}  {}\n", mark,
                           edge, side, cell(p.desc), cell(p.rd_req), cell(p.rd_data),
                           cell(p.wr_req), cell(p.wr_done), cell(p.done));
    };
    std::string out =
        fmt::format("{:<2} {:>8}  {:<7}  {:<5}  {:<16}  {:>7}  {:<16}  {:>7}  {}\n", "", "edge",
                    "side", "desc", "rd_req", "rd_data", "wr_req", "wr_done", "done");
    for (const auto& r : rows) {
        const std::string mark = std::string(r.edge == cycle ? ">" : " ") + (r.differs ? "*" : " ");
        out += line(mark, std::to_string(r.edge), "SystemC", r.systemc);
        out += line("", "", "RTL", r.rtl);
    }
    return out;
}

}  // namespace edgesa::verify
