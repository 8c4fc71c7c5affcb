// O(n^2) Pareto filter; sweeps have hundreds to thousands of points.
#include "report/pareto.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgesa::sweep {

double metric_value(const PointResult& r, const std::string& name) {
    for (const auto& [k, v] : r.metrics)
        if (k == name) return v;
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<size_t> pareto_front(const std::vector<PointResult>& points,
                                 const std::vector<std::string>& objectives) {
    std::vector<size_t> cand;
    std::vector<std::vector<double>> val(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
        if (points[i].status != "ok") continue;
        bool all = true;
        for (const auto& o : objectives) {
            val[i].push_back(metric_value(points[i], o));
            all = all && !std::isnan(val[i].back());
        }
        if (all) cand.push_back(i);
    }
    std::vector<size_t> front;
    for (size_t i : cand) {
        bool dominated = false;
        for (size_t j : cand) {
            if (i == j) continue;
            bool le = true, lt = false;
            for (size_t k = 0; k < objectives.size(); ++k) {
                le = le && val[j][k] <= val[i][k];
                lt = lt || val[j][k] < val[i][k];
            }
            if (le && lt) {
                dominated = true;
                break;
            }
        }
        if (!dominated) front.push_back(i);
    }
    std::stable_sort(front.begin(), front.end(),
                     [&](size_t a, size_t b) { return val[a][0] < val[b][0]; });
    return front;
}

}  // namespace edgesa::sweep
