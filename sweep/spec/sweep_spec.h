#pragma once
// The parsed, validated sweep spec (docs/sweep.md): a base config, workloads, axes, constraints,
// sampling and the metrics to record. Built by parse_sweep_spec(); consumed by expand_points().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "io/limits.h"
#include "spec/expr.h"

namespace edgesa::sweep {

// One transform step applied to a workload trace: `edgesa trace <op> IN -o OUT --arg value ...`.
struct TransformStep {
    std::string op;
    std::vector<std::pair<std::string, std::string>> args;  // in spec order
    SourcePos pos;
};

// A workload: a trace file, or a zoo network, followed by transform steps.
struct WorkloadSpec {
    std::string name;
    std::string trace;  // absolute path, or empty for a zoo network
    std::string zoo;    // zoo network name, or empty
    std::vector<TransformStep> transforms;
    SourcePos pos;
};

// One value of an axis, as written (text) with its numeric reading when it has one.
struct AxisValue {
    std::string text;
    bool is_number = false;
    double number = 0;
};

// One swept parameter. `target` is a config key path ("array.rows") or a transform parameter
// ("workload.compress.format"); `name` is how constraints and reports call it.
struct Axis {
    std::string target;
    std::string name;
    bool is_transform = false;
    std::vector<AxisValue> values;
    SourcePos pos;
};

// Axes that vary together (zip) or a single axis; the cartesian product is taken over groups.
struct AxisGroup {
    std::vector<Axis> axes;  // all of equal length
};

// A constraint over axis values and config keys, with where it was written.
struct Constraint {
    Expr expr;
    SourcePos pos;  // position of the expression's first character
};

struct SweepSpec {
    std::string file;
    std::string name;
    std::string base_config;      // absolute path
    std::string mode = "timing";  // timing | functional
    double timeout_s = 600;
    std::vector<WorkloadSpec> workloads;
    std::vector<AxisGroup> groups;
    std::vector<Constraint> constraints;
    std::optional<int64_t> sample_count;
    uint64_t sample_seed = 1;
    std::vector<std::string> metrics;                     // empty: all of `totals`
    int64_t max_points = limits::kDefaultMaxSweepPoints;  // cap on expanded points (docs/sweep.md)
};

// The totals metrics of `edgesa run --json` that a spec may name under `metrics:`.
const std::vector<std::string>& known_metrics();

// Parses and validates the spec; throws InputError listing every problem (file:line:col).
SweepSpec parse_sweep_spec_file(const std::string& path);
SweepSpec parse_sweep_spec_text(const std::string& yaml, const std::string& file);

}  // namespace edgesa::sweep
