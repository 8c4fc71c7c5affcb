#include "compare_axi.h"

#include <fmt/format.h>

#include "axi_regs.h"
#include "hw/hw_layout.h"

namespace edgesa::verify {

namespace {

Mismatch mismatch(const std::string& layer, const std::string& item, int64_t index,
                  const std::string& expected, const std::string& actual, uint64_t cycle) {
    Mismatch m;
    m.layer = layer;
    m.item = item;
    m.index = index;
    m.expected = expected;
    m.actual = actual;
    m.cycle = m.expected_cycle = m.actual_cycle = cycle;
    return m;
}

// The burst addresses a list of requests covers, in order.
template <class Txn>
std::vector<std::pair<uint64_t, uint64_t>> burst_addrs(const std::vector<Txn>& v, uint64_t burst) {
    std::vector<std::pair<uint64_t, uint64_t>> a;  // (address, edge of its request)
    for (const auto& t : v)
        for (uint32_t i = 0; i < t.bursts; ++i) a.push_back({t.addr + i * burst, t.cycle});
    return a;
}

template <class Txn>
std::optional<Mismatch> compare_bursts(const std::string& layer, const std::string& item,
                                       const std::vector<sim::MemEvent>& sc,
                                       const std::vector<Txn>& axi, uint64_t burst) {
    const auto e = burst_addrs(sc, burst), a = burst_addrs(axi, burst);
    for (size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
        if (i < e.size() && i < a.size() && e[i].first == a[i].first) continue;
        auto txt = [](const auto& v, size_t i, const char* side) {
            return i < v.size() ? fmt::format("burst at 0x{:x} (request at edge {})", v[i].first,
                                              v[i].second)
                                : fmt::format("none ({} has no more)", side);
        };
        return mismatch(layer, item, int64_t(i), txt(e, i, "SystemC"), txt(a, i, "the AXI bus"),
                        i < e.size() ? e[i].second : a[i].second);
    }
    return std::nullopt;
}

}  // namespace

AxiCycleBounds axi_cycle_bounds(const ScLayerRun& sc, const RtlLayerJob& job) {
    // The wrapper only delays: a read request reaches the bus kAxiReadLatency edges later than
    // the edgesa_top runner's memory sees it, plus one edge for the R register, and its R beats
    // (bursts x beats) follow one per edge, behind those delivered before them; a write adds the
    // AW and W registers, its W beats, the B and the wr_done register. Each request's response
    // can thus reach the top at most its own extra edges later, and a chain of requests at most
    // the sum of theirs: the bound is that sum over the layer's requests.
    const uint64_t c = sc.end_cycle - sc.start_cycle;
    const uint64_t beats = uint64_t(job.axi_beats);
    uint64_t extra = 0;
    for (const auto& r : sc.reads) extra += kAxiReadExtraEdges + r.bursts * beats;
    for (const auto& w : sc.writes) extra += kAxiWriteExtraEdges + w.bursts * beats;
    return {c, c + extra};
}

std::optional<Mismatch> compare_axi_layer(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                          const RtlLayerJob& job, const Layer& layer, int bits,
                                          uint64_t burst_bytes, uint64_t out_addr,
                                          bool backpressure) {
    const std::string& name = sc.name;
    if (!rtl.axi)
        return mismatch(name, "axi", -1, "an AXI runner result", "none (an edgesa_top runner?)", 0);
    const AxiLayerResult& x = *rtl.axi;
    if (!x.errors.empty())
        return mismatch(name, "axi_protocol", 0, "no protocol error", x.errors.front(), 0);
    const auto writes = descriptor_writes(job);
    for (size_t i = 0; i < writes.size(); ++i) {
        const uint32_t want =
            writes[i].bits >= 32 ? writes[i].value : writes[i].value & ((1u << writes[i].bits) - 1);
        const uint32_t got = i < x.readback.size() ? x.readback[i].second : ~want;
        if (got != want)
            return mismatch(name, "register", int64_t(i),
                            fmt::format("0x{:x} at offset 0x{:02x}", want, writes[i].offset),
                            fmt::format("0x{:x} read back", got), 0);
    }
    if (x.id != hw::axi_lite::kIdValue)
        return mismatch(name, "register", -1, fmt::format("ID 0x{:08x}", hw::axi_lite::kIdValue),
                        fmt::format("0x{:08x}", x.id), 0);
    // The bursts first: a wrong AR or AW length also stalls the top (no irq_o).
    if (auto m = compare_bursts(name, "read", sc.reads, rtl.reads, burst_bytes)) return m;
    if (auto m = compare_bursts(name, "write", sc.writes, rtl.writes, burst_bytes)) return m;
    if (rtl.start_cycle == kNoEdge || rtl.end_cycle == kNoEdge)
        return mismatch(name, "end_cycle", -1, fmt::format("{}", sc.end_cycle),
                        rtl.start_cycle == kNoEdge ? "never (CTRL.start not taken)"
                                                   : "never (no irq_o: stopped by the deadlock "
                                                     "guard)",
                        sc.end_cycle);
    if (auto m = compare_outputs(sc, rtl, layer, bits, burst_bytes, out_addr)) return m;
    const uint64_t cycles = rtl.end_cycle - rtl.start_cycle;
    if (x.cycles_register != cycles)
        return mismatch(name, "cycles_register", -1,
                        fmt::format("{} (done_o edge - descriptor edge, seen on irq_o)", cycles),
                        fmt::format("{}", x.cycles_register), rtl.end_cycle);
    namespace al = hw::axi_lite;
    if (!al::kStatusDone.get(x.status_done) || al::kStatusBusy.get(x.status_done) ||
        al::kStatusDone.get(x.status_cleared))
        return mismatch(name, "status", -1, "done 1, busy 0; done 0 after writing 1",
                        fmt::format("STATUS 0x{:x}, then 0x{:x}", x.status_done, x.status_cleared),
                        rtl.end_cycle);
    AxiCycleBounds b = axi_cycle_bounds(sc, job);
    if (backpressure) b.max = ~0ull;
    if (cycles < b.min || cycles > b.max)
        return mismatch(
            name, "layer_cycles", -1,
            fmt::format("{}..{} (SystemC {})", b.min, b.max, sc.end_cycle - sc.start_cycle),
            fmt::format("{}", cycles), sc.end_cycle);
    return std::nullopt;
}

}  // namespace edgesa::verify
