#include "system/simulation.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include <cstdio>
#include "diag/diagnostic.h"
#include "system/device.h"
#include "system/unit_scheduler.h"
#include "system/vcd_gate.h"

namespace edgesa::sim {

namespace {

// Stops the run when every layer is done, at --max-cycles, or when nothing moved for a whole
// watchdog window and no link transfer is due (deadlock).
class DoneWatcher {
  public:
    DoneWatcher(SimContext& ctx, uint64_t max_cycles) : ctx_(ctx), max_(max_cycles) {}
    // Checked at the start of edge `now` (the state after edge now - 1); true: stop.
    bool check(uint64_t now) {
        if (ctx_.board.done_count() == ctx_.prog.layers.size()) return true;
        if (max_ && now >= max_) return timed_out = true;
        if (now % kWatchdogCycles == 0 && now > 0) {
            const uint64_t p = progress();
            if (p == last_progress_ && ctx_.board.last_arrival() < now) return deadlocked = true;
            last_progress_ = p;
        }
        return false;
    }
    // The next edge after `now` that check() must see (a watchdog window end or --max-cycles).
    uint64_t next_check(uint64_t now) const {
        uint64_t next = (now / kWatchdogCycles + 1) * kWatchdogCycles;
        if (max_ && max_ > now) next = std::min(next, max_);
        return next;
    }
    bool timed_out = false, deadlocked = false;

  private:
    uint64_t progress() const {
        uint64_t p = ctx_.board.done_count();
        for (const auto& st : ctx_.layer_stats)
            p += st.fill_vectors + st.stream_issues + st.pass_vectors + st.dram_read_bursts +
                 st.dram_write_bursts + st.act_pool_values + st.decoded_values +
                 st.compressed_values;
        return p;
    }
    static constexpr uint64_t kWatchdogCycles = 1 << 22;
    uint64_t last_progress_ = ~0ull;
    SimContext& ctx_;
    uint64_t max_;
};

// The clock: one SC_METHOD that runs the edges. At each edge it runs every unit of every device
// and commits their registers (Device::tick); the units see only the previous edge's register
// values, so this equals one clocked process per unit. With idle skipping on, an edge at which
// every device is quiet (Device::quiet_edges) is not run: the counters of the n quiet edges are
// added and the next edge is n later. Without a waveform one activation runs up to kBatch edges
// (the units read the edge from SimContext::now, not the kernel time) and then advances kernel
// time by as many periods; with a waveform it runs one edge per activation at its own time and
// notifies `tick` (and `tick_fall` for the VCD mirrors).
class ClockDriver : public sc_core::sc_module {
  public:
    SC_HAS_PROCESS(ClockDriver);
    ClockDriver(sc_core::sc_module_name n, SimContext& ctx,
                std::vector<std::unique_ptr<Device>>& devices, DoneWatcher& watcher, bool skip_idle,
                bool per_edge, PerUnitScheduler* per_unit)
        : sc_module(n),
          ctx_(ctx),
          devices_(devices),
          watcher_(watcher),
          skip_idle_(skip_idle),
          per_edge_(per_edge || per_unit),
          per_unit_(per_unit) {
        SC_METHOD(drive);  // runs at time 0, then whenever `edge_` fires
        sensitive << edge_;
    }
    uint64_t skipped_edges = 0, skips = 0;

