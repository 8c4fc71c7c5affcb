#pragma once
// `edgesa run --report DIR`: the run report as a static HTML page with gnuplot SVG plots (cycles
// per layer stacked by stall cause, a roofline, energy and area by component, DRAM bytes by
// tensor kind and per device) and tables whose cells carry the JSON's raw values
// (data-k = JSON path, data-v = value), next to report.json itself.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgesa::sweep {

// Writes DIR/report.json, DIR/index.html, the plots and their data; returns the file names.
std::vector<std::string> write_run_page(const std::string& dir,
                                        const nlohmann::ordered_json& report);

}  // namespace edgesa::sweep
