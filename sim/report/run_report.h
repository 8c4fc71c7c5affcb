#pragma once
// The results of `edgesa run`: per-layer table and totals (text), the JSON contract of the
// sweep engineers (docs/architecture.md, "Run report") and a flat per-layer CSV.
#include <string>

#include <nlohmann/json.hpp>

#include "config/accel_config.h"
#include "network.h"
#include "program/layer_program.h"
#include "system/simulation.h"

namespace edgesa::sim {

// What the report says about the run besides the config and the results.
struct RunInfo {
    std::string workload;       // trace path or zoo spec as given
    std::string workload_hash;  // 16 hex digits over the trace text
    std::string mode;           // "timing" | "functional"
};

nlohmann::ordered_json run_report_json(const AccelConfig& cfg, const Network& net,
                                       const Program& prog, const SimResult& r,
                                       const RunInfo& info);
std::string run_report_text(const nlohmann::ordered_json& report);
// Energy for people: "812.4 uJ", "16.45 mJ" (four significant digits).
std::string format_energy_pj(double pj);
std::string run_report_csv(const nlohmann::ordered_json& report);

}  // namespace edgesa::sim
