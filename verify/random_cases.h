#pragma once
// Random co-simulation cases for `edgesa verify --random N --seed S` (docs/verify.md, "Random
// co-simulation"): legal accelerator configs and small layer traces drawn from the whole space the
// generated top runs, as the YAML text a user would write (plus .npy weight tensors). Nothing here
// validates: the caller loads every config and trace through the normal readers.
//
// Cases come in groups that share one config (one Verilator build serves the group). Group j of
// seed S is drawn from its own generator keyed by (S, j), so the same N and S always give the
// same cases, and a larger N only appends cases.
#include <cstdint>
#include <string>
#include <vector>

#include "io/npy.h"

namespace edgesa::verify {

struct RandomTensor {
    std::string file;  // relative to the trace file's directory (tensors/<layer>.w.npy)
    FloatTensor data;
};

struct RandomCase {
    int index = 0;           // case number i within the seed (0-based), the folder case-<S>-<i>
    std::string trace_yaml;  // an edgesa trace (docs/trace-format.md)
    std::vector<RandomTensor> tensors;
    std::string summary;  // one line: the layers and their formats
};

struct RandomGroup {
    int index = 0;            // group j: cases j*per_config .. j*per_config + per_config - 1
    std::string config_yaml;  // an accelerator config (docs/config.md)
    std::string summary;      // one line: geometry, compute type, DRAM
    std::vector<RandomCase> cases;
};

// The first `count` cases of seed `seed`, `per_config` cases per config (the last group may have
// fewer).
std::vector<RandomGroup> draw_random_cases(uint64_t seed, int count, int per_config);

}  // namespace edgesa::verify
