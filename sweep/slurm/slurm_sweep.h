#pragma once
// Slurm support: `edgesa sweep SPEC --slurm` writes a plan of pending points and a job-array
// script (each array task runs `edgesa sweep shard` over its share of points and appends one JSON
// line per finished point to its own shard file); `edgesa sweep merge` folds shard files into the
// SQLite database idempotently (a point already stored ok is never changed).
#include <string>
#include <vector>

namespace edgesa::sweep {

struct SlurmOptions {
    std::string spec, db = "results.sqlite", work_dir, partition;
    int shards = 0;     // array tasks; 0: min(pending points, 64)
    int array_max = 0;  // at most this many tasks at once (%M); 0: no limit
    int cpus_per_task = 1;
    bool submit = true;  // false: write the plan and script only
    bool timing_only = false;
};

// Returns the path of the batch script; prints the sbatch job id when submitted.
std::string prepare_slurm_sweep(const SlurmOptions& opt);

// Runs points index, index + count, ... of the plan; skips those already in `out`.
void run_shard(const std::string& plan_path, int index, int count, const std::string& out,
               int jobs);

struct MergeSummary {
    int64_t read = 0, inserted = 0, unchanged = 0, bad_lines = 0;
    int64_t ok = 0;  // results read with status ok
};
MergeSummary merge_shards(const std::string& db, const std::vector<std::string>& shard_files);

}  // namespace edgesa::sweep
