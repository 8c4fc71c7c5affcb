// The place-and-route half of `edgesa synth` (app/synth_pnr.h): the iCE40 wrapper of the design
// through yosys, nextpnr-ice40 and icepack, with nextpnr's utilisation and Fmax against the
// device and clock.mhz. Registers no command of its own.
#include "synth_pnr.h"

#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "emit/fpga.h"
#include "generator.h"
#include "guarded_main.h"
#include "synth/ice40_pnr.h"
#include "synth/yosys_runner.h"

namespace edgesa {

namespace {

std::string grouped(int64_t v) {  // 21835 -> "21,835"
    std::string s = std::to_string(v < 0 ? -v : v);
    for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
    return (v < 0 ? "-" : "") + s;
}

struct Resource {
    const char* label;     // as reported
    const char* nextpnr;   // nextpnr's cell type
    const char* singular;  // "LCs" in "needs N LCs"
};
const Resource kResources[] = {{"LCs", "ICESTORM_LC", "LCs"},
                               {"RAM blocks", "ICESTORM_RAM", "RAM blocks (4 kbit)"},
                               {"DSPs", "ICESTORM_DSP", "DSPs (SB_MAC16)"},
                               {"IOs", "SB_IO", "IOs"}};

}  // namespace

void run_synth_pnr(const AccelConfig& cfg, const PnrArgs& a) {
    namespace fs = std::filesystem;
    const gen::Ice40Device* dev = nullptr;
    for (const auto& d : gen::ice40_devices())
        if (d.name == a.device) dev = &d;
    if (!dev)
        throw InputError(Diagnostic{
            {"<command line>", 0, 0}, "--device", a.device, "must be one of up5k, hx8k"});
    const std::string dir = a.work.empty() ? fmt::format("pnr_{}_{}", cfg.name, dev->name) : a.work;
    gen::GenOptions opt{a.config_path, dir, {}, {}, {}};
    gen::write_design(dir, gen::generate_design(cfg, opt));
    std::vector<std::string> files;
    for (const auto& u : gen::generate_units(cfg, {}))
        if (!u.include_only) files.push_back((fs::path(dir) / u.file_name()).string());
    files.push_back((fs::path(dir) / "edgesa_ice40_wrap.v").string());
    const std::string netlist = (fs::path(dir) / "edgesa_ice40_wrap.json").string();
    // -dsp: the UP5K's SB_MAC16 multipliers (the HX8K has none).
    const gen::SynthResult y = gen::run_yosys(files, "edgesa_ice40_wrap", gen::SynthTarget::kIce40,
                                              dir, {netlist, dev->dsps > 0, a.area});
    const gen::Ice40PnrResult p = gen::run_ice40_pnr(
        netlist, (fs::path(dir) / gen::ice40_pcf_name(*dev)).string(), *dev, cfg.clock.mhz, dir);

    // What does not fit, each "needs N X, <device> has M: R.Rx over".
    std::vector<std::string> over;
    for (const auto& r : kResources) {
        const gen::Ice40Use u = p.use(r.nextpnr);
        if (u.used > u.available)
            over.push_back(fmt::format("needs {} {}, {} has {}: {:.1f}x over", grouped(u.used),
                                       r.singular, dev->name, grouped(u.available),
                                       u.available ? double(u.used) / double(u.available) : 0.0));
    }
    if (!p.fits && over.empty() && p.placement_full) {
        const gen::Ice40Use lc = p.use("ICESTORM_LC");
        over.push_back(fmt::format(
            "needs {} LCs, {} has {}: placement failed at the utilisation limit ({:.0f} %; "
            "--area maps for fewer LCs)",
            grouped(lc.used), dev->name, grouped(lc.available),
            lc.available ? 100.0 * double(lc.used) / double(lc.available) : 0.0));
    }
    std::string verdict, summary;
    int code = 0;
    if (!p.fits) {
        code = kExitDoesNotFit;
        verdict = "DOES NOT FIT: " + fmt::format("{}", fmt::join(over, "; "));
        summary = fmt::format("{} does not fit the iCE40 {}: {}", cfg.name, dev->name,
                              fmt::join(over, "; "));
    } else if (!p.meets_timing()) {
        code = kExitMissesTiming;
        verdict = fmt::format(
            "MISSES TIMING: Fmax {:.2f} MHz < {} MHz clock.mhz ({:.1f} % short; period {:.2f} ns "
            "> {} ns)",
            p.fmax_mhz, cfg.clock.mhz, 100.0 * (1.0 - p.fmax_mhz / cfg.clock.mhz),
            p.fmax_mhz > 0 ? 1000.0 / p.fmax_mhz : 0.0, gen::clock_period_ns(cfg));
        summary = fmt::format("{} on the iCE40 {} misses clock.mhz: Fmax {:.2f} MHz < {} MHz",
                              cfg.name, dev->name, p.fmax_mhz, cfg.clock.mhz);
    } else {
        verdict = fmt::format("fits and meets timing: Fmax {:.2f} MHz >= {} MHz clock.mhz",
                              p.fmax_mhz, cfg.clock.mhz);
    }

    if (a.json) {
        nlohmann::ordered_json j;
        j["config"] = cfg.name;
        j["config_hash"] = cfg.derived.hash;
        j["top"] = "edgesa_ice40_wrap";
        j["device"] = dev->name;
        j["package"] = dev->package;
        j["mapping"] = a.area ? "area" : "default";
        j["fits"] = p.fits;
        j["meets_timing"] = p.meets_timing();
        j["clock_mhz"] = cfg.clock.mhz;
        j["fmax_mhz"] = p.fmax_mhz;
        nlohmann::ordered_json u;
        for (const auto& r : kResources) {
            const gen::Ice40Use x = p.use(r.nextpnr);
            u[r.nextpnr] = {{"used", x.used}, {"available", x.available}};
        }
        j["utilisation"] = u;
        j["over"] = over;
        j["yosys"] = {{"cells", y.cells},           {"luts", y.luts}, {"flip_flops", y.flip_flops},
                      {"block_rams", y.block_rams}, {"dsps", y.dsps}, {"cpu_s", y.cpu_seconds},
                      {"wall_s", y.wall_seconds}};
        j["nextpnr_s"] = p.seconds;
        j["work_dir"] = dir;
        j["bitstream"] = p.fits ? p.bitstream : "";
        j["nextpnr_report"] = p.fits ? p.report : "";
        j["result"] = code == 0 ? "ok" : code == kExitDoesNotFit ? "does not fit" : "misses timing";
        fmt::print("{}\n", j.dump(2));
    } else {
        fmt::print(
            "{} ({}), edgesa_ice40_wrap on iCE40 {} ({}) at clock.mhz {} ({} ns){}: yosys {:.0f} "
            "s, nextpnr {:.0f} s\n",
            cfg.name, cfg.derived.hash, dev->name, dev->package, cfg.clock.mhz,
            gen::clock_period_ns(cfg), a.area ? ", mapped for area" : "", y.wall_seconds,
            p.seconds);
        for (const auto& r : kResources) {
            const gen::Ice40Use x = p.use(r.nextpnr);
            fmt::print("  {:<11} {:>8} / {:<7} ({:.0f} %)\n", r.label, grouped(x.used),
                       grouped(x.available),
                       x.available ? 100.0 * double(x.used) / double(x.available) : 0.0);
        }
        if (p.fits)
            fmt::print("  {:<11} {:.2f} MHz (clock.mhz {})\n", "Fmax", p.fmax_mhz, cfg.clock.mhz);
        else
            fmt::print("  {:<11} - (not placed)\n", "Fmax");
        fmt::print("{}\n", verdict);
        if (p.fits)
            fmt::print("bitstream {}, nextpnr report {}, logs in {}\n", p.bitstream, p.report, dir);
        else
            fmt::print("logs in {} (nextpnr.log, yosys.log)\n", dir);
    }
    if (code != 0) throw CommandOutcome(code, summary);
}

}  // namespace edgesa
