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
    double driver_ms_per_point = 0;
    bool interrupted = false;
};

std::string default_work_dir(const std::string& db);
// Throws InputError for a bad spec; returns when every point is recorded or `stop` was set.
SweepSummary run_sweep(const SweepOptions& opt, const std::atomic<bool>& stop);

}  // namespace edgesa::sweep
