#include "verify_run.h"
#include "vcd_retime.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/sim_context.h"
#include "compare.h"
#include "compare_axi.h"
#include "config/loader.h"
#include "diag/diagnostic.h"
#include "functional/functional_state.h"
#include "io/atomic_file.h"
#include "port_vcd.h"
#include "program/layer_program.h"
#include "reference_check.h"
#include "rtl_run.h"
#include "runner_cache.h"
#include "sc_side.h"
#include "trace/trace_io.h"
#include "util/hash.h"
#include "zoo/zoo.h"

namespace fs = std::filesystem;

namespace edgesa::verify {

namespace {

constexpr uint64_t kImageAddr = 0x10000;  // every layer image is read from here
constexpr uint64_t kAlign = 0x1000;       // the output follows the image at the next 4 KiB

// A trace file, or a zoo spec when no such file exists (as `edgesa run`).
Network load_workload(const std::string& w, std::string* text) {
    struct stat sb;
    if (::stat(w.c_str(), &sb) == 0 && S_ISREG(sb.st_mode)) {
        std::ifstream in(w, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        *text = ss.str();
        return read_trace_text(*text, w);
    }
    if (w.find('/') == std::string::npos && w.find(".yaml") == std::string::npos) {
        Network n = zoo_build(w);
        *text = write_trace_text(n);
        return n;
    }
    throw InputError(Diagnostic{
        {w, 0, 0}, "--workload", w, "cannot open trace file (and not a zoo model name)"});
}

bool has_device_work(const sim::LayerProgram& lp) {
    if (lp.kind != sim::LayerKind::kGemm && lp.kind != sim::LayerKind::kPass) return false;
    for (const auto& b : lp.blocks)
        if (b.header.length > 0) return true;
    return false;
}

// The compared layers, in trace order: --layers names (checked), else every layer with device work.
std::vector<int> select_layers(const sim::Program& prog, const std::vector<std::string>& names,
                               const std::string& workload) {
    std::vector<int> out;
    if (names.empty()) {
        for (const auto& lp : prog.layers)
            if (has_device_work(lp)) out.push_back(lp.layer);
        return out;
    }
    std::vector<std::string> all;
    for (const auto& lp : prog.layers) all.push_back(lp.name);
    DiagnosticList diags;
    for (const auto& n : names) {
        auto it = std::find(all.begin(), all.end(), n);
        if (it == all.end()) {
            const std::string near = closest_match(n, all);
            diags.add(
                {workload, 0, 0}, "--layers", n,
                near.empty()
                    ? "no such layer in the workload (`edgesa trace show` lists them)"
                    : fmt::format("no such layer in the workload (did you mean '{}'?)", near));
            continue;
        }
        const auto& lp = prog.layers[size_t(it - all.begin())];
        if (!has_device_work(lp)) {
            diags.add({workload, 0, 0}, "--layers", n,
                      "has no device work to compare (concat, flatten and softmax complete without "
                      "the datapath)");
            continue;
        }
        if (std::find(out.begin(), out.end(), lp.layer) == out.end()) out.push_back(lp.layer);
    }
    diags.throw_if_any();
    std::sort(out.begin(), out.end());
    return out;
}

nlohmann::ordered_json txns_json(const std::vector<MemTxn>& v) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& t : v) a.push_back({t.cycle, t.addr, t.bursts});
    return a;
}

nlohmann::ordered_json events_json(const std::vector<sim::MemEvent>& v) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& t : v) a.push_back({t.cycle, t.addr, t.bursts});
    return a;
}

// --top axi: the AXI run's cycles and the relation checked (null for the edgesa_top runner).
nlohmann::ordered_json axi_json(const ScLayerRun& sc, const RtlLayerResult& r,
                                const RtlLayerJob& job) {
    if (!r.axi) return nullptr;
    const AxiCycleBounds b = axi_cycle_bounds(sc, job);
    return {{"layer_cycles", r.end_cycle == kNoEdge ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(r.end_cycle)},
            {"systemc_layer_cycles", sc.end_cycle - sc.start_cycle},
            {"bound", {b.min, b.max}},
            {"cycles_register", r.axi->cycles_register},
            {"start_edge", r.axi->start_edge},
            {"ar_bursts", r.reads.size()},
            {"aw_bursts", r.writes.size()}};
}

nlohmann::ordered_json port_json(const PortEdge& p) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"desc", &p.desc},
                               {"rd_req", &p.rd_req},
                               {"rd_data", &p.rd_data},
                               {"wr_req", &p.wr_req},
                               {"wr_done", &p.wr_done},
                               {"done", &p.done}})
        if (!v->empty()) j[k] = *v;
    return j;
}

