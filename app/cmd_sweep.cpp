// `edgesa sweep SPEC ...` and `edgesa sweep export|report|merge|shard`: design-space sweeps.
#include <csignal>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.h"
#include "io/atomic_file.h"
#include "run/sweep_driver.h"
#include "report/sweep_report.h"
#include "store/csv_export.h"

namespace edgesa {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop = true; }

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand("sweep", "Run a design-space sweep (docs/sweep.md); see also export, report, merge");
    static sweep::SweepOptions opt;
    cmd->add_option("SPEC", opt.spec, "Sweep spec (YAML)");
    cmd->add_option("-j,--jobs", opt.jobs, "Worker processes at once (default: number of cores)")->check(CLI::Range(1, 4096));
    cmd->add_option("--db", opt.db, "Results database (SQLite)")->capture_default_str();
    cmd->add_option("--work-dir", opt.work_dir, "Folder for point configs, results and logs (default: DB.work)");
    cmd->add_flag("--resume", opt.resume, "Continue a sweep: skip points already in the database");
    cmd->add_flag("--timing-only", opt.timing_only, "Run every point in timing mode");

    auto* exp = cmd->add_subcommand("export", "Write the results database as CSV");
    static std::string exp_db, exp_csv;
    exp->add_option("--db", exp_db, "Results database")->required();
    exp->add_option("--csv", exp_csv, "Output CSV file")->required();
    exp->callback([] { write_file_atomic(exp_csv, sweep::export_csv(exp_db)); });

    auto* rep = cmd->add_subcommand("report", "Pareto front, plots (PNG, SVG) and an HTML page with a sortable table");
    static sweep::ReportOptions ropt;
    rep->add_option("--db", ropt.db, "Results database")->required();
    rep->add_option("-o,--output", ropt.out_dir, "Output folder")->required();
    rep->add_option("--objectives", ropt.objectives, "Metrics to minimize (default: cycles energy_pj [area])")
        ->delimiter(',');
    rep->callback([] {
        const sweep::ReportSummary s = sweep::write_report(ropt);
        fmt::print("{} points ({} ok), {} on the Pareto front; wrote {} in {}\n", s.points, s.ok, s.front,
                   fmt::join(s.files, ", "), ropt.out_dir);
    });

    cmd->callback([cmd] {
        if (!cmd->get_subcommands().empty()) return;
        if (opt.spec.empty()) throw CLI::RequiredError("SPEC");
        std::signal(SIGINT, on_interrupt);
        std::signal(SIGTERM, on_interrupt);
        const sweep::SweepSummary s = sweep::run_sweep(opt, g_stop);
        fmt::print("{}: {} points, {} skipped, {} ran, {} failed; driver time {:.2f} ms/point; results in {}\n",
                   s.interrupted ? "interrupted" : "done", s.total, s.skipped, s.ran, s.failed, s.driver_ms_per_point,
                   opt.db);
        if (s.interrupted) {
            fmt::print("resume with: edgesa sweep {} --db {} --resume\n", opt.spec, opt.db);
            std::exit(130);
        }
    });
}

const bool registered = register_command("sweep", 60, setup);

}  // namespace
}  // namespace edgesa
