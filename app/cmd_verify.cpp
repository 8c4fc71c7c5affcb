// `edgesa verify --config C --workload TRACE [--layers L1,L2] [--json OUT]`: the generated RTL,
// Verilated, against the SystemC model, layer by layer, bit for bit and cycle for cycle.
#include <stdexcept>

#include <fmt/format.h>

#include "command.h"
#include "diag/diagnostic.h"
#include "generator.h"
#include "verify_run.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    static verify::VerifyOptions o;
    static std::vector<std::string> faults;
    auto* cmd = root.add_subcommand("verify",
                                    "Run the generated RTL in Verilator against the SystemC model, "
                                    "bit for bit and cycle for cycle");
    cmd->add_option("--config,-c", o.config, "Accelerator config (YAML)")->required();
    cmd->add_option("--workload", o.workload, "Layer trace file, or a zoo model name")->required();
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
    cmd->add_option("--vcd", o.vcd_dir,
                    "Write both sides' waveforms (systemc_<layer>.vcd, rtl_<layer>.vcd, 1 ps timescale, "
                    "real time at clock.mhz) of every compared layer into this folder, on a passing run too");
    cmd->add_flag("--build-only", o.build_only, "Build (or reuse) the Verilated runner and stop");
    cmd->add_option("--inject-fault", faults,
                    "DEBUG ONLY: verify RTL generated with a deliberate fault (" +
                        fmt::format("{}", fmt::join(gen::fault_names(), ", ")) +
                        ", or compressor-extra-stage: the RTL of compressor.stages + 1)");
    cmd->callback([] {
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
            throw std::runtime_error("verify: the RTL and the SystemC model differ (see above)");
    });
}

const bool registered = register_command("verify", 55, setup);

}  // namespace
}  // namespace edgesa
