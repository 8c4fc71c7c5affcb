#pragma once
// Materializes each distinct workload of a sweep (zoo network or trace, then its transform steps
// with the point's transform arguments) once, into the sweep's work folder, and hashes it.
#include <map>
#include <string>

#include "spec/point_expansion.h"
#include "spec/sweep_spec.h"

namespace edgesa::sweep {

// A ready trace file, or why it could not be made.
struct PreparedWorkload {
    std::string trace;
    std::string hash;   // of the trace file's bytes
    std::string error;  // non-empty: preparation failed, points using it fail with this error
};

// Caches prepared workloads by (workload, transform arguments).
class WorkloadPreparer {
  public:
    WorkloadPreparer(const SweepSpec& spec, std::string work_dir)
        : spec_(spec), work_dir_(std::move(work_dir)) {}
    const PreparedWorkload& get(const SweepPoint& p);

  private:
    const SweepSpec& spec_;
    std::string work_dir_;
    std::map<std::string, PreparedWorkload> cache_;
};

}  // namespace edgesa::sweep
