// Report generation: front.csv, gnuplot plots, index.html.
#include "report/sweep_report.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "io/atomic_file.h"
#include "report/gnuplot.h"
#include "report/html_page.h"
#include "report/pareto.h"
#include "run/process_pool.h"
#include "store/result_store.h"

namespace edgesa::sweep {
namespace {

namespace fs = std::filesystem;

// Area for the "latency vs area" plot: the synth area metric when stored, else multipliers.
struct AreaAxis {
    std::string label;
    std::function<double(const PointResult&)> value;
};

AreaAxis area_axis(const std::vector<std::string>& metrics) {
    for (const char* name : {"area_mm2", "area_um2", "area", "area_cells"})
        for (const auto& m : metrics)
            if (m == name) return {m, [m](const PointResult& r) { return metric_value(r, m); }};
    return {"multipliers (rows x width, area proxy)", [](const PointResult& r) {
                const auto c = nlohmann::json::parse(r.config.empty() ? "{}" : r.config);
                if (!c.contains("array")) return std::nan("");
                return c["array"].value("rows", 0.0) * c["array"].value("width", 0.0);
            }};
}

void plot(const std::string& dir, const std::string& name, const std::string& body,
          ReportSummary& sum) {
    gnuplot_plot(dir, name, body, true, sum.files);
}

}  // namespace

ReportSummary write_report(const ReportOptions& opt) {
    if (!fs::exists(opt.db))
        throw InputError(Diagnostic{{opt.db, 0, 0}, "--db", opt.db, "no such results database"});
    const ResultStore store(opt.db);
    const std::vector<PointResult> pts = store.load_all(true);
    const std::vector<std::string> metrics = store.metric_columns();
    std::vector<std::string> objectives = opt.objectives;
    if (objectives.empty()) {
        objectives = {"cycles", "energy_pj"};
        for (const auto& m : metrics)
            if (m.rfind("area", 0) == 0 && m.find('.') == std::string::npos)
                objectives.push_back(m);
    }
    for (const auto& o : objectives)
        if (std::find(metrics.begin(), metrics.end(), o) == metrics.end())
            throw InputError(Diagnostic{{opt.db, 0, 0},
                                        "--objectives",
                                        o,
                                        "not a metric in this database; stored: " +
                                            fmt::format("{}", fmt::join(metrics, ", "))});
    ReportSummary sum;
    sum.points = pts.size();
    const std::vector<size_t> front = pareto_front(pts, objectives);
    const std::set<size_t> on_front(front.begin(), front.end());
    sum.front = front.size();
    fs::create_directories(opt.out_dir);
    const std::string dir = fs::absolute(opt.out_dir).lexically_normal().string();

    // front.csv
    std::string csv = "point_id,workload,params";
    for (const auto& o : objectives) csv += "," + o;
    csv += "\n";
    for (size_t i : front) {
        std::string params;  // CSV cell: quotes doubled
        for (char c : pts[i].params) params += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv += pts[i].point_id + "," + pts[i].workload + ",\"" + params + "\"";
        for (const auto& o : objectives) csv += fmt::format(",{}", metric_value(pts[i], o));
        csv += "\n";
    }
    write_file_atomic(dir + "/front.csv", csv);
    sum.files.push_back("front.csv");

    // data for plots: all ok points and front points
    const AreaAxis area = area_axis(metrics);
    std::string all, fr;
    for (size_t i = 0; i < pts.size(); ++i) {
        if (pts[i].status != "ok") continue;
        ++sum.ok;
        const std::string line = fmt::format("{} {} {}\n", metric_value(pts[i], "cycles"),
                                             metric_value(pts[i], "energy_pj"), area.value(pts[i]));
        all += line;
        if (on_front.count(i)) fr += line;
    }
    write_file_atomic(dir + "/points.dat", "# cycles energy_pj area\n" + all);
    write_file_atomic(dir + "/front.dat", "# cycles energy_pj area\n" + fr);
    if (sum.ok > 0) {
        plot(dir, "energy_vs_latency",
             "set title 'Energy vs latency (Pareto front highlighted)'\nset xlabel 'latency "
             "(cycles)'\n"
             "set ylabel 'energy (pJ)'\nplot 'points.dat' using 1:2 with points pt 7 ps 0.8 title "
             "'points', "
             "'front.dat' using 1:2 with points pt 5 ps 1.4 lc rgb 'red' title 'Pareto front'\n",
             sum);
        plot(
            dir, "latency_vs_area",
            fmt::format(
                "set title 'Latency vs area'\nset xlabel {}\nset ylabel 'latency (cycles)'\n"
                "plot 'points.dat' using 3:1 with points pt 7 ps 0.8 title 'points', "
                "'front.dat' using 3:1 with points pt 5 ps 1.4 lc rgb 'red' title 'Pareto front'\n",
                gp_quote(area.label)),
            sum);
        // utilization per layer for up to four front points
        std::string util = "# layer";
        std::string plots;
        const size_t shown = std::min<size_t>(front.size(), 4);
        size_t layers = 0;
        for (size_t k = 0; k < shown; ++k) layers = std::max(layers, pts[front[k]].layers.size());
        std::string data;
        for (size_t l = 0; l < layers; ++l) {
            data += std::to_string(l);
            for (size_t k = 0; k < shown; ++k) {
                const auto& L = pts[front[k]].layers;
                data += l < L.size() ? fmt::format(" {}", L[l].utilization) : std::string(" NaN");
            }
            data += "\n";
        }
        for (size_t k = 0; k < shown; ++k)
            plots += fmt::format("{}'utilization.dat' using 1:{} with linespoints title {}",
                                 k ? ", " : "", k + 2, gp_quote(pts[front[k]].point_id));
        write_file_atomic(dir + "/utilization.dat", util + "\n" + data);
        if (layers > 0)
            plot(dir, "utilization_per_layer",
                 "set title 'Array utilization per layer (Pareto points)'\nset xlabel 'layer "
                 "index'\n"
                 "set ylabel 'utilization'\nset yrange [0:1.05]\nplot " +
                     plots + "\n",
                 sum);
        // Energy by component (the run report's parts, docs/energy.md) of up to eight front points.
        std::vector<std::string> parts;
        for (const auto& m : metrics)
            if (m.rfind("energy_fj.", 0) == 0 && m != "energy_fj.total") parts.push_back(m);
        if (!parts.empty() && !front.empty()) {
            std::string edata = "# point";
            for (const auto& p : parts) edata += " " + p.substr(10);
            edata += "\n";
            for (size_t k = 0; k < std::min<size_t>(front.size(), 8); ++k) {
                edata += gp_quote(pts[front[k]].point_id.substr(0, 8));
                for (const auto& p : parts)
                    edata += fmt::format(" {}", metric_value(pts[front[k]], p) / 1e9);
                edata += "\n";
            }
            write_file_atomic(dir + "/energy_parts.dat", edata);
            std::string cols;
            for (size_t c = 0; c < parts.size(); ++c)
                cols += fmt::format("{}'energy_parts.dat' using {}{} title {}", c ? ", " : "",
                                    c + 2, c ? "" : ":xtic(1)", gp_quote(parts[c].substr(10)));
            plot(dir, "energy_by_component",
                 "set title 'Energy by component (Pareto points)'\nset ylabel 'energy (uJ)'\n"
                 "set style data histograms\nset style histogram rowstacked\nset style fill solid "
                 "0.85 border -1\n"
                 "set boxwidth 0.7\nset yrange [0:*]\nplot " +
                     cols + "\n",
                 sum);
        }
    }
    write_file_atomic(dir + "/index.html",
                      html_page(pts, metrics, objectives, on_front, sum.files));
    sum.files.push_back("index.html");
    return sum;
}

}  // namespace edgesa::sweep
