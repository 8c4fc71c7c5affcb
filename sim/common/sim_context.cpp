#include "common/sim_context.h"

#include <algorithm>
#include <cmath>

namespace edgesa::sim {

const char* stall_name(int s) {
    switch (s) {
        case kStallMemory:
            return "memory";
        case kStallWeightFill:
            return "weight_fill";
        case kStallDecompressor:
            return "decompressor";
        case kStallWriteback:
            return "writeback";
        default:
            return "?";
    }
}

void Scoreboard::init(const Network& net, const Program& prog, const AccelConfig& cfg) {
    const size_t n = prog.layers.size();
    done_.assign(n, kNever);
    preset_.assign(n, false);
    consumer_devices_.assign(n, {});
    out_bytes_.assign(n, 0);
    layer_link_bytes_.assign(n, 0);
    device_.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const auto& lp = prog.layers[i];
        device_[i] = lp.device;
        out_bytes_[i] =
            packed_bytes(uint64_t(net.layers[i].out.elements()), net.layers[i].out_format.bits());
        for (int in : lp.inputs) {
            if (in < 0) continue;
            auto& cd = consumer_devices_[size_t(in)];
            if (prog.layers[size_t(in)].device != lp.device &&
                std::find(cd.begin(), cd.end(), lp.device) == cd.end())
                cd.push_back(lp.device);
        }
    }
    // cycles per byte = 8 bits / (Mb/s * 1e6) seconds * (MHz * 1e6) cycles/s
    link_cycles_per_byte_ = 8.0 * cfg.clock.mhz / cfg.system.link_mbps;
    link_latency_cycles_ = uint64_t(std::ceil(cfg.system.link_latency_ms * 1e3 * cfg.clock.mhz));
}

bool Scoreboard::available(int layer, int device, uint64_t now) {
    if (layer < 0) return true;  // the network input is in every device's DRAM at cycle 0
    if (preset_[size_t(layer)]) return true;
    commit(now);
    const uint64_t d = done_[size_t(layer)];
    if (d == kNever || d >= now) return false;
    if (device_[size_t(layer)] == device) return true;
    auto it = arrival_.find({layer, device});
    return it != arrival_.end() && it->second <= now;
}

uint64_t Scoreboard::next_arrival_after(uint64_t now) const {
    uint64_t next = kNever;
    for (const auto& a : arrival_)
        if (a.second > now && a.second < next) next = a.second;
    return next;
}

void Scoreboard::mark_done(int layer, uint64_t now) {
    commit(now);
    done_[size_t(layer)] = now;
    ++done_count_;
    if (!consumer_devices_[size_t(layer)].empty()) pending_.push_back({now, layer});
}

void Scoreboard::preset_done(int layer) {
    preset_[size_t(layer)] = true;
    done_[size_t(layer)] = 0;
    ++done_count_;
}

void Scoreboard::commit(uint64_t now) {
    if (pending_.empty()) return;
    std::sort(pending_.begin(), pending_.end());
    size_t n = 0;
    while (n < pending_.size() && pending_[n].first < now) ++n;
    for (size_t i = 0; i < n; ++i) {
        const uint64_t done = pending_[i].first;
        const int layer = pending_[i].second;
        send(layer, done);
    }
    pending_.erase(pending_.begin(), pending_.begin() + long(n));
}

void Scoreboard::send(int layer, uint64_t now) {
    // Transfers leave in consumer-device order; the link serialises them.
    for (int dev : consumer_devices_[size_t(layer)]) {
        const uint64_t bytes = out_bytes_[size_t(layer)];
        const uint64_t start = std::max(now, link_free_);
        const uint64_t busy = uint64_t(std::ceil(double(bytes) * link_cycles_per_byte_));
        link_free_ = start + busy;
        arrival_[{layer, dev}] = start + busy + link_latency_cycles_;
        last_arrival_ = std::max(last_arrival_, start + busy + link_latency_cycles_);
        link_bytes_ += bytes;
        layer_link_bytes_[size_t(layer)] += bytes;
        link_busy_ += busy;
        ++link_transfers_;
    }
}

// One clock period in whole picoseconds (even, so the falling edge is exact): waveforms then
// carry real time at clock.mhz (100 MHz: 10 ns per cycle; 800 MHz: 1.25 ns).
sc_core::sc_time clock_period(const AccelConfig& c) {
    const double ps = std::max(2.0, 2.0 * std::round(1e6 / c.clock.mhz / 2.0));
    return sc_core::sc_time(ps, sc_core::SC_PS);
}

SimContext::SimContext(const AccelConfig& c, const Network& n, const Program& p,
                       bool functional_mode, const FunctionalData& data)
    : cfg(c), net(n), prog(p), functional(functional_mode), period(clock_period(c)) {
    layer_stats.assign(p.layers.size(), {});
    probes.assign(p.layers.size(), {});
    board.init(n, p, c);
    device_layers.assign(size_t(c.system.devices), {});
    for (const auto& lp : p.layers) device_layers[size_t(lp.device)].push_back(lp.layer);
    if (functional) fn = std::make_unique<FunctionalState>(n, p, c, data);
}

}  // namespace edgesa::sim
