// The local sweep driver.
#include "run/sweep_driver.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "run/point_runner.h"
#include "run/progress.h"
#include "run/sweep_plan.h"
#include "store/result_store.h"

namespace edgesa::sweep {

std::string default_work_dir(const std::string& db) {
    return db + ".work";
}

namespace {

std::string cut(const std::string& s, size_t n = 300) {
    return s.size() > n ? s.substr(0, n) + "..." : s;
}

}  // namespace

void require_some_point_ok(const SweepOptions& opt, const SweepSummary& s) {
    if (s.interrupted || s.total == 0 || s.ok > 0) return;
    const int64_t not_ok_now = s.ran;  // every point that ran now is not ok (s.ok == 0)
    if (not_ok_now > 0 && s.invalid == not_ok_now && s.skipped == 0)
        throw InputError(Diagnostic{
            {opt.spec, 0, 0},
            "axes",
            "",
            fmt::format("every one of the {} points was refused as bad input; the first: {}; "
                        "details in {}",
                        s.total, cut(s.first_error), opt.db)});
    throw std::runtime_error(fmt::format(
        "{}: no point of the sweep succeeded ({} of {} failed in this run{}){}; details in {}",
        opt.spec, s.failed, s.total, s.skipped ? fmt::format(", {} failed earlier", s.skipped) : "",
        s.first_error.empty() ? "" : "; the first: " + cut(s.first_error), opt.db));
}

SweepSummary run_sweep(const SweepOptions& opt, const std::atomic<bool>& stop) {
    namespace fs = std::filesystem;
    SweepSummary sum;
    if (!opt.resume && fs::exists(opt.db)) {
        ResultStore existing(opt.db);
        if (!existing.finished_ids().empty())
            throw InputError(Diagnostic{
                {opt.db, 0, 0},
                "--db",
                opt.db,
                "the database already holds results: pass --resume to continue that sweep, "
                "or choose another --db"});
    }
    const std::string work =
        fs::absolute(opt.work_dir.empty() ? default_work_dir(opt.db) : opt.work_dir).string();
    // A spec that fails validation leaves no work folder behind (nor anything in one it created).
    SweepPlan plan = plan_in_work(opt.spec, work, work, opt.timing_only);
    ResultStore store(opt.db);
    const auto finished = store.finished_ids();

    std::vector<const PlannedPoint*> to_run;
    std::vector<const PlannedPoint*> decided;
    for (const auto& p : plan.points) {
        if (finished.count(p.result.point_id)) {
            ++sum.skipped;
            continue;
        }
        (p.result.status.empty() ? to_run : decided).push_back(&p);
    }
    sum.total = int64_t(plan.points.size());
    sum.duplicates = plan.duplicates;
    sum.dropped = plan.expansion.dropped_by_constraints;
    fmt::print("sweep {}: {} points ({} expanded, {} dropped by constraints{}{}), {} to run\n",
               plan.spec.name, sum.total, plan.expansion.total, sum.dropped,
               plan.spec.sample_count ? fmt::format(", sampled {}", *plan.spec.sample_count) : "",
               sum.duplicates ? fmt::format(", {} duplicates", sum.duplicates) : "",
               to_run.size() + decided.size());
    Progress progress(sum.total, sum.skipped, isatty(1) != 0);
    auto sink = [&](const PointResult& r) {
        store.insert(r);
        progress.point_done(r);
        if (r.status == "invalid") ++sum.invalid;
        if (r.status != "ok" && sum.first_error.empty())
            sum.first_error = r.status + ": " + r.error;
    };
    for (const PlannedPoint* p : decided) sink(p->result);
    const int jobs =
        opt.jobs > 0 ? opt.jobs : int(std::max(1u, std::thread::hardware_concurrency()));
    const RunnerStats st = run_points(to_run, jobs, sink, stop);
    progress.finish();
    sum.ran = progress.done();
    sum.failed = progress.failed();
    sum.interrupted = stop.load();
    const auto ok = store.ok_ids();
    for (const auto& p : plan.points) sum.ok += int64_t(ok.count(p.result.point_id));
    sum.driver_ms_per_point = st.points ? st.driver_s * 1000 / double(st.points) : 0;
    return sum;
}

}  // namespace edgesa::sweep
