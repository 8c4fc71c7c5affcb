// `edgesa config check FILE [--json]`: validate a config and print it fully resolved; warn (stderr)
// where its buffers or lanes cannot keep up with its own bandwidth or array.
#include <fmt/format.h>

#include "command.h"
#include "config/loader.h"
#include "report/layer_bounds.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand("config", "Work with accelerator configs");
    cmd->require_subcommand(1);
    auto* check = cmd->add_subcommand(
        "check", "Validate FILE and print the resolved config (defaults and derived values)");
    static std::string file;
    static bool json = false;
    check->add_option("FILE", file, "Accelerator config (YAML)")->required();
    check->add_flag("--json", json, "Print JSON instead of YAML");
    check->callback([] {
        const AccelConfig c = load_config_file(file);
        // Valid but unbalanced: the closed forms of docs/performance.md, "Bounds and bottlenecks".
        // With --json they are a "warnings" array, so stdout + stderr stay one JSON document.
        const std::vector<std::string> warnings = sim::config_warnings(c);
        if (json) {
            auto j = config_to_json(c);
            j["warnings"] = warnings;
            fmt::print("{}\n", j.dump(2));
            return;
        }
        fmt::print("# resolved from {}\n{}", file, config_to_yaml(c));
        for (const auto& w : warnings) fmt::print(stderr, "{}: warning: {}\n", file, w);
    });
}

const bool registered = register_command("config", 20, setup);

}  // namespace
}  // namespace edgesa
