#include "yosys_runner.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "io/atomic_file.h"
#include "io/subprocess.h"
#include "synth/tool_output.h"

namespace edgesa::gen {

namespace {

bool starts_with(const std::string& s, const char* p) {
    return s.rfind(p, 0) == 0;
}

bool is_flip_flop(const std::string& t) {
    return starts_with(t, "$_DFF") || starts_with(t, "$_SDFF") || starts_with(t, "$_ALDFF") ||
           starts_with(t, "$_DFFSR") || starts_with(t, "$dff") || starts_with(t, "$adff") ||
           starts_with(t, "FD") || starts_with(t, "SB_DFF");
}
bool is_lut(const std::string& t) {
    return starts_with(t, "LUT") || t == "SB_LUT4";
}
bool is_block_ram(const std::string& t) {
    return starts_with(t, "RAMB") || starts_with(t, "SB_RAM");
}
bool is_lut_ram(const std::string& t) {
    return starts_with(t, "RAM") && !starts_with(t, "RAMB");
}
bool is_dsp(const std::string& t) {
    return starts_with(t, "DSP48") || t == "SB_MAC16";
}

}  // namespace

void parse_yosys_usage(const std::string& log_text, SynthResult& r) {
    static const std::regex usage(
        R"(CPU: user ([0-9.]+)s system ([0-9.]+)s, MEM: ([0-9.]+) MB peak)");
    std::smatch m;
    if (!std::regex_search(log_text, m, usage)) return;
    r.cpu_seconds = std::stod(m[1].str()) + std::stod(m[2].str());
    r.peak_mb = std::stod(m[3].str());
}

const char* to_string(SynthTarget t) {
    switch (t) {
        case SynthTarget::kGeneric:
            return "generic";
        case SynthTarget::kXilinx:
            return "xilinx";
        case SynthTarget::kIce40:
            return "ice40";
    }
    return "?";
}

void parse_ltp(const std::string& text, SynthResult& r) {
    static const std::regex head(R"(Longest topological path in \S+ \(length=(\d+)\))");
    // an instance of the top on the path: "\u_streamer." or "$flatten\u_streamer." (the first
    // level of the flattened hierarchy), or one in a generate block ("\gen_act_lane[0].u_pool.")
    static const std::regex inst(
        R"((?:^|[\s(])(?:\$flatten)?\\((?:[A-Za-z_][A-Za-z0-9_]*\[\d+\]\.)?u_[A-Za-z0-9_]+)[.\[])");
    std::smatch m;
    if (!std::regex_search(text, m, head)) return;
    r.logic_depth = std::stoll(m[1].str());
    std::istringstream lines(text.substr(size_t(m.position(0))));
    std::string line;
    while (std::getline(lines, line)) {
        std::smatch u;
        if (std::regex_search(line, u, inst) &&
            (r.critical_path_units.empty() || r.critical_path_units.back() != u[1].str()))
            r.critical_path_units.push_back(u[1].str());
    }
}

std::string yosys_script(const std::vector<std::string>& files, const std::string& top,
                         SynthTarget target, const std::string& stat_json,
                         const YosysExtras& extras) {
    std::string s;
    for (const auto& f : files) s += "read_verilog -defer " + f + "\n";
    s += "hierarchy -check -top " + top + "\n";
    s += "proc\n";
    s += "check -assert\n";  // multiple drivers, undriven wires, logic loops
    s += "select -assert-none t:$dlatch t:$adlatch t:$dlatchsr\n";  // no latches
    switch (target) {
        case SynthTarget::kGeneric:
            s += "synth -top " + top + "\n";
            break;
        case SynthTarget::kXilinx:
            s += "synth_xilinx -top " + top + "\n";
            break;
        case SynthTarget::kIce40:
            s += "synth_ice40 -top " + top + (extras.ice40_dsp ? " -dsp" : "") +
                 (extras.ice40_area ? " -abc9 -dff -nocarry" : "") + "\n";
            break;
    }
    // Synthesised per module (fast: resource sharing stays local), flattened for one stat: yosys
    // 0.23's `stat -json` writes invalid JSON for a hierarchical design.
    // Per-module figures (text; the log and stat_modules.txt in the work directory show where
    // the cells are).
    s += "tee -q -o " +
         (std::filesystem::path(stat_json).parent_path() / "stat_modules.txt").string() + " stat\n";
    s += "flatten\nopt_clean\n";
    s += "check -assert\n";
    // Logic depth between registers: ltp -noff skips yosys' own flip-flops only, so the mapped
    // ones (xilinx FD*, SRL*; ice40 SB_DFF*, synchronous SB_RAM*) are taken out of the selection.
    s += "tee -q -o " + (std::filesystem::path(stat_json).parent_path() / "ltp.txt").string() +
         " ltp -noff * t:FD* %d t:SRL* %d t:SB_DFF* %d t:SB_RAM* %d\n";
    s += "tee -q -o " + stat_json + " stat -json" +
         (target == SynthTarget::kGeneric ? " -tech cmos" : "") + "\n";
    if (!extras.netlist_json.empty()) s += "write_json " + extras.netlist_json + "\n";
    return s;
}

SynthResult run_yosys(const std::vector<std::string>& files, const std::string& top,
                      SynthTarget target, const std::string& work_dir, const YosysExtras& extras) {
    namespace fs = std::filesystem;
    fs::create_directories(work_dir);
    const std::string script = (fs::path(work_dir) / "synth.ys").string();
    const std::string log = (fs::path(work_dir) / "yosys.log").string();
    const std::string stat = (fs::path(work_dir) / "stat.json").string();
    fs::remove(stat);
    write_file_atomic(script, yosys_script(files, top, target, stat, extras));
    if (!extras.netlist_json.empty()) fs::remove(extras.netlist_json);
    const std::string console = (fs::path(work_dir) / "yosys.console.log").string();
    fs::remove(console);
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = run_logged({"yosys", "-q", "-l", log, "-s", script}, console);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (rc != 0 || !fs::exists(stat) ||
        (!extras.netlist_json.empty() && !fs::exists(extras.netlist_json))) {
        std::string text = read_tool_output(log);
        if (text.size() > 3000) text = "..." + text.substr(text.size() - 3000);
        throw std::runtime_error("yosys failed on " + top + " (script " + script + "):\n" + text);
    }
    const auto j = nlohmann::json::parse(read_tool_output(stat));
    SynthResult r;
    r.top = top;
    r.target = to_string(target);
    const auto& d = j.at("design");
    r.cells = d.at("num_cells").get<int64_t>();
    if (d.contains("num_cells_by_type"))
        for (const auto& [type, n] : d.at("num_cells_by_type").items()) {
            const int64_t count = n.get<int64_t>();
            r.cells_by_type[type] = count;
            if (is_flip_flop(type)) r.flip_flops += count;
            if (is_lut(type)) r.luts += count;
            if (is_dsp(type)) r.dsps += count;
            if (is_block_ram(type)) r.block_rams += count;
            if (is_lut_ram(type)) r.lut_rams += count;
        }
    r.wall_seconds = wall;
    parse_yosys_usage(read_tool_output(log), r);
    const fs::path ltp = fs::path(work_dir) / "ltp.txt";
    if (fs::exists(ltp)) parse_ltp(read_tool_output(ltp.string()), r);
    r.cmos_transistors = d.contains("estimated_num_transistors")
                             ? d.at("estimated_num_transistors").get<std::string>()
                             : "n/a";
    return r;
}

}  // namespace edgesa::gen
