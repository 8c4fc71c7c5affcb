#pragma once
// `edgesa sweep SPEC`: plan the sweep, skip points already in the database, run the rest in
// worker processes and commit each result as it finishes.
#include <atomic>
#include <string>

namespace edgesa::sweep {

struct SweepOptions {
    std::string spec;
    std::string db = "results.sqlite";
    std::string work_dir;  // default: <db>.work
    int jobs = 0;          // 0: number of cores
    bool resume = false;
    bool timing_only = false;
};

struct SweepSummary {
    int64_t total = 0, skipped = 0, ran = 0, failed = 0, duplicates = 0, dropped = 0;
    int64_t ok = 0;           // points of this sweep stored ok (this run and earlier ones)
    int64_t invalid = 0;      // points recorded invalid in this run (a worker refused its input)
    std::string first_error;  // "status: error" of the first point that was not ok in this run
    double driver_ms_per_point = 0;
    bool interrupted = false;
};

std::string default_work_dir(const std::string& db);
// Throws InputError for a bad spec, and before running anything when the spec has no point to
// run (constraints drop every combination) or the config rules refuse every point. Returns when
// every point is recorded or `stop` was set.
SweepSummary run_sweep(const SweepOptions& opt, const std::atomic<bool>& stop);

// A finished (not interrupted) sweep in which no point is ok must not look like a success
// (README "Exit codes"). Throws InputError (exit 2) when every point that ran was refused as bad
// input by its worker, std::runtime_error (exit 1) when workers failed, crashed or timed out;
// either is one line naming the spec, the counts, the first error and the database. Returns when
// at least one point is ok.
void require_some_point_ok(const SweepOptions& opt, const SweepSummary& s);

}  // namespace edgesa::sweep
