#pragma once
// `edgesa verify --random N --seed S [--out DIR]` (docs/verify.md, "Random co-simulation"): draws
// N cases (random_cases.h), writes each as the config.yaml and trace.yaml a user would write,
// loads them through the normal readers, and checks every case with the same per-config function
// as `edgesa verify` (check_target), one Verilator build per config. Prints one line per case and
// a count; every mismatch gets a folder DIR/case-<S>-<i>/ with the config, the trace, its tensors,
// repro.sh and the report.
#include <cstdint>
#include <string>

namespace edgesa::verify {

struct RandomOptions {
    uint64_t count = 0, seed = 1;
    int per_config = 6;       // cases sharing one config (one Verilator build)
    std::string out_dir;      // mismatch folders (default: verify-random in the current directory)
    std::string cache_dir;    // the Verilator build cache (as edgesa verify)
    std::string work_dir;     // kept runs (default: a temporary directory, removed at the end)
    std::string edgesa_path;  // the edgesa executable repro.sh calls
    bool list_only = false;   // print the drawn configs and cases, build and run nothing
};

// Returns the number of cases that did not match (an RTL difference, a reference difference, or
// a failed build or run).
uint64_t run_verify_random(const RandomOptions& o);

}  // namespace edgesa::verify
