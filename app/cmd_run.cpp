// `edgesa run --config C --workload TRACE|ZOO [--mode timing|functional] [--json OUT] [--csv OUT]
// [--report DIR]
// [--vcd OUT [--vcd-layer NAME]]`: one cycle-level simulation of a trace on a configured system.
#include <sys/stat.h>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "command.h"
#include "config/loader.h"
#include "diag/diagnostic.h"
#include "io/input_file.h"
#include "io/output_paths.h"
#include "report/run_page.h"
#include "report/run_report.h"
#include "run/run_workload.h"
#include "util/hash.h"
#if __has_include("trace/trace_io.h")
#include "trace/trace_io.h"
#define EDGESA_HAVE_TRACE_IO 1
#endif
#if __has_include("zoo/zoo.h")
#include "zoo/zoo.h"
#define EDGESA_HAVE_ZOO 1
#endif

namespace edgesa {
namespace {

struct RunArgs {
    std::string config, workload, mode = "timing", json, csv, report_dir, vcd, vcd_layer,
                                  scheduler = "clock";
    std::vector<std::string> overrides;
    uint64_t max_cycles = 0;
    bool no_skip = false;
    int images = 1;
};

bool file_exists(const std::string& p) {
    struct stat sb;
    return ::stat(p.c_str(), &sb) == 0 && S_ISREG(sb.st_mode);
}

// A trace file, or (when no such file exists) a zoo spec such as "alexnet".
Network load_workload(const std::string& w, std::string* text) {
    struct stat sb;
    if (::stat(w.c_str(), &sb) == 0) {  // a device or folder gets read_input_file's clear error
        *text = read_input_file(w, "trace file");
#ifdef EDGESA_HAVE_TRACE_IO
        return read_trace_text(*text, w);
#endif
    }
#if defined(EDGESA_HAVE_ZOO) && defined(EDGESA_HAVE_TRACE_IO)
    // A name without a path or extension is a zoo spec ("alexnet", "mobilenet_v1:alpha=0.5").
    if (!file_exists(w) && w.find('/') == std::string::npos &&
        w.find(".yaml") == std::string::npos) {
        Network n = zoo_build(w);
        *text = write_trace_text(n);
        return n;
    }
#endif
    throw InputError(Diagnostic{
        {w, 0, 0}, "--workload", w, "cannot open trace file (and not a zoo model name)"});
}

void run(const RunArgs& a) {
    // Outputs are checked before any work and appear only when the whole run succeeded.
    PendingOutputs outs({a.config, a.workload});
    if (!a.json.empty()) outs.add(a.json, "--json");
    if (!a.csv.empty()) outs.add(a.csv, "--csv");
    std::string vcd_tmp;
    if (!a.vcd.empty()) {
        const bool has_ext = a.vcd.size() > 4 && a.vcd.compare(a.vcd.size() - 4, 4, ".vcd") == 0;
        vcd_tmp = outs.add(has_ext ? a.vcd : a.vcd + ".vcd", "--vcd", ".vcd");
    }
    const AccelConfig cfg = load_config_file(a.config, parse_set_options(a.overrides));
    std::string text;
    sim::RunRequest req;
    const Network net = load_workload(a.workload, &text);
    req.mode = a.mode;
    req.images = a.images;
    req.sim.vcd_path = vcd_tmp;
    req.sim.vcd_layer = a.vcd_layer;
    req.sim.max_cycles = a.max_cycles;
    req.sim.skip_idle = !a.no_skip;
    req.scheduler = a.scheduler;
    req.workload = a.workload;
    req.workload_hash = hash_hex(text);
    const sim::RunOutcome r = sim::run_workload(cfg, net, req);
    fmt::print("edgesa run: {} on {} ({} mode, config {}, workload {})\n\n{}", a.workload, a.config,
               a.mode, cfg.derived.hash, req.workload_hash, sim::run_report_text(r.report));
    if (!a.json.empty())
        outs.write(a.json,
                   r.report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    if (!a.csv.empty()) outs.write(a.csv, sim::run_report_csv(r.report));
    outs.commit();
    if (!a.report_dir.empty()) {
        sweep::write_run_page(a.report_dir, r.report);
        fmt::print("report: {}/index.html\n", a.report_dir);
    }
}

void setup(CLI::App& root) {
    static RunArgs a;
    auto* cmd =
        root.add_subcommand("run", "Simulate a workload cycle by cycle on an accelerator config");
    cmd->add_option("--config", a.config, "Accelerator config (YAML)")->required();
    cmd->add_option("--workload", a.workload, "Layer trace file, or a zoo model name")->required();
    cmd->add_option("--mode", a.mode, "timing (no data values) or functional")
        ->capture_default_str();
    cmd->add_option("--json", a.json, "Write the full report as JSON");
    cmd->add_option("--csv", a.csv, "Write the per-layer table as CSV");
    cmd->add_option(
        "--report", a.report_dir,
        "Write an HTML report with gnuplot SVG plots (and report.json) into this folder");
    cmd->add_option("--vcd", a.vcd, "Write a VCD waveform of the main handshakes");
    cmd->add_option("--vcd-layer", a.vcd_layer, "Only trace while this layer runs");
    cmd->add_option("--set", a.overrides, "Override a config key: key.path=value (repeatable)");
    cmd->add_option("--max-cycles", a.max_cycles,
                    "Deadlock guard: stop with an error after this many cycles");
    cmd->add_option("--images", a.images,
                    "Batch: run N images back to back on the same devices (weights stay resident "
                    "where they fit); per-image lines in the report")
        ->capture_default_str();
    cmd->add_flag("--no-skip", a.no_skip,
                  "Step every cycle (no idle skipping; results are identical, only slower)");
    cmd->add_option("--scheduler", a.scheduler,
                    "clock: one clock process runs every unit, many edges per kernel activation; "
                    "per-unit: one SC_METHOD per unit on the clock edge, registers committed in "
                    "the next delta cycle, no idle skipping (identical results, slower)")
        ->capture_default_str();
    cmd->callback([] { run(a); });
}

const bool registered = register_command("run", 40, setup);

}  // namespace
}  // namespace edgesa

// libsystemc.so references sc_main; the CLI has its own main(), so this is never called.
int sc_main(int, char**) {
    return 0;
}
