#pragma once
// Self-registering subcommands: each app/cmd_*.cpp file adds itself with one line,
//   static const bool registered = edgesa::register_command("params", 10, &setup_params);
// so adding a subcommand never edits a central list. `order` fixes the --help order.
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace edgesa {

using CommandSetup = std::function<void(CLI::App& root)>;

bool register_command(const std::string& name, int order, CommandSetup setup);
void setup_all_commands(CLI::App& root);

}  // namespace edgesa
