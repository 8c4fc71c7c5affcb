#include "report/run_page.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "report/gnuplot.h"
#include "report/html_escape.h"

namespace edgesa::sweep {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

// A layer name as one quoted gnuplot data column.
std::string gp_name(const std::string& s) {
    std::string q;
    for (char c : s) q += c == '"' ? '\'' : c;
    return "\"" + q + "\"";
}

const char* const kStalls[] = {"memory", "weight_fill", "decompressor", "writeback"};

// A numeric cell carrying its JSON path and raw value (the browser test compares them).
std::string num(const std::string& key, const json& v, const std::string& shown = "") {
    const std::string raw = v.dump();
    return fmt::format("<td data-k=\"{}\" data-v=\"{}\">{}</td>", html_escape(key),
                       html_escape(raw), html_escape(shown.empty() ? raw : shown));
}

// Femtojoules as people read them (the cell keeps the exact fJ in data-v).
std::string energy_text(const json& fj) {
    const double uj = double(fj.get<uint64_t>()) / 1e9;
    if (uj >= 1000) return fmt::format("{:.4g} mJ", uj / 1e3);
    if (uj >= 1) return fmt::format("{:.4g} uJ", uj);
    return fmt::format("{:.4g} nJ", uj * 1e3);
}

const char* kScript = R"JS(
var errors = 0;
window.addEventListener('error', function () { errors++; }, true);
window.addEventListener('load', function () {
  var imgs = document.querySelectorAll('img'), ok = 0;
  imgs.forEach(function (im) { if (im.complete && im.naturalWidth > 0) ok++; });
  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);
  document.body.setAttribute('data-errors', String(errors));
});
)JS";

