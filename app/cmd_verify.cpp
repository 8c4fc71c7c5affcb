// `edgesa verify --config C --workload TRACE [--layers L1,L2] [--json OUT]`: the generated RTL,
// Verilated, against the SystemC model, layer by layer, bit for bit and cycle for cycle.
// `edgesa verify --random N --seed S [--out DIR]`: the same check on N drawn cases.
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "command.h"
#include "diag/diagnostic.h"
#include "generator.h"
#include "io/output_paths.h"
#include "random_run.h"
#include "verify_run.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    static verify::VerifyOptions o;
    static std::vector<std::string> faults;
    static verify::RandomOptions r;
    auto* cmd = root.add_subcommand("verify",
                                    "Run the generated RTL in Verilator against the SystemC model, "
                                    "bit for bit and cycle for cycle");
    cmd->add_option("--config,-c", o.config, "Accelerator config (YAML)");
    cmd->add_option("--workload", o.workload, "Layer trace file, or a zoo model name");
    auto* random =
        cmd->add_option("--random", r.count,
                        "Instead of --config/--workload: verify N random legal configs and traces "
                        "(docs/verify.md, \"Random co-simulation\")");
    cmd->add_option("--seed", r.seed, "--random: the seed (same N and seed, same cases)")
        ->capture_default_str()
        ->needs(random);
    cmd->add_option("--out", r.out_dir,
                    "--random: where each mismatching case gets its folder case-<seed>-<i>/ "
                    "(default ./verify-random)")
        ->needs(random);
    cmd->add_option("--per-config", r.per_config,
                    "--random: cases sharing one config (one Verilator build)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000))
        ->needs(random);
    cmd->add_flag("--list", r.list_only,
                  "--random: print the drawn configs and cases; build and run nothing")
        ->needs(random);
    cmd->add_flag("--reference", o.reference,
                  "Also compare the SystemC outputs with the workloads reference inference");
    cmd->add_option(
           "--layers", o.layers,
           "Compare only these layers (comma separated; default: every layer with device work)")
        ->delimiter(',');
    cmd->add_option("--json", o.json_out, "Write the result (summary or first mismatch) as JSON");
    cmd->add_option("--set", o.overrides, "Override a config key: key.path=value (repeatable)");
    cmd->add_option(
        "--cache-dir", o.cache_dir,
        "Verilator build cache (default $XDG_CACHE_HOME/edgesa/verify or ~/.cache/edgesa/verify)");
    cmd->add_option("--work-dir", o.work_dir,
                    "Where the runs and waveforms go (default: a new /tmp/edgesa-verify-*)");
    cmd->add_option("--window", o.window,
                    "Handshake trace: edges with port activity shown either side of a mismatch")
        ->capture_default_str();
    cmd->add_option("--max-cycles", o.max_cycles,
                    "RTL deadlock guard (default: 64x the SystemC cycles + 100000)");
    cmd->add_option(
        "--vcd", o.vcd_dir,
        "Write both sides' waveforms (systemc_<layer>.vcd, rtl_<layer>.vcd, 1 ps timescale, "
        "real time at clock.mhz) of every compared layer into this folder, on a passing run too");
    cmd->add_flag("--build-only", o.build_only, "Build (or reuse) the Verilated runner and stop");
    cmd->add_option("--top", o.top,
                    "The Verilated top: core (edgesa_top, cycle for cycle) or axi (edgesa_axi_top "
                    "behind an AXI memory model and AXI4-Lite writes; docs/fpga.md \"AXI top\")")
        ->check(CLI::IsMember({"core", "axi"}))
        ->capture_default_str();
    cmd->add_flag(
        "--axi-backpressure", o.axi_backpressure,
        "--top axi: the AXI memory model drops ARREADY, AWREADY and WREADY on a fixed "
        "pseudo-random quarter of the edges (the cycle bound's upper end is not checked)");
    cmd->add_option("--inject-fault", faults,
                    "DEBUG ONLY: verify RTL generated with a deliberate fault (" +
                        fmt::format("{}", fmt::join(gen::fault_names(), ", ")) +
                        ", or compressor-extra-stage: the RTL of compressor.stages + 1)");
    cmd->callback([cmd, random] {
        if (random->count() > 0) {
            for (const auto* k :
                 {"--config", "--workload", "--layers", "--inject-fault", "--set", "--json",
                  "--build-only", "--max-cycles", "--top", "--axi-backpressure"})
                if (cmd->count(k) > 0)
                    throw InputError(Diagnostic{{"<command line>", 0, 0},
                                                k,
                                                "",
                                                "cannot be combined with --random (each random "
                                                "case has its own config and trace)"});
            if (r.out_dir.empty()) r.out_dir = "verify-random";
            r.cache_dir = o.cache_dir;
            r.work_dir = o.work_dir;
            r.edgesa_path = std::filesystem::canonical("/proc/self/exe").string();
            if (verify::run_verify_random(r) > 0)
                throw std::runtime_error("verify --random: some cases mismatch (see above)");
            return;
        }
        if (o.axi_backpressure && o.top != "axi")
            throw InputError(Diagnostic{{"<command line>", 0, 0},
                                        "--axi-backpressure",
                                        "",
                                        "needs --top axi (the AXI memory model's readies)"});
        for (const auto* k : {"--config", "--workload"})
            if (cmd->count(k) == 0)
                throw InputError(
                    Diagnostic{{"<command line>", 0, 0}, k, "", "is required (or use --random N)"});
        if (!o.json_out.empty()) check_output_path(o.json_out, "--json", {o.config, o.workload});
        for (const auto& name : faults) {
            if (name == "compressor-extra-stage") {  // verify's own (VerifyOptions)
                o.rtl_extra_compressor_stage = true;
                continue;
            }
            const auto f = gen::parse_fault(name);
            if (!f)
                throw InputError(
                    Diagnostic{{"<command line>", 0, 0},
                               "--inject-fault",
                               name,
                               fmt::format("must be one of: {}, compressor-extra-stage",
                                           fmt::join(gen::fault_names(), ", "))});
            o.faults.insert(*f);
        }
        if (!verify::run_verify(o))
            throw std::runtime_error(o.reference ? "verify: a mismatch (see above)"
                                                 : "verify: the RTL and the SystemC model differ "
                                                   "(see above)");
    });
}

const bool registered = register_command("verify", 55, setup);

}  // namespace
}  // namespace edgesa
