#pragma once
// Runs planned points in worker processes (at most `jobs` at once) and hands each finished
// point's result to a sink (the SQLite store, or a Slurm shard file). A failed, crashed or
// timed-out worker becomes a recorded result; it never stops the other points.
#include <atomic>
#include <functional>
#include <vector>

#include "run/point_result.h"
#include "run/sweep_plan.h"

namespace edgesa::sweep {

struct RunnerStats {
    double driver_s = 0;  // time spent in the driver preparing and recording points
    int64_t points = 0;
};

RunnerStats run_points(const std::vector<const PlannedPoint*>& points, int jobs,
                       const std::function<void(const PointResult&)>& sink,
                       const std::atomic<bool>& stop);

// Builds the result of a finished worker from its exit status and result file.
PointResult finish_point(const PlannedPoint& p, bool timed_out, bool signaled, int signal,
                         int exit_code, double wall_s, const std::string& spawn_error);

}  // namespace edgesa::sweep
