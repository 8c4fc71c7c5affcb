#pragma once
// Expands a sweep spec into points: workloads x the cartesian product of axis groups (zipped axes
// move together), drops points that break a constraint, then optionally draws a seeded sample.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "spec/sweep_spec.h"

namespace edgesa::sweep {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// One point of the sweep before it is resolved against the base config.
struct SweepPoint {
    int64_t seq = 0;             // position in the full (unfiltered) expansion order
    size_t workload = 0;         // index into SweepSpec::workloads
    KeyValues params;            // axis name -> value, in axis order
    KeyValues config_overrides;  // config key path -> value
    KeyValues transform_args;    // "<op>.<argument>" -> value
};

struct Expansion {
    std::vector<SweepPoint> points;
    int64_t total = 0;  // before constraints and sampling
    int64_t dropped_by_constraints = 0;
};

// Throws InputError when a constraint cannot be evaluated (e.g. comparing a string with a number),
// naming the constraint's position and the point's values.
Expansion expand_points(const SweepSpec& spec);

}  // namespace edgesa::sweep
