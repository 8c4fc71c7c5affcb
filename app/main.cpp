// edgesa: design, simulate and generate edge DNN accelerators from one YAML file.
#include <CLI/CLI.hpp>

#include "command.h"
#include "guarded_main.h"
#include "version.h"

int main(int argc, char** argv) {
    CLI::App app{"edgesa " EDGESA_VERSION
                 ": cycle-level simulation and Verilog generation of edge DNN accelerators"};
    app.require_subcommand(1);
    app.set_version_flag("--version", EDGESA_VERSION);
    edgesa::setup_all_commands(app);
    return edgesa::run_guarded(app, argc, argv);
}