void plots(const std::string& dir, const json& j, std::vector<std::string>& files) {
    const json& layers = j["layers"];
    const json& t = j["totals"];
    const json& cfg = j["config"];
    // Cycles per layer, stacked by stall cause (row-0 issue cycles) and the rest of the span.
    std::string d = "# index name memory weight_fill decompressor writeback other\n";
    int n = 0;
    for (const auto& l : layers) {
        const uint64_t cycles = l["cycles"].get<uint64_t>();
        if (cycles == 0) continue;
        uint64_t sum = 0;
        d += fmt::format("{} {}", n++, gp_name(l["name"].get<std::string>()));
        for (const char* s : kStalls) {
            const uint64_t v = l["stall_cycles"][s].get<uint64_t>();
            sum += v;
            d += fmt::format(" {}", v);
        }
        d += fmt::format(" {}\n", cycles - std::min(cycles, sum));
    }
    write_file_atomic(dir + "/stalls.dat", d);
    if (n > 0)
        gnuplot_plot(
            dir, "cycles_by_stall",
            "set title 'Cycles per layer by stall cause (row-0 issue cycles)'\nset ylabel "
            "'cycles'\n"
            "set style data histograms\nset style histogram rowstacked\nset style fill solid 0.85 "
            "border -1\n"
            "set boxwidth 0.8\nset xtics rotate by -60 font ',7'\nset key inside right top\n"
            "plot 'stalls.dat' using 3:xtic(2) title 'memory', '' using 4 title 'weight fill', "
            "'' using 5 title 'decompressor', '' using 6 title 'write-back', '' using 7 title "
            "'issuing and other'\n",
            false, files);
    // Roofline: MACs per DRAM byte against MACs per cycle.
    const double peak = cfg["derived"]["peak_macs_per_cycle"].get<double>();
    const double bpc = cfg["derived"]["dram_bytes_per_cycle"].get<double>();
    d = "# name macs_per_byte macs_per_cycle\n";
    int points = 0;
    for (const auto& l : layers) {
        const double bytes =
            double(l["dram_read_bytes"].get<uint64_t>() + l["dram_write_bytes"].get<uint64_t>());
        const double macs = double(l["macs"].get<uint64_t>()),
                     cycles = double(l["cycles"].get<uint64_t>());
        if (macs <= 0 || bytes <= 0 || cycles <= 0) continue;
        d += fmt::format("{} {} {}\n", gp_name(l["name"].get<std::string>()), macs / bytes,
                         macs / cycles);
        ++points;
    }
    write_file_atomic(dir + "/roofline.dat", d);
    if (points > 0)
        gnuplot_plot(
            dir, "roofline",
            fmt::format("set title 'Roofline: every layer against the array and DRAM bounds'\n"
                        "set logscale xy\nset xlabel 'operational intensity (MACs per DRAM byte)'\n"
                        "set ylabel 'MACs per cycle'\nset key inside left top\nset samples 400\n"
                        "set xrange [0.01:10000]\nroof(x) = x * {} < {} ? x * {} : {}\n"
                        "plot roof(x) with lines lw 2 lc rgb 'black' title 'roof: min({} "
                        "MACs/cycle, {:.2f} B/cycle x I)', "
                        "'roofline.dat' using 2:3 with points pt 7 ps 1 title 'layers', "
                        "'' using 2:3:1 with labels offset char 0.8,0.4 left font ',7' notitle\n",
                        bpc, peak, bpc, peak, peak, bpc),
            false, files);
    // Energy and area by component.
    d = "# component uJ\n";
    for (auto it = t["energy_fj"].begin(); it != t["energy_fj"].end(); ++it)
        if (it.key() != "total")
            d +=
                fmt::format("{} {}\n", gp_name(it.key()), double(it.value().get<uint64_t>()) / 1e9);
    write_file_atomic(dir + "/energy.dat", d);
    const std::string bars =
        "set style fill solid 0.85 border -1\nset boxwidth 0.7\nset xtics rotate by -30\n"
        "set key off\nset yrange [0:*]\n";
    gnuplot_plot(dir, "energy_by_component",
                 fmt::format("set title 'Energy by component ({} nm)'\nset ylabel 'energy (uJ)'\n{}"
                             "plot 'energy.dat' using 0:2:xtic(1) with boxes lc rgb '#4477aa'\n",
                             cfg["energy"]["node"].get<std::string>(), bars),
                 false, files);
    d = "# component mm2\n";
    for (auto it = t["area"]["components_mm2"].begin(); it != t["area"]["components_mm2"].end();
         ++it)
        d += fmt::format("{} {}\n", gp_name(it.key()), it.value().get<double>());
    write_file_atomic(dir + "/area.dat", d);
    gnuplot_plot(
        dir, "area_by_component",
        fmt::format(
            "set title 'Area by component, one device ({} nm, model)'\nset ylabel 'area (mm^2)'\n{}"
            "plot 'area.dat' using 0:2:xtic(1) with boxes lc rgb '#228833'\n",
            t["area"]["node_nm"].get<int>(), bars),
        false, files);
    // DRAM bytes by tensor kind (stored and at fp32), and per device when there are several.
    d = "# tensor stored fp32\n";
    for (auto it = t["tensors"].begin(); it != t["tensors"].end(); ++it)
        d += fmt::format("{} {} {}\n", gp_name(it.key()), it.value()["bytes"].get<uint64_t>(),
                         it.value()["fp32_bytes"].get<uint64_t>());
    write_file_atomic(dir + "/tensors.dat", d);
    gnuplot_plot(
        dir, "dram_by_tensor",
        "set title 'DRAM bytes by tensor kind'\nset ylabel 'bytes'\nset style data histograms\n"
        "set style histogram clustered gap 1\nset style fill solid 0.85 border -1\nset key inside "
        "right top\n"
        "set yrange [0:*]\nplot 'tensors.dat' using 2:xtic(1) title 'stored', '' using 3 title 'at "
        "fp32'\n",
        false, files);
    const int64_t devices = cfg["system"]["devices"].get<int64_t>();
    if (devices > 1) {
        const size_t n_dev = size_t(devices);
        std::vector<uint64_t> rd(n_dev, 0), wr(n_dev, 0), link(n_dev, 0);
        for (const auto& l : layers) {
            const size_t dev = size_t(l["device"].get<int>());
            rd[dev] += l["dram_read_bytes"].get<uint64_t>();
            wr[dev] += l["dram_write_bytes"].get<uint64_t>();
            link[dev] += l["link_bytes"].get<uint64_t>();
        }
        d = "# device read write link_sent\n";
        for (size_t i = 0; i < rd.size(); ++i)
            d += fmt::format("dev{} {} {} {}\n", i, rd[i], wr[i], link[i]);
        write_file_atomic(dir + "/devices.dat", d);
        gnuplot_plot(dir, "dram_by_device",
                     "set title 'DRAM and link bytes per device'\nset ylabel 'bytes'\nset style "
                     "data histograms\n"
                     "set style histogram clustered gap 1\nset style fill solid 0.85 border "
                     "-1\nset key inside right top\n"
                     "set yrange [0:*]\nplot 'devices.dat' using 2:xtic(1) title 'DRAM read', '' "
                     "using 3 title 'DRAM write', "
                     "'' using 4 title 'link sent'\n",
                     false, files);
    }
}

