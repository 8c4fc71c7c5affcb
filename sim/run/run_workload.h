#pragma once
// One `edgesa run`: batch the images, build the program, simulate, make the report. The CLI
// (app/cmd_run.cpp) and the Python module (python/, docs/python.md) both call this, so a run gives
// the same report from either. One call per process: it runs the SystemC kernel.
#include <string>

#include <nlohmann/json.hpp>

#include "config/accel_config.h"
#include "network.h"
#include "program/batch.h"
#include "program/layer_program.h"
#include "report/run_report.h"
#include "system/simulation.h"

namespace edgesa::sim {

struct RunRequest {
    std::string mode = "timing";      // timing | functional (sets sim.functional)
    int images = 1;                   // 1..4096 images back to back (`--images`)
    std::string scheduler = "clock";  // clock | per-unit (sets sim.per_unit)
    SimOptions sim;                   // waveform, deadlock guard, idle skipping, data
    std::string workload;             // trace path or zoo spec as the user named it (report only)
    std::string workload_hash;        // 16 hex digits over the trace text (report only)
};

// What the run produced; `report` is the `--json` document (report/run_report.h).
struct RunOutcome {
    BatchedNetwork batch;
    Program prog;
    SimResult result;
    nlohmann::ordered_json report;
};

// Throws InputError for a bad mode, scheduler, image count or trace, std::runtime_error on a
// deadlock.
RunOutcome run_workload(const AccelConfig& cfg, const Network& net, const RunRequest& req);

}  // namespace edgesa::sim
