// `edgesa gen --config C -o DIR [--testbench --workload T [--layers L1,L2]]`: write the
// synthesizable Verilog of one design and, with --testbench, its standalone self-checking
// testbench (verify/testbench.h, docs/fpga.md).

#include <fmt/format.h>

#include "command.h"
#include "config/loader.h"
#include "diag/diagnostic.h"
#include "generator.h"
#include "testbench.h"
#include "verify_run.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand(
        "gen", "Generate the accelerator's Verilog-2005 (one file per unit, files.f, README.md)");
    static std::string config, out, workload;
    static std::vector<std::string> faults, layers;
    static bool testbench = false;
    cmd->add_option("--config,-c", config, "Accelerator config (YAML)")->required();
    cmd->add_option("-o,--out", out, "Output directory")->required();
    cmd->add_flag("--testbench", testbench,
                  "Also write tb_edgesa.v, a self-checking Verilog-2005 testbench of --workload's "
                  "layers with the SystemC model's expected outputs (runs in iverilog)");
    cmd->add_option("--workload,-w", workload, "Trace file or zoo model (with --testbench)");
    cmd->add_option("--layers", layers,
                    "Testbench layers (comma separated; default: every layer with device work)")
        ->delimiter(',');
    cmd->add_option("--inject-fault", faults,
                    "DEBUG ONLY: emit a deliberately broken unit to show the tests catch it (" +
                        fmt::format("{}", fmt::join(gen::fault_names(), ", ")) + ")");
    cmd->callback([] {
        const AccelConfig cfg = load_config_file(config);
        gen::GenOptions opt{config, out, {}, {}, {}};
        for (const auto& name : faults) {
            const auto f = gen::parse_fault(name);
            if (!f)
                throw InputError(Diagnostic{
                    {"<command line>", 0, 0},
                    "--inject-fault",
                    name,
                    fmt::format("must be one of: {}", fmt::join(gen::fault_names(), ", "))});
            opt.faults.insert(*f);
        }
        if (testbench != !workload.empty() || (!testbench && !layers.empty()))
            throw InputError(Diagnostic{{"<command line>", 0, 0},
                                        testbench ? "--workload" : "--testbench",
                                        testbench ? "" : "not given",
                                        "--testbench, --workload and --layers go together"});
        // Everything that can fail on bad input runs before anything is written.
        std::vector<gen::GeneratedFile> tb;
        size_t tb_layers = 0;
        if (testbench) {
            opt.tb_workload = workload;
            opt.tb_layers = layers;
            verify::VerifyOptions vo;
            vo.config = config;
            vo.workload = workload;
            vo.layers = layers;
            const verify::VerifyTarget t = verify::load_target(vo);
            tb_layers = t.layers.size();
            tb = verify::make_testbench(t, verify::run_layers(t), opt);
        }
        if (!opt.faults.empty())
            fmt::print(
                stderr,
                "edgesa gen: WARNING: {} fault(s) injected on purpose; this design is broken\n",
                opt.faults.size());
        auto files = gen::generate_design(cfg, opt);
        files.insert(files.end(), tb.begin(), tb.end());
        gen::write_design(out, files);
        fmt::print("wrote {} files to {} (top {}, config hash {})\n", files.size(), out,
                   gen::top_module_name(), cfg.derived.hash);
        if (testbench)
            fmt::print(
                "testbench: {}/tb_edgesa.v ({} layer(s)); run: cd {} && iverilog -g2005 -o "
                "tb_edgesa.vvp -f files.f tb_edgesa.v && vvp -n tb_edgesa.vvp\n",
                out, tb_layers, out);
    });
}

const bool registered = register_command("gen", 50, setup);

}  // namespace
}  // namespace edgesa
