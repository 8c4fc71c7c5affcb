// HTML rendering of the sweep report.
#include "report/html_page.h"

#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "report/html_escape.h"
#include "report/pareto.h"

namespace edgesa::sweep {
namespace {

// Sorts the table by a column (numbers numerically, empty cells last); sorts by the first
// objective on load and records what it did in data- attributes so tests can read the DOM.
const char* kScript = R"JS(
function sortTable(col, asc) {
  var tb = document.querySelector('#points tbody');
  var rows = Array.prototype.slice.call(tb.rows);
  rows.sort(function (a, b) {
    var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
    if (x === '' && y === '') return 0;
    if (x === '') return 1;
    if (y === '') return -1;
    var nx = parseFloat(x), ny = parseFloat(y), r;
    if (!isNaN(nx) && !isNaN(ny)) r = nx - ny; else r = x < y ? -1 : (x > y ? 1 : 0);
    return asc ? r : -r;
  });
  rows.forEach(function (r) { tb.appendChild(r); });
  var th = document.querySelectorAll('#points th')[col];
  document.getElementById('points').setAttribute('data-sorted-by', th.textContent);
  document.getElementById('points').setAttribute('data-sorted-asc', asc ? 'yes' : 'no');
}
document.querySelectorAll('#points th').forEach(function (th, i) {
  th.addEventListener('click', function () {
    var t = document.getElementById('points');
    var asc = !(t.getAttribute('data-sorted-by') === th.textContent && t.getAttribute('data-sorted-asc') === 'yes');
    sortTable(i, asc);
  });
});
window.addEventListener('load', function () {
  var first = document.getElementById('points').getAttribute('data-default-sort');
  document.querySelectorAll('#points th').forEach(function (th, i) { if (th.textContent === first) sortTable(i, true); });
  var imgs = document.querySelectorAll('img'), ok = 0;
  imgs.forEach(function (im) { if (im.complete && im.naturalWidth > 0) ok++; });
  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);
});
)JS";

}  // namespace

std::string html_page(const std::vector<PointResult>& points,
                      const std::vector<std::string>& metrics,
                      const std::vector<std::string>& objectives, const std::set<size_t>& front,
                      const std::vector<std::string>& files) {
    std::vector<std::string> params;
    for (const auto& r : points) {
        const auto pj = nlohmann::ordered_json::parse(r.params.empty() ? "{}" : r.params);
        for (auto it = pj.begin(); it != pj.end(); ++it)
            if (std::find(params.begin(), params.end(), it.key()) == params.end())
                params.push_back(it.key());
    }
    size_t ok = 0;
    for (const auto& r : points) ok += r.status == "ok";
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>edgesa sweep "
        "report</title>\n"
        "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:"
        "0.85em}"
        "td,th{border:1px solid #bbb;padding:2px "
        "6px;text-align:right}th{cursor:pointer;background:#eee}"
        "tr.front td{background:#fde8e8}img{max-width:48%;margin:4px;border:1px solid "
        "#ddd}</style></head>\n<body>\n";
    h += fmt::format(
        "<h1>edgesa sweep report</h1>\n<p>{} points, {} ok, {} on the Pareto front over {} (all "
        "minimized). "
        "Front points are shaded; click a column header to sort.</p>\n",
        points.size(), ok, front.size(),
        html_escape(fmt::format("{}", fmt::join(objectives, ", "))));
    h += "<h2>Plots</h2>\n<div id=\"plots\">\n";
    for (const auto& f : files)
        if (f.size() > 4 && f.substr(f.size() - 4) == ".png") {
            const std::string stem = f.substr(0, f.size() - 4);
            h += fmt::format("<a href=\"{0}.svg\"><img src=\"{0}.png\" alt=\"{0}\"></a>\n",
                             html_escape(stem));
        }
    h += "</div>\n<p><a href=\"front.csv\">front.csv</a></p>\n<h2>Points</h2>\n";
    h += fmt::format(
        "<table id=\"points\" "
        "data-default-sort=\"{}\"><thead><tr><th>point</th><th>front</th><th>status</th>"
        "<th>workload</th>",
        html_escape(objectives.empty() ? "point" : objectives[0]));
    for (const auto& p : params) h += "<th>" + html_escape(p) + "</th>";
    for (const auto& m : metrics) h += "<th>" + html_escape(m) + "</th>";
    h += "<th>wall_s</th><th>error</th></tr></thead>\n<tbody>\n";
    auto cell = [](const std::string& v) {
        return fmt::format("<td data-v=\"{0}\">{0}</td>", html_escape(v));
    };
    for (size_t i = 0; i < points.size(); ++i) {
        const PointResult& r = points[i];
        const bool f = front.count(i) > 0;
        h += fmt::format("<tr{}>", f ? " class=\"front\"" : "");
        h += cell(r.point_id) + cell(f ? "yes" : "") + cell(r.status) + cell(r.workload);
        const auto pj = nlohmann::json::parse(r.params.empty() ? "{}" : r.params);
        for (const auto& p : params) h += cell(pj.contains(p) ? pj[p].get<std::string>() : "");
        for (const auto& m : metrics) {
            const double v = metric_value(r, m);
            h += cell(std::isnan(v) ? "" : fmt::format("{}", v));
        }
        h += cell(fmt::format("{:.3f}", r.wall_s)) + cell(r.error) + "</tr>\n";
    }
    h += "</tbody></table>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
    return h;
}

}  // namespace edgesa::sweep
