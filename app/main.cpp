// edgesa: design, simulate and generate edge DNN accelerators from one YAML file.
#include <cstdio>
#include <exception>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "command.h"
#include "diag/diagnostic.h"
#include "version.h"

int main(int argc, char** argv) {
    CLI::App app{"edgesa " EDGESA_VERSION
                 ": cycle-level simulation and Verilog generation of edge DNN accelerators"};
    app.require_subcommand(1);
    app.set_version_flag("--version", EDGESA_VERSION);
    edgesa::setup_all_commands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const edgesa::InputError& e) {
        std::fputs(e.what(), stderr);
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "edgesa: error: {}\n", e.what());
        return 1;
    }
    return 0;
}
