#pragma once
// The Pareto front of sweep results over objectives that are all minimized (latency, energy,
// area): a point is on the front when no other point is at least as good in every objective and
// strictly better in one.
#include <string>
#include <vector>

#include "run/point_result.h"

namespace edgesa::sweep {

// The value of metric `name` for r, or NaN when r does not report it.
double metric_value(const PointResult& r, const std::string& name);

// Indices into `points` of the front, among points with status ok and every objective present,
// ordered by the first objective (ties: input order).
std::vector<size_t> pareto_front(const std::vector<PointResult>& points,
                                 const std::vector<std::string>& objectives);

}  // namespace edgesa::sweep
