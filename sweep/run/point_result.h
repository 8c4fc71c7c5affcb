#pragma once
// The outcome of one sweep point: identity (hashes), parameters, status, wall time, metrics and
// per-layer figures. Built from a worker's `edgesa run --json` output, stored in SQLite, and
// carried through Slurm shard files as one JSON line per point.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgesa::sweep {

// Per-layer numbers kept for the report's utilization plot.
struct LayerRow {
    std::string name, type;
    int64_t device = 0;
    int64_t cycles = 0, macs = 0;
    double utilization = 0, energy_pj = 0;
};

struct PointResult {
    std::string point_id;  // hash of the resolved config + workload hash
    int64_t seq = 0;       // expansion order, for stable listings
    std::string sweep, workload;
    std::string config_hash, workload_hash, edgesa_version;
    std::string params;  // JSON object: axis name -> value text
    std::string config;  // resolved config as JSON text
    std::string status;  // ok | failed | invalid | timeout | crashed
    std::string error;   // empty when ok
    double wall_s = 0;
    std::vector<std::pair<std::string, double>> metrics;  // name -> value, in report order
    std::vector<LayerRow> layers;
};

// Reads the run JSON into `r` (metrics and layers). `wanted` empty means every numeric leaf of
// "totals"; names starting with "stats." read a counter from the stats tree. Returns "" on
// success or a one-line reason the file is unusable.
std::string read_run_json(const std::string& path, const std::vector<std::string>& wanted,
                          PointResult& r);

nlohmann::json to_json(const PointResult& r);
PointResult point_result_from_json(const nlohmann::json& j);  // throws nlohmann::json::exception

}  // namespace edgesa::sweep
