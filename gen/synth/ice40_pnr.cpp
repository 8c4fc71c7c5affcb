#include "ice40_pnr.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/subprocess.h"
#include "synth/tool_output.h"

namespace edgesa::gen {

namespace {

std::string tail(const std::string& text, size_t n) {
    return text.size() > n ? "..." + text.substr(text.size() - n) : text;
}

}  // namespace

std::map<std::string, Ice40Use> parse_nextpnr_utilisation(const std::string& log_text) {
    std::map<std::string, Ice40Use> u;
    const size_t at = log_text.find("Device utilisation:");
    if (at == std::string::npos) return u;
    // "Info: \t         ICESTORM_LC: 21835/ 5280   413%", one line per type, until a blank line
    static const std::regex line(R"(^Info:\s+([A-Za-z0-9_]+):\s+(\d+)/\s*(\d+)\s+\d+%)");
    std::istringstream in(log_text.substr(at));
    std::string l;
    std::getline(in, l);  // the heading
    while (std::getline(in, l)) {
        std::smatch m;
        if (!std::regex_search(l, m, line)) break;
        u[m[1].str()] = {std::stoll(m[2].str()), std::stoll(m[3].str())};
    }
    return u;
}

double parse_nextpnr_fmax(const std::string& report_json) {
    if (report_json.empty()) return 0;
    const auto j = nlohmann::json::parse(report_json);
    if (!j.contains("fmax")) return 0;
    double f = 0;
    bool any = false;
    for (const auto& [clk, v] : j.at("fmax").items()) {
        const double a = v.at("achieved").get<double>();
        f = any ? std::min(f, a) : a;
        any = true;
    }
    return f;
}

Ice40PnrResult run_ice40_pnr(const std::string& netlist_json, const std::string& pcf,
                             const Ice40Device& dev, double mhz, const std::string& work_dir) {
    namespace fs = std::filesystem;
    Ice40PnrResult r;
    r.device = dev.name;
    r.package = dev.package;
    r.target_mhz = mhz;
    const fs::path w(work_dir);
    r.asc = (w / "edgesa_ice40_wrap.asc").string();
    r.bitstream = (w / "edgesa_ice40_wrap.bin").string();
    r.report = (w / "nextpnr_report.json").string();
    r.log = (w / "nextpnr.log").string();
    for (const auto& p : {r.asc, r.bitstream, r.report, r.log}) fs::remove(p);
    const std::string console = (w / "nextpnr.console.log").string();
    fs::remove(console);
    const auto t0 = std::chrono::steady_clock::now();
    // --timing-allow-fail: a design that misses clock.mhz is still routed and reported (by how
    // much); edgesa decides the exit status. --seed 1: the same placement every run.
    const int rc =
        run_logged({"nextpnr-ice40", dev.nextpnr, "--package", dev.package, "--json", netlist_json,
                    "--pcf", pcf, "--freq", fmt::format("{}", mhz), "--asc", r.asc, "--report",
                    r.report, "--timing-allow-fail", "--seed", "1", "-l", r.log},
                   console);
    const std::string log = read_tool_output(r.log);
    r.utilisation = parse_nextpnr_utilisation(log);
    bool over = false;
    for (const auto& [type, u] : r.utilisation) over = over || u.used > u.available;
    if (rc != 0 || !fs::exists(r.asc)) {
        r.placement_full = log.find("Unable to find legal placement") != std::string::npos;
        if (over || r.placement_full) {  // does not fit: a result, reported by the caller
            r.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return r;
        }
        throw std::runtime_error(
            fmt::format("nextpnr-ice40 failed (exit status {}, log {}):\n{}", rc, r.log,
                        tail(log.empty() ? read_tool_output(console) : log, 3000)));
    }
    r.fits = true;
    r.fmax_mhz = parse_nextpnr_fmax(read_tool_output(r.report));
    const int prc = run_logged({"icepack", r.asc, r.bitstream}, console);
    if (prc != 0 || !fs::exists(r.bitstream))
        throw std::runtime_error(fmt::format("icepack failed (exit status {}):\n{}", prc,
                                             tail(read_tool_output(console), 3000)));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

}  // namespace edgesa::gen
