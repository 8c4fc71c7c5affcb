#pragma once
// Sweep progress on stdout: a redrawn bar (done, failed, total, rate, ETA) on a terminal, one
// plain line per finished point otherwise (logs, CI, Slurm output files).
#include <chrono>
#include <cstdint>
#include <string>

#include "run/point_result.h"

namespace edgesa::sweep {

class Progress {
  public:
    Progress(int64_t total, int64_t already_done, bool interactive);
    void point_done(const PointResult& r);
    void finish();
    int64_t done() const { return done_; }
    int64_t failed() const { return failed_; }

  private:
    void draw();
    int64_t total_, skipped_, done_ = 0, failed_ = 0;
    bool interactive_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace edgesa::sweep