nlohmann::ordered_json trace_json(const std::vector<TraceRow>& rows) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& r : rows)
        a.push_back({{"edge", r.edge},
                     {"differs", r.differs},
                     {"systemc", port_json(r.systemc)},
                     {"rtl", port_json(r.rtl)}});
    return a;
}

double rate(uint64_t cycles, double seconds) {
    return seconds > 0 ? double(cycles) / seconds : 0.0;
}

}  // namespace

std::string make_work_dir(const std::string& given) {
    if (!given.empty()) {
        fs::create_directories(given);
        return given;
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string tpl = (fs::path(tmp && *tmp ? tmp : "/tmp") / "edgesa-verify-XXXXXX").string();
    if (!::mkdtemp(tpl.data()))
        throw std::runtime_error("cannot create a work directory under " + tpl);
    return tpl;
}

VerifyTarget load_target(const VerifyOptions& o) {
    auto ov = parse_set_options(o.overrides);
    VerifyTarget t;
    t.config_path = o.config;
    t.workload_path = o.workload;
    t.cfg = load_config_file(o.config, ov);
    t.net = load_workload(o.workload, &t.workload_text);
    t.prog = sim::Program::build(t.net, t.cfg);
    t.layers = select_layers(t.prog, o.layers, o.workload);
    if (t.layers.empty())
        throw InputError(Diagnostic{
            {o.workload, 0, 0}, "--workload", o.workload, "has no layer with device work"});
    // The checker check's one-cycle fault: the RTL of a design whose compressors have one more
    // pipeline stage than the config the SystemC model runs.
    t.rtl_cfg = t.cfg;
    if (o.rtl_extra_compressor_stage) {
        ov.emplace_back("compressor.stages", std::to_string(t.cfg.compressor.stages + 1));
        t.rtl_cfg = load_config_file(o.config, ov);
    }
    return t;
}

bool run_verify(const VerifyOptions& o) {
    const VerifyTarget t = load_target(o);
    RunnerCacheOptions copt{o.cache_dir, o.config, o.faults, ""};
    copt.top = o.top;
    const size_t nfaults = o.faults.size() + (o.rtl_extra_compressor_stage ? 1 : 0);
    if (nfaults)
        fmt::print(stderr,
                   "edgesa verify: WARNING: {} fault(s) injected on purpose; the RTL is broken\n",
                   nfaults);
    if (o.rtl_extra_compressor_stage) copt.key_suffix = "compressor-extra-stage";
    const RunnerBuild runner = ensure_runner(t.rtl_cfg, copt, stdout);
    if (o.build_only) return true;
    CheckOptions c;
    c.work_dir = make_work_dir(o.work_dir);
    c.json_out = o.json_out;
    c.window = o.window;
    c.max_cycles = o.max_cycles;
    c.reference = o.reference;
    c.vcd_dir = o.vcd_dir;
    c.traced = copt;
    c.traced.trace = true;
    c.top = o.top;
    c.axi_backpressure = o.axi_backpressure;
    return check_target(t, runner, c).match;
}

LayerRuns run_layers(const VerifyTarget& t) {
    LayerRuns r;
    // SystemC: the full run for the producers' values, then each layer isolated.
    r.full = sc_full_run(t.net, t.cfg, t.prog);
    for (int l : t.layers) {
        const auto& lp = t.prog.layers[size_t(l)];
        const uint64_t oa = (kImageAddr + lp.image_bytes + kAlign - 1) / kAlign * kAlign;
        r.out_addr.push_back(oa);
        r.sc.push_back(sc_layer_run(t.net, t.cfg, t.prog, l, r.full, kImageAddr, oa, ""));
    }
    // RTL: the same layers, from the same images.
    sim::FunctionalState fn(t.net, t.prog, t.cfg);
    fn.outputs = r.full;
    for (size_t i = 0; i < t.layers.size(); ++i)
        r.jobs.push_back(make_layer_job(t.cfg, t.prog.layers[size_t(t.layers[i])], fn, kImageAddr,
                                        r.out_addr[i]));
    return r;
}

CheckResult check_target(const VerifyTarget& t, const RunnerBuild& runner, const CheckOptions& o) {
    const AccelConfig& cfg = t.cfg;
    const Network& net = t.net;
    const sim::Program& prog = t.prog;
    const std::vector<int>& layers = t.layers;
    const std::string& work = o.work_dir;
    std::FILE* out = o.out;
    fmt::print(out, "verify: {} layer(s) of {} on {} (config {}), work dir {}\n", layers.size(),
               t.workload_path, t.config_path, cfg.derived.hash, work);
    std::fflush(out);

    LayerRuns runs = run_layers(t);
    const Tensors& full = runs.full;
    const std::vector<ScLayerRun>& sc = runs.sc;
    const std::vector<uint64_t>& out_addr = runs.out_addr;
    const std::vector<RtlLayerJob>& jobs = runs.jobs;
    // --reference: the SystemC outputs against the workloads reference inference.
    std::optional<std::string> ref_diff;
    if (o.reference) {
        ref_diff = reference_difference(net, cfg, full, layers);
        if (ref_diff)
            fmt::print(out, "verify: MISMATCH against the workloads reference: {}\n", *ref_diff);
        else
            fmt::print(out, "verify: the SystemC outputs equal the workloads reference\n");
    }
    const uint64_t burst = uint64_t(cfg.dram.burst_bytes);
    uint64_t max_sc = 0;
    for (const auto& s : sc) max_sc = std::max(max_sc, s.end_cycle);
    RtlRunOptions ropt;
    ropt.max_cycles = o.max_cycles ? o.max_cycles : deadlock_guard(max_sc);
    // A fixed seed: the same run every time (deterministic output).
    if (o.axi_backpressure) ropt.axi_stall_seed = 0x9e3779b97f4a7c15ull;
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<RtlLayerResult> rtl = run_rtl(runner.exe, jobs, work, ropt);
    const double rtl_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (rtl.size() != jobs.size())
        throw std::runtime_error(fmt::format("the RTL runner returned {} results for {} layers",
                                             rtl.size(), jobs.size()));

    // Both sides' waveforms of compared layer i: the SystemC run again with a VCD, the RTL job on
    // the traced runner (built now unless cached), on one time axis (vcd_retime.h). Returns a
    // note for the summary ("" when both were written).
    auto write_waves = [&](size_t i, const std::string& sc_vcd, const std::string& rtl_vcd,
                           bool timed_out) {
        try {
            sc_layer_run(net, cfg, prog, layers[i], full, kImageAddr, out_addr[i], sc_vcd);
            const RunnerBuild traced = ensure_runner(t.rtl_cfg, o.traced, out);
            RtlRunOptions vopt = ropt;
            vopt.vcd_path = rtl_vcd;
            // A deadlocked layer: the waveform up to a little past the SystemC side's end is
            // enough.
            if (timed_out) vopt.max_cycles = std::min(ropt.max_cycles, sc[i].end_cycle + 1000);
            run_rtl(traced.exe, {jobs[i]}, work, vopt);
            const uint64_t period_ps = uint64_t(sim::clock_period(cfg).to_seconds() * 1e12 + 0.5);
            retime_rtl_vcd(rtl_vcd, period_ps / 2);
            // The top's ports as compared, under the same names on both sides (port_vcd.h).
            auto ports = [](const auto& side) {
                PortTrace t{side.start_cycle, side.end_cycle, {}, {}, {}, {}};
                for (const auto& e : side.reads) t.rd_req.push_back({e.cycle, e.addr, e.bursts});
                for (const auto& e : side.writes) t.wr_req.push_back({e.cycle, e.addr, e.bursts});
                for (const auto& e : side.rd_data) t.rd_data.push_back({e.cycle, 0, e.bursts});
                for (const auto& e : side.wr_done) t.wr_done.push_back({e.cycle, 0, e.bursts});
                return t;
            };
            auto ports_path = [](const std::string& vcd) {
                return vcd.substr(0, vcd.size() - 4) + "_ports.vcd";
            };
            write_port_vcd(ports_path(sc_vcd), ports(sc[i]), period_ps);
            write_port_vcd(ports_path(rtl_vcd), ports(rtl[i]), period_ps);
            return std::string();
        } catch (const std::exception& e) {
            return fmt::format(" (writing the waveforms failed: {})", e.what());
        }
    };
    auto safe_name = [&](size_t i) {
        std::string safe = sc[i].name;  // layer names may hold '/' (LCP branches)
        for (auto& c : safe)
            if (c == '/') c = '_';
        return safe;
    };

    // Compare, layer by layer, in trace order; stop at the first layer that differs.
    nlohmann::ordered_json report;
    report["config"] = t.config_path;
    report["config_hash"] = cfg.derived.hash;
    report["workload"] = t.workload_path;
    report["workload_hash"] = hash_hex(t.workload_text);
    report["runner"] = {
        {"dir", runner.dir}, {"reused", runner.reused}, {"build_seconds", runner.seconds}};
    report["work_dir"] = work;
    nlohmann::ordered_json jl = nlohmann::ordered_json::array();
    uint64_t outputs = 0, cycles = 0, txns = 0;
    double sc_s = 0;
    std::optional<Mismatch> bad;
    size_t bad_i = 0;
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer& L = net.layers[size_t(layers[i])];
        const int bits = L.out_format.bits();
        const bool axi = o.top == "axi";
        auto m = axi ? compare_axi_layer(sc[i], rtl[i], jobs[i], L, bits, burst, out_addr[i],
                                         o.axi_backpressure)
                     : compare_layer(sc[i], rtl[i], L, bits, burst, out_addr[i]);
        outputs += sc[i].codes.size();
        cycles += sc[i].end_cycle - sc[i].start_cycle;
        txns += sc[i].reads.size() + sc[i].writes.size();
        sc_s += sc[i].seconds;
        jl.push_back(
            {{"name", sc[i].name},
             {"match", !m},
             {"outputs", sc[i].codes.size()},
             {"bits", bits},
             {"start_cycle", {{"systemc", sc[i].start_cycle}, {"rtl", rtl[i].start_cycle}}},
             {"end_cycle", {{"systemc", sc[i].end_cycle}, {"rtl", rtl[i].end_cycle}}},
             {"reads", {{"systemc", sc[i].reads.size()}, {"rtl", rtl[i].reads.size()}}},
             {"writes", {{"systemc", sc[i].writes.size()}, {"rtl", rtl[i].writes.size()}}},
             {"rtl_timed_out", rtl[i].timed_out},
             {"axi", axi_json(sc[i], rtl[i], jobs[i])},
             {"image_addr", kImageAddr},
             {"out_addr", out_addr[i]},
             {"systemc_seconds", sc[i].seconds}});
        if (m && !bad) {
            bad = m;
            bad_i = i;
        }
    }
    report["layers"] = jl;
    report["totals"] = {{"layers", layers.size()},
                        {"outputs_compared", outputs},
                        {"cycles", cycles},
                        {"transactions_compared", txns},
                        {"systemc_cycles_per_s", rate(cycles, sc_s)},
                        {"rtl_cycles_per_s", rate(cycles, rtl_s)},
                        {"systemc_seconds", sc_s},
                        {"rtl_seconds", rtl_s}};
    CheckResult res;
    res.outputs = outputs;
    res.cycles = cycles;
    if (o.reference) report["reference"] = ref_diff ? *ref_diff : "match";
    if (ref_diff) {
        res.match = false;
        res.first = *ref_diff;
    }

    if (!bad) {
        report["result"] = ref_diff ? "reference mismatch" : "match";
        if (o.top == "axi") {
            fmt::print(out,
                       "verify: MATCH (edgesa_axi_top): {} layers, {} outputs bit for bit, every "
                       "AR/AW burst on SystemC's addresses, registers read back, layer cycles "
                       "within the AXI bound\n",
                       layers.size(), outputs);
            fmt::print(out, "{:<24} {:>8} {:>14} {:>10} {:>12} {:>6} {:>6}\n", "layer", "outputs",
                       "SystemC cycles", "AXI cycles", "AXI bound", "ARs", "AWs");
            for (size_t i = 0; i < layers.size(); ++i) {
                const AxiCycleBounds b = axi_cycle_bounds(sc[i], jobs[i]);
                fmt::print(out, "{:<24} {:>8} {:>14} {:>10} {:>12} {:>6} {:>6}\n", sc[i].name,
                           sc[i].codes.size(), sc[i].end_cycle - sc[i].start_cycle,
                           rtl[i].end_cycle - rtl[i].start_cycle,
                           o.axi_backpressure ? fmt::format(">= {}", b.min)
                                              : fmt::format("{}..{}", b.min, b.max),
                           rtl[i].reads.size(), rtl[i].writes.size());
            }
        } else {
            fmt::print(out,
                       "verify: MATCH: {} layers, {} outputs bit for bit, {} DRAM transactions, {} "
                       "cycles cycle for cycle\n",
                       layers.size(), outputs, txns, cycles);
            fmt::print(out, "{:<24} {:>8} {:>10} {:>8} {:>8}\n", "layer", "outputs", "end cycle",
                       "reads", "writes");
            for (size_t i = 0; i < layers.size(); ++i)
                fmt::print(out, "{:<24} {:>8} {:>10} {:>8} {:>8}\n", sc[i].name, sc[i].codes.size(),
                           sc[i].end_cycle, sc[i].reads.size(), sc[i].writes.size());
        }
        fmt::print(out, "speed: SystemC {:.0f} cycles/s, RTL (Verilator) {:.0f} cycles/s\n",
                   rate(cycles, sc_s), rate(cycles, rtl_s));
        if (!o.vcd_dir.empty()) {  // --vcd: every layer's waves on a passing run too
            fs::create_directories(o.vcd_dir);
            for (size_t i = 0; i < layers.size(); ++i) {
                const std::string s =
                    (fs::path(o.vcd_dir) / ("systemc_" + safe_name(i) + ".vcd")).string();
                const std::string r =
                    (fs::path(o.vcd_dir) / ("rtl_" + safe_name(i) + ".vcd")).string();
                fmt::print(out, "waveforms: {} (SystemC), {} (RTL){}\n", s, r,
                           write_waves(i, s, r, false));
            }
        }
        if (!o.json_out.empty()) write_file_atomic(o.json_out, report.dump(2) + "\n");
        return res;
    }

    // The first mismatch: where, what, the trace around it, and both sides' waveforms.
    const Mismatch& m = *bad;
    const std::string safe = safe_name(bad_i);
    const std::string wave_dir = o.vcd_dir.empty() ? work : o.vcd_dir;
    fs::create_directories(wave_dir);
    const std::string sc_vcd = (fs::path(wave_dir) / ("systemc_" + safe + ".vcd")).string();
    const std::string rtl_vcd = (fs::path(wave_dir) / ("rtl_" + safe + ".vcd")).string();
    std::string what;
    if (m.item == "output")
        what = fmt::format(
            "output word {} (tensor element {}), written at cycle {}: expected {} (SystemC), "
            "actual {} (RTL)",
            m.index, m.coord, m.cycle, m.expected, m.actual);
    else if (m.item == "read" || m.item == "write")
        what = fmt::format("{} transaction {}: expected {} (SystemC), actual {} (RTL)", m.item,
                           m.index, m.expected, m.actual);
    else if (m.item == "read_data" || m.item == "write_done")
        what = fmt::format("{} response {}: expected {} (SystemC), actual {} (RTL)",
                           m.item == "read_data" ? "read data" : "write done", m.index, m.expected,
                           m.actual);
    else
        what =
            fmt::format("{}: expected {} (SystemC), actual {} (RTL)", m.item, m.expected, m.actual);
    res.match = false;
    res.first = fmt::format("layer {} ({}): {}{}", m.layer, m.item, what,
                            rtl[bad_i].timed_out ? "; the RTL never raised done_o" : "");
    fmt::print(out, "verify: MISMATCH in layer {} ({}):\n  {}\n", m.layer, m.item, what);
    if (rtl[bad_i].timed_out)
        fmt::print(out,
                   "  the RTL never raised done_o: stopped after {} edges by the deadlock guard "
                   "(--max-cycles; its log: {}/rtl_runner.log)\n",
                   ropt.max_cycles, work);
    const std::vector<TraceRow> trace = handshake_trace(sc[bad_i], rtl[bad_i], m.cycle, o.window);
    fmt::print(
        out,
        "handshake trace of the top's ports around edge {} (> that edge, * the sides differ; "
        "{} edges with activity either side):\n{}",
        m.cycle, o.window, format_trace(trace, m.cycle));
    std::fflush(out);
    // The waveforms: the SystemC run again with a VCD, the RTL job on the traced runner (built now
    // unless cached: the normal runner has no --trace), after the report is out.
    if (o.waveforms) {
        const std::string vcd_note = write_waves(bad_i, sc_vcd, rtl_vcd, rtl[bad_i].timed_out);
        fmt::print(out, "waveforms: {} (SystemC), {} (RTL){}\n", sc_vcd, rtl_vcd, vcd_note);
        std::fflush(out);
    }
    report["result"] = "mismatch";
    report["mismatch"] = {{"layer", m.layer},
                          {"item", m.item},
                          {"index", m.index},
                          {"coord", m.coord},
                          {"cycle", m.cycle},
                          {"expected", m.expected},
                          {"actual", m.actual},
                          {"expected_cycle", m.expected_cycle},
                          {"actual_cycle", m.actual_cycle},
                          {"systemc_vcd", o.waveforms ? sc_vcd : ""},
                          {"rtl_vcd", o.waveforms ? rtl_vcd : ""},
                          {"systemc_writes", events_json(sc[bad_i].writes)},
                          {"rtl_writes", txns_json(rtl[bad_i].writes)},
                          {"handshake", trace_json(trace)}};
    if (!o.json_out.empty()) write_file_atomic(o.json_out, report.dump(2) + "\n");
    return res;
}

}  // namespace edgesa::verify
