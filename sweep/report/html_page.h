#pragma once
// The static HTML page of a sweep report: plots as <img> (PNG, with links to the SVGs) and a
// table of every point that sorts by any column on click (inline JS, no external resources).
#include <set>
#include <string>
#include <vector>

#include "run/point_result.h"

namespace edgesa::sweep {

std::string html_page(const std::vector<PointResult>& points,
                      const std::vector<std::string>& metrics,
                      const std::vector<std::string>& objectives, const std::set<size_t>& front,
                      const std::vector<std::string>& files);

}  // namespace edgesa::sweep
