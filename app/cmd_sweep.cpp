// `edgesa sweep SPEC ...` and `edgesa sweep export|report|merge|shard`: design-space sweeps.
#include <csignal>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.h"
#include "diag/diagnostic.h"
#include "io/atomic_file.h"
#include "io/output_paths.h"
#include "numerics/storage_format.h"
#include "report/sweep_report.h"
#include "run/sweep_driver.h"
#include "slurm/slurm_sweep.h"
#include "spec/sweep_spec.h"
#include "store/csv_export.h"
#include "zoo/zoo.h"

namespace edgesa {
namespace {

std::atomic<bool> g_stop{false};

// Refuses, before anything runs, what would make every point fail: an unknown zoo model, a
// transform argument that `edgesa trace <op>` does not take, or a format name that does not parse.
void check_workloads(CLI::App& root, const std::string& spec_path) {
    const sweep::SweepSpec s = sweep::parse_sweep_spec_file(spec_path);
    DiagnosticList d;
    CLI::App* trace = root.get_subcommand("trace");
    auto check_arg = [&](const SourcePos& at, const std::string& key, const std::string& op,
                         const std::string& arg, const std::vector<std::string>& values) {
        CLI::App* cmd = nullptr;
        try {
            cmd = trace->get_subcommand(op);
        } catch (const CLI::OptionNotFound&) {
            return;  // an unknown op is reported by the spec parser
        }
        const CLI::Option* o = cmd->get_option_no_throw("--" + arg);
        if (!o || o->get_name() == "--output" || o->get_expected_max() == 0) {
            std::vector<std::string> names;
            for (const CLI::Option* c : cmd->get_options())
                if (c->get_expected_max() != 0 && c->nonpositional() &&
                    c->get_name() != "--output" && c->get_name() != "--help")
                    names.push_back(c->get_name().substr(2));
            std::string rule = fmt::format("`edgesa trace {}` takes no argument '{}'", op, arg);
            const std::string near = closest_match(arg, names);
            if (!near.empty()) rule += " (did you mean '" + near + "'?)";
            rule += "; one of " + fmt::format("{}", fmt::join(names, ", "));
            d.add(at, key, arg, rule);
            return;
        }
        if (arg == "format")
            for (const auto& v : values) {
                std::string why;
                if (!StorageFormat::parse(v, &why)) d.add(at, key, v, why);
            }
    };
    for (size_t i = 0; i < s.workloads.size(); ++i) {
        const auto& w = s.workloads[i];
        const std::string key = fmt::format("workloads[{}]", i);
        if (!w.zoo.empty()) {
            try {
                (void)zoo_build(w.zoo);
            } catch (const InputError& e) {
                for (const auto& x : e.diagnostics()) d.add(w.pos, key + ".zoo", w.zoo, x.rule);
            }
        }
        for (size_t j = 0; j < w.transforms.size(); ++j)
            for (const auto& [arg, value] : w.transforms[j].args)
                check_arg(w.transforms[j].pos, fmt::format("{}.transforms[{}]", key, j),
                          w.transforms[j].op, arg, {value});
    }
    for (const auto& g : s.groups)
        for (const auto& ax : g.axes) {
            if (!ax.is_transform) continue;
            const std::string rest = ax.target.substr(9);  // workload.<op>.<argument>
            const size_t dot = rest.find('.');
            std::vector<std::string> values;
            for (const auto& v : ax.values) values.push_back(v.text);
            check_arg(ax.pos, "param", rest.substr(0, dot), rest.substr(dot + 1), values);
        }
    d.throw_if_any();
}
extern "C" void on_interrupt(int) {
    g_stop = true;
}

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand(
        "sweep", "Run a design-space sweep (docs/sweep.md); see also export, report, merge");
    static sweep::SweepOptions opt;
    cmd->add_option("SPEC", opt.spec, "Sweep spec (YAML)");
    cmd->add_option("-j,--jobs", opt.jobs, "Worker processes at once (default: number of cores)")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--db", opt.db, "Results database (SQLite)")->capture_default_str();
    cmd->add_option("--work-dir", opt.work_dir,
                    "Folder for point configs, results and logs (default: DB.work)");
    cmd->add_flag("--resume", opt.resume, "Continue a sweep: skip points already in the database");
    cmd->add_flag("--timing-only", opt.timing_only, "Run every point in timing mode");
    static bool slurm = false, no_submit = false;
    static sweep::SlurmOptions sopt;
    cmd->add_flag("--slurm", slurm,
                  "Submit the pending points as a Slurm job array instead of running them here");
    cmd->add_option("--partition", sopt.partition, "Slurm partition");
    cmd->add_option("--array-max", sopt.array_max, "At most this many array tasks at once")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--shards", sopt.shards, "Array tasks (default: pending points, at most 64)")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--cpus-per-task", sopt.cpus_per_task, "Workers per array task")
        ->check(CLI::Range(1, 1024));
    cmd->add_flag("--no-submit", no_submit,
                  "With --slurm: write the plan and batch script, do not call sbatch");

