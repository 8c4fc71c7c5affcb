#pragma once
// Turns a spec into runnable points: expands, prepares workloads, resolves each point's config
// (base config + overrides, validated like any config), and derives the point id from the
// resolved config and the workload hash. Points whose config is invalid are decided here.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/point_result.h"
#include "spec/point_expansion.h"
#include "spec/sweep_spec.h"

namespace edgesa::sweep {

// One point ready to hand to a worker (or already decided when result.status is set).
struct PlannedPoint {
    PointResult result;       // identity fields filled; status empty while the point must still run
    std::string dir;          // the point's folder: config.yaml, result.json, worker.log
    std::string config_yaml;  // resolved config text
    std::string trace;
    std::string mode;
    double timeout_s = 0;
    std::vector<std::string> metrics;
};

struct SweepPlan {
    SweepSpec spec;
    Expansion expansion;
    std::vector<PlannedPoint> points;  // distinct ids, expansion order
    int64_t duplicates = 0;            // points that resolved to an id already planned
};

SweepPlan make_plan(const std::string& spec_path, const std::string& work_dir, bool timing_only);

// Throws InputError (naming the spec) when every point is decided before running: none survives
// the constraints, or the config rules refuse each one. Such a sweep would otherwise record only
// `invalid` points and look like a success.
void refuse_if_nothing_can_run(const std::string& spec_path, const SweepPlan& plan);

// The plan of a sweep about to run in `work`: creates `dir` (work itself or a folder in it), then
// make_plan and refuse_if_nothing_can_run. A spec that fails leaves no work folder behind when
// this call created it.
SweepPlan plan_in_work(const std::string& spec_path, const std::string& work,
                       const std::string& dir, bool timing_only);

nlohmann::json to_json(const PlannedPoint& p);
PlannedPoint planned_point_from_json(const nlohmann::json& j);

}  // namespace edgesa::sweep
