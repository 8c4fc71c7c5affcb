// `edgesa synth --config C [--target generic|xilinx|ice40] [--json]`: generate the design, run
// yosys with check -assert and a no-latch check, and report cells, flip-flops, LUTs, DSPs and the
// cmos transistor estimate. `--target ice40 --pnr [--device up5k|hx8k]` places and routes it
// (app/synth_pnr.h).
#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "config/loader.h"
#include "diag/diagnostic.h"
#include "generator.h"
#include "synth/yosys_runner.h"
#include "synth_pnr.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand(
        "synth", "Synthesise the generated Verilog with yosys and report its size");
    static std::string config, target_name = "generic", top, work;
    static std::vector<std::string> sets;
    static bool json = false, pnr = false, area = false;
    static std::string device = "up5k";
    cmd->add_option("--config,-c", config, "Accelerator config (YAML)")->required();
    cmd->add_option("--target", target_name, "generic | xilinx | ice40")->capture_default_str();
    cmd->add_option("--top", top, "Synthesise this generated module instead of the top");
    cmd->add_option("--work", work, "Keep the generated files, yosys script and log here");
    cmd->add_flag("--json", json, "Print JSON");
    cmd->add_option("--set", sets, "Override a config key: key.path=value (repeatable)");
    cmd->add_flag("--pnr", pnr,
                  "ice40: place and route the pinned wrapper (nextpnr-ice40), write the bitstream "
                  "(icepack) and report utilisation and Fmax; outputs in --work (default "
                  "pnr_<config name>_<device>)");
    cmd->add_option("--device", device, "--pnr: up5k | hx8k")->capture_default_str();
    cmd->add_flag("--area", area,
                  "--pnr: map for area (synth_ice40 -abc9 -dff -nocarry): fewer LCs, adders in "
                  "LUTs, a lower Fmax");
    cmd->callback([cmd] {
        gen::SynthTarget target;
        if (target_name == "generic")
            target = gen::SynthTarget::kGeneric;
        else if (target_name == "xilinx")
            target = gen::SynthTarget::kXilinx;
        else if (target_name == "ice40")
            target = gen::SynthTarget::kIce40;
        else
            throw InputError(Diagnostic{{"<command line>", 0, 0},
                                        "--target",
                                        target_name,
                                        "must be one of generic, xilinx, ice40"});
        if (pnr && target != gen::SynthTarget::kIce40)
            throw InputError(Diagnostic{{"<command line>", 0, 0},
                                        "--target",
                                        target_name,
                                        "--pnr places and routes on ice40 only (--target ice40)"});
        if (!pnr && area)
            throw InputError(
                Diagnostic{{"<command line>", 0, 0}, "--area", "true", "goes with --pnr"});
        if (!pnr && cmd->count("--device") > 0)
            throw InputError(
                Diagnostic{{"<command line>", 0, 0}, "--device", device, "goes with --pnr"});
        if (pnr && !top.empty())
            throw InputError(Diagnostic{
                {"<command line>", 0, 0},
                "--top",
                top,
                "--pnr places the whole design in its wrapper (edgesa_ice40_wrap); drop --top"});
        const AccelConfig cfg = load_config_file(config, parse_set_options(sets));
        if (pnr) {
            run_synth_pnr(cfg, {config, device, work, json, area});
            return;
        }
        const std::string module = top.empty() ? gen::top_module_name() : top;
        const auto units = gen::generate_units(cfg, {});
        bool known = module == gen::top_module_name();
        for (const auto& u : units) known = known || u.module == module;
        if (!known)
            throw InputError(
                Diagnostic{{"<command line>", 0, 0},
                           "--top",
                           module,
                           "is not a module of this design (see files.f of edgesa gen)"});
        namespace fs = std::filesystem;
        const bool keep = !work.empty();
        const std::string dir =
            keep ? work
                 : (fs::temp_directory_path() /
                    fmt::format("edgesa_synth_{}_{}", cfg.derived.hash, ::getpid()))
                       .string();
        gen::GenOptions opt{config, dir, {}, {}, {}};
        gen::write_design(dir, gen::generate_design(cfg, opt));
        std::vector<std::string> files;
        for (const auto& u : units)
            if (!u.include_only) files.push_back((fs::path(dir) / u.file_name()).string());
        gen::SynthResult r;
        try {
            r = gen::run_yosys(files, module, target, dir);
        } catch (...) {
            if (!keep) fs::remove_all(dir);
            throw;
        }
        if (!keep) fs::remove_all(dir);
        if (json) {
            nlohmann::ordered_json j;
            j["config"] = cfg.name;
            j["config_hash"] = cfg.derived.hash;
            j["top"] = r.top;
            j["target"] = r.target;
            j["cells"] = r.cells;
            j["flip_flops"] = r.flip_flops;
            j["luts"] = r.luts;
            j["dsps"] = r.dsps;
            j["block_rams"] = r.block_rams;
            j["lut_rams"] = r.lut_rams;
            j["cmos_transistors"] = r.cmos_transistors;
            j["yosys_cpu_s"] = r.cpu_seconds;
            j["yosys_peak_mb"] = r.peak_mb;
            j["wall_s"] = r.wall_seconds;
            j["logic_depth"] = r.logic_depth;
            j["critical_path_units"] = r.critical_path_units;
            j["cells_by_type"] = r.cells_by_type;
            fmt::print("{}\n", j.dump(2));
        } else {
            fmt::print("{} ({}), top {}, target {}: check -assert passed, no latches\n", cfg.name,
                       cfg.derived.hash, r.top, r.target);
            fmt::print(
                "  cells            {}\n  flip-flops       {}\n  LUTs             {}\n"
                "  DSPs             {}\n  block RAMs       {}\n  LUT RAMs         {}\n"
                "  cmos transistors {}\n"
                "  yosys            {:.1f} s CPU, {:.0f} MB peak, {:.1f} s wall\n"
                "  logic depth      {} (yosys ltp -noff; through {})\n",
                r.cells, r.flip_flops, r.luts, r.dsps, r.block_rams, r.lut_rams, r.cmos_transistors,
                r.cpu_seconds, r.peak_mb, r.wall_seconds, r.logic_depth,
                r.critical_path_units.empty()
                    ? std::string("the top only")
                    : fmt::format("{}", fmt::join(r.critical_path_units, ", ")));
        }
    });
}

const bool registered = register_command("synth", 51, setup);

}  // namespace
}  // namespace edgesa
