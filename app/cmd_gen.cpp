// `edgesa gen --config C -o DIR`: write the synthesizable Verilog of one design.
#include <fmt/format.h>

#include "command.h"
#include "config/loader.h"
#include "diag/diagnostic.h"
#include "generator.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand(
        "gen", "Generate the accelerator's Verilog-2005 (one file per unit, files.f, README.md)");
    static std::string config, out;
    static std::vector<std::string> faults;
    cmd->add_option("--config,-c", config, "Accelerator config (YAML)")->required();
    cmd->add_option("-o,--out", out, "Output directory")->required();
    cmd->add_option("--inject-fault", faults,
                    "DEBUG ONLY: emit a deliberately broken unit to show the tests catch it (" +
                        fmt::format("{}", fmt::join(gen::fault_names(), ", ")) + ")");
    cmd->callback([] {
        const AccelConfig cfg = load_config_file(config);
        gen::GenOptions opt{config, out, {}};
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
        if (!opt.faults.empty())
            fmt::print(
                stderr,
                "edgesa gen: WARNING: {} fault(s) injected on purpose; this design is broken\n",
                opt.faults.size());
        const auto files = gen::generate_design(cfg, opt);
        gen::write_design(out, files);
        fmt::print("wrote {} files to {} (top {}, config hash {})\n", files.size(), out,
                   gen::top_module_name(), cfg.derived.hash);
    });
}

const bool registered = register_command("gen", 50, setup);

}  // namespace
}  // namespace edgesa