    auto* shard =
        cmd->add_subcommand("shard", "Run one shard of a Slurm plan (called by the batch script)");
    static std::string plan_path, shard_out;
    static int shard_index = 0, shard_count = 1, shard_jobs = 1;
    shard->add_option("--plan", plan_path, "plan.json written by --slurm")->required();
    shard->add_option("--index", shard_index, "This task's index")->required();
    shard->add_option("--count", shard_count, "Number of shards")->required();
    shard->add_option("-j,--jobs", shard_jobs, "Workers at once");
    shard->add_option("--out", shard_out, "Shard result file (JSON lines, appended)")->required();
    shard->callback(
        [] { sweep::run_shard(plan_path, shard_index, shard_count, shard_out, shard_jobs); });

    auto* merge =
        cmd->add_subcommand("merge", "Merge shard result files into the database (idempotent)");
    static std::string merge_db;
    static std::vector<std::string> merge_files;
    merge->add_option("--db", merge_db, "Results database")->required();
    merge->add_option("SHARDS", merge_files, "Shard files")->required();
    merge->callback([] {
        const auto s = sweep::merge_shards(merge_db, merge_files);
        fmt::print("merged {} results: {} new, {} already stored{}\n", s.read, s.inserted,
                   s.unchanged,
                   s.bad_lines ? fmt::format(", {} incomplete lines skipped", s.bad_lines) : "");
        // As for a local sweep (docs/sweep.md): shards with no ok point are not a success.
        if (s.ok == 0)
            throw std::runtime_error(fmt::format(
                "{}: no merged point succeeded ({} results read, none ok); details in {}", merge_db,
                s.read, merge_db));
    });

    auto* exp = cmd->add_subcommand("export", "Write the results database as CSV");
    static std::string exp_db, exp_csv;
    exp->add_option("--db", exp_db, "Results database")->required();
    exp->add_option("--csv", exp_csv, "Output CSV file")->required();
    exp->callback([] {
        check_output_path(exp_csv, "--csv", {exp_db});
        write_file_atomic(exp_csv, sweep::export_csv(exp_db));
    });

    auto* rep = cmd->add_subcommand(
        "report", "Pareto front, plots (PNG, SVG) and an HTML page with a sortable table");
    static sweep::ReportOptions ropt;
    rep->add_option("--db", ropt.db, "Results database")->required();
    rep->add_option("-o,--output", ropt.out_dir, "Output folder")->required();
    rep->add_option("--objectives", ropt.objectives,
                    "Metrics to minimize (default: cycles energy_pj [area])")
        ->delimiter(',');
    rep->callback([] {
        const sweep::ReportSummary s = sweep::write_report(ropt);
        fmt::print("{} points ({} ok), {} on the Pareto front; wrote {} in {}\n", s.points, s.ok,
                   s.front, fmt::join(s.files, ", "), ropt.out_dir);
    });

    cmd->callback([cmd] {
        if (!cmd->get_subcommands().empty()) return;
        if (opt.spec.empty()) throw CLI::RequiredError("SPEC");
        check_workloads(*cmd->get_parent(), opt.spec);
        if (slurm) {
            sopt.spec = opt.spec;
            sopt.db = opt.db;
            sopt.work_dir = opt.work_dir;
            sopt.submit = !no_submit;
            sopt.timing_only = opt.timing_only;
            sweep::prepare_slurm_sweep(sopt);
            return;
        }
        std::signal(SIGINT, on_interrupt);
        std::signal(SIGTERM, on_interrupt);
        const sweep::SweepSummary s = sweep::run_sweep(opt, g_stop);
        fmt::print(
            "{}: {} points, {} skipped, {} ran, {} failed; driver time {:.2f} ms/point; results in "
            "{}\n",
            s.interrupted ? "interrupted" : "done", s.total, s.skipped, s.ran, s.failed,
            s.driver_ms_per_point, opt.db);
        if (s.interrupted) {
            fmt::print("resume with: edgesa sweep {} --db {} --resume\n", opt.spec, opt.db);
            std::exit(130);
        }
        sweep::require_some_point_ok(opt, s);
    });
}

const bool registered = register_command("sweep", 60, setup);

}  // namespace
}  // namespace edgesa
