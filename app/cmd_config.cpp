// `edgesa config check FILE [--json]`: validate a config and print it fully resolved.
#include <fmt/format.h>

#include "command.h"
#include "config/loader.h"

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
        if (json)
            fmt::print("{}\n", config_to_json(c).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        else
            fmt::print("# resolved from {}\n{}", file, config_to_yaml(c));
    });
}

const bool registered = register_command("config", 20, setup);

}  // namespace
}  // namespace edgesa