std::string page(const json& j, const std::vector<std::string>& files) {
    const json& t = j["totals"];
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>edgesa run "
        "report</title>\n"
        "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:"
        "0.85em;"
        "margin-bottom:1em}td,th{border:1px solid #bbb;padding:2px "
        "6px;text-align:right;white-space:nowrap}th{background:#eee}"
        "td.t{text-align:left;white-space:normal}img{max-width:49%;margin:4px;border:1px solid "
        "#ddd}</style></head>\n<body>\n";
    h += fmt::format(
        "<h1>edgesa run report</h1>\n<p>{} on config {} ({}, hash {}), {} mode, edgesa {}. "
        "The numbers are those of <a href=\"report.json\">report.json</a>; docs/performance.md and "
        "docs/energy.md explain them.</p>\n",
        html_escape(j["workload"].get<std::string>()),
        html_escape(j["config"]["name"].get<std::string>()),
        html_escape(j["config"]["description"].get<std::string>()),
        html_escape(j["config_hash"].get<std::string>()), html_escape(j["mode"].get<std::string>()),
        html_escape(j["edgesa_version"].get<std::string>()));
    h += "<h2>Totals</h2>\n<table id=\"totals\"><tr><th>cycles</th><th>time "
         "(ms)</th><th>MACs</th><th>utilization</th>"
         "<th>energy</th><th>area (mm<sup>2</sup>, all devices)</th><th>DRAM read B</th><th>DRAM "
         "write B</th></tr>\n<tr>";
    h += num("totals.cycles", t["cycles"]) + num("totals.time_ms", t["time_ms"]) +
         num("totals.macs", t["macs"]) +
         num("totals.utilization", t["utilization"],
             fmt::format("{:.3f}", t["utilization"].get<double>())) +
         num("totals.energy_fj.total", t["energy_fj"]["total"],
             energy_text(t["energy_fj"]["total"])) +
         num("totals.area_mm2", t["area_mm2"], fmt::format("{:.4f}", t["area_mm2"].get<double>())) +
         num("totals.dram_read_bytes", t["dram_read_bytes"]) +
         num("totals.dram_write_bytes", t["dram_write_bytes"]) + "</tr></table>\n";
    h += "<h2>Plots</h2>\n<div id=\"plots\">\n";
    for (const auto& f : files)
        h += fmt::format("<a href=\"{0}\"><img src=\"{0}\" alt=\"{0}\"></a>\n", html_escape(f));
    h += "</div>\n<h2>Energy and area by component</h2>\n<table id=\"energy\"><tr><th "
         "class=\"t\">component</th>"
         "<th>energy</th><th>share</th></tr>\n";
    const double total = std::max(1.0, double(t["energy_fj"]["total"].get<uint64_t>()));
    for (auto it = t["energy_fj"].begin(); it != t["energy_fj"].end(); ++it)
        h += fmt::format("<tr><td class=\"t\">{}</td>{}<td>{:.2f} %</td></tr>\n",
                         html_escape(it.key()),
                         num("totals.energy_fj." + it.key(), it.value(), energy_text(it.value())),
                         100.0 * double(it.value().get<uint64_t>()) / total);
    h += "</table>\n<table id=\"area\"><tr><th class=\"t\">component</th><th>area (mm<sup>2</sup>, "
         "one device)</th></tr>\n";
    for (auto it = t["area"]["components_mm2"].begin(); it != t["area"]["components_mm2"].end();
         ++it)
        h += fmt::format("<tr><td class=\"t\">{}</td>{}</tr>\n", html_escape(it.key()),
                         num("totals.area.components_mm2." + it.key(), it.value(),
                             fmt::format("{:.5f}", it.value().get<double>())));
    h +=
        "</table>\n<h2>Layers: bounds, limit and the knob that would move it</h2>\n<table "
        "id=\"layers\"><tr>"
        "<th class=\"t\">layer</th><th>dev</th><th>cycles</th><th>compute</th><th>DRAM</th><th>row "
        "0</th>"
        "<th>decode</th><th>drain</th><th>energy</th><th class=\"t\">limit</th><th "
        "class=\"t\">knob</th></tr>\n";
    for (size_t i = 0; i < j["layers"].size(); ++i) {
        const json& l = j["layers"][i];
        const json& b = l["bounds"];
        const std::string p = fmt::format("layers.{}.", i);
        h += fmt::format("<tr><td class=\"t\">{}</td><td>{}</td>",
                         html_escape(l["name"].get<std::string>()), l["device"].get<int>());
        h += num(p + "cycles", l["cycles"]);
        for (const char* k : {"compute", "dram", "row0", "decode", "drain"})
            h += num(p + "bounds." + k, b[k]);
        h += num(p + "energy_fj.total", l["energy_fj"]["total"],
                 energy_text(l["energy_fj"]["total"]));
        h += fmt::format("<td class=\"t\">{}</td><td class=\"t\">{}</td></tr>\n",
                         html_escape(b["limit"].get<std::string>()),
                         html_escape(b["knob"].get<std::string>()));
    }
    h += "</table>\n<script>" + std::string(kScript) + "</script>\n</body></html>\n";
    return h;
}

}  // namespace

std::vector<std::string> write_run_page(const std::string& out_dir,
                                        const nlohmann::ordered_json& report) {
    fs::create_directories(out_dir);
    const std::string dir = fs::absolute(out_dir).lexically_normal().string();
    std::vector<std::string> files;
    write_file_atomic(dir + "/report.json", report.dump(2) + "\n");
    std::vector<std::string> svgs;
    plots(dir, report, svgs);
    write_file_atomic(dir + "/index.html", page(report, svgs));
    files.push_back("report.json");
    files.insert(files.end(), svgs.begin(), svgs.end());
    files.push_back("index.html");
    return files;
}

}  // namespace edgesa::sweep