  private:
    static constexpr uint64_t kBatch = 4096, kMaxBackoff = 64;
    uint64_t next_try_ = 0, backoff_ = 1;  // idle skipping: the next edge to check
    void drive() {
        const uint64_t start = ctx_.cycle();
        const uint64_t end = start + (per_edge_ ? 1 : kBatch);
        uint64_t now = start;
        while (now < end) {
            ctx_.now = now;
            if (watcher_.check(now)) {
                sc_core::sc_stop();
                return;
            }
            if (skip_idle_ && now >= next_try_) {
                uint64_t n = watcher_.next_check(now) - now;
                for (auto& d : devices_)
                    if (n) n = std::min(n, d->quiet_edges(now));
                if (n > 0) {
                    for (auto& d : devices_) d->skip(n, now);
                    skipped_edges += n;
                    ++skips;
                    now += n;
                    backoff_ = 1;
                    continue;
                }
                // Busy: ask again after 1, 2, 4 .. kMaxBackoff edges. Stepping an edge that
                // could have been skipped is always exact; this only keeps the checks cheap.
                next_try_ = now + backoff_;
                backoff_ = std::min(backoff_ * 2, kMaxBackoff);
            }
            if (per_edge_) {
                ctx_.tick.notify();
                if (ctx_.want_fall) ctx_.tick_fall.notify(ctx_.period / 2);
            }
            if (per_unit_)
                per_unit_->edge();  // the units' own processes run this edge
            else
                for (auto& d : devices_) d->tick();
            ++now;
        }
        edge_.notify(ctx_.period * double(now - start));
    }
    sc_core::sc_event edge_{"edge"};
    SimContext& ctx_;
    std::vector<std::unique_ptr<Device>>& devices_;
    DoneWatcher& watcher_;
    bool skip_idle_, per_edge_;
    PerUnitScheduler* per_unit_;
};

}  // namespace

SimResult simulate(const Network& net, const AccelConfig& cfg, const Program& prog,
                   const SimOptions& opt) {
    sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    SimContext ctx(cfg, net, prog, opt.functional, opt.data);
    if (opt.capture) {
        opt.capture->layers.assign(prog.layers.size(), {});
        ctx.capture = opt.capture;
    }
    if (opt.isolate_layer >= 0) {
        if (size_t(opt.isolate_layer) >= prog.layers.size())
            throw std::runtime_error(
                fmt::format("isolate_layer {} out of range", opt.isolate_layer));
        for (auto& dl : ctx.device_layers) dl.clear();
        ctx.device_layers[0].push_back(opt.isolate_layer);
        for (size_t i = 0; i < prog.layers.size(); ++i)
            if (int(i) != opt.isolate_layer) ctx.board.preset_done(int(i));
        if (ctx.fn && opt.preset_outputs) {
            if (opt.preset_outputs->size() != ctx.fn->outputs.size())
                throw std::runtime_error("preset_outputs: one tensor per layer expected");
            ctx.fn->outputs = *opt.preset_outputs;
        }
    }
    std::vector<std::unique_ptr<Device>> devices;
    for (int d = 0; d < int(cfg.system.devices); ++d)
        devices.push_back(std::make_unique<Device>(fmt::format("dev{}", d).c_str(), ctx, d));
    DoneWatcher watcher(ctx, opt.max_cycles);
    // Waveforms record every edge, so a VCD run steps every cycle; so does the per-unit scheduler.
    std::unique_ptr<PerUnitScheduler> per_unit;
    if (opt.per_unit) per_unit = std::make_unique<PerUnitScheduler>("per_unit", devices);
    ClockDriver clock("clock", ctx, devices, watcher,
                      opt.skip_idle && opt.vcd_path.empty() && !opt.per_unit, !opt.vcd_path.empty(),
                      per_unit.get());
    sc_core::sc_trace_file* tf = nullptr;
    std::unique_ptr<VcdGate> gate;
    std::unique_ptr<sc_core::sc_clock> clk;
    int vcd_layer = -1;
    if (!opt.vcd_layer.empty()) {
        for (const auto& lp : prog.layers)
            if (lp.name == opt.vcd_layer) vcd_layer = lp.layer;
        if (vcd_layer < 0)
            throw InputError(Diagnostic{{"--vcd-layer", 0, 0},
                                        "--vcd-layer",
                                        opt.vcd_layer,
                                        "must name a layer of the workload"});
    }
    if (!opt.vcd_path.empty()) {
        std::string base = opt.vcd_path;
        if (base.size() > 4 && base.substr(base.size() - 4) == ".vcd") base.resize(base.size() - 4);
        tf = sc_core::sc_create_vcd_trace_file(base.c_str());
        tf->set_time_unit(1,
                          sc_core::SC_PS);  // real time: one cycle is 1 / clock.mhz (clock_period)
        if (vcd_layer < 0) {
            // A clock signal for the viewer only (the units run on ctx.tick).
            clk = std::make_unique<sc_core::sc_clock>("clk", ctx.period);
            sc_core::sc_trace(tf, *clk, "clk");
            for (auto& d : devices) d->trace(tf);
        } else {  // the layer's window only; no clock, so nothing changes outside it
            gate = std::make_unique<VcdGate>(
                "vcd_gate", ctx, vcd_layer,
                *devices[opt.isolate_layer >= 0 ? 0
                                                : size_t(prog.layers[size_t(vcd_layer)].device)],
                tf);
            ctx.want_fall = true;
        }
    }
    sc_core::sc_start();
    if (tf) sc_core::sc_close_vcd_trace_file(tf);
    if (watcher.timed_out || watcher.deadlocked) {
        std::string stuck;
        for (size_t i = 0; i < prog.layers.size(); ++i) {
            const auto& st = ctx.layer_stats[i];
            if (st.start_cycle != kNever && st.end_cycle == kNever)
                stuck += fmt::format(
                    " {} (started {}, {} fills, {} issues, {} pass vectors, {} act/pool values, "
                    "{} compressed, {} write bursts);",
                    prog.layers[i].name, st.start_cycle, st.fill_vectors, st.stream_issues,
                    st.pass_vectors, st.act_pool_values, st.compressed_values,
                    st.dram_write_bursts);
        }
        throw std::runtime_error(
            fmt::format("simulation {} at cycle {} ({} of {} layers done; unfinished:{})",
                        watcher.deadlocked ? "made no progress for 4194304 cycles (deadlock)"
                                           : "hit --max-cycles",
                        ctx.now, ctx.board.done_count(), prog.layers.size(), stuck));
    }

    SimResult r;
    r.completed = true;
    r.skipped_edges = clock.skipped_edges;
    r.skips = clock.skips;
    for (const auto& st : ctx.layer_stats)
        if (st.end_cycle != kNever && st.end_cycle > r.cycles) r.cycles = st.end_cycle;
    r.layers = ctx.layer_stats;
    for (size_t i = 0; i < r.layers.size(); ++i)
        r.layers[i].link_bytes = ctx.board.link_bytes(int(i));
    r.probes = ctx.probes;
    if (ctx.fn) r.outputs = std::move(ctx.fn->outputs);
    r.stats = ctx.stats;
    auto& total = r.stats.add("system.cycles", "cycles", "Cycles until the last layer completed");
    total.set(r.cycles);
    r.stats.add("system.link.bytes", "bytes", "Bytes sent over the inter-device link")
        .set(ctx.board.link_bytes());
    r.stats.add("system.link.busy_cycles", "cycles", "Cycles the link was transmitting")
        .set(ctx.board.link_busy_cycles());
    r.stats.add("system.link.transfers", "tensors", "Tensors sent over the link")
        .set(ctx.board.link_transfers());
    return r;
}

}  // namespace edgesa::sim
