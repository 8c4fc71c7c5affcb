#pragma once
// `edgesa sweep report --db FILE -o DIR`: the Pareto front (front.csv), gnuplot plots as PNG and
// SVG (latency vs area, energy vs latency, utilization per layer) and a static index.html with
// the plots and a sortable table of every point (plain JS, no network access).
#include <string>
#include <vector>

namespace edgesa::sweep {

struct ReportOptions {
    std::string db;
    std::string out_dir;
    std::vector<std::string> objectives;  // empty: cycles, energy_pj, and area when stored
};

struct ReportSummary {
    size_t points = 0, ok = 0, front = 0;
    std::vector<std::string> files;  // written, relative to out_dir
};

ReportSummary write_report(const ReportOptions& opt);

}  // namespace edgesa::sweep
