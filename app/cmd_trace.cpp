// `edgesa trace zoo|show|check`: make and inspect layer traces (docs/trace-format.md). The
// transforms live in cmd_trace_*.cpp and attach themselves to the `trace` subcommand.
#include <fmt/format.h>

#include "command.h"
#include "io/output_paths.h"
#include "summary.h"
#include "trace/trace_io.h"
#include "zoo/zoo.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand("trace", "Make, transform and inspect layer traces");
    cmd->require_subcommand(1);

    static std::string spec, out, file;
    static bool list = false, json = false;
    auto* zoo = cmd->add_subcommand("zoo", "Write a zoo model as a trace (NAME[:key=value,...])");
    zoo->add_option("NAME", spec, "Model, e.g. vgg16 or mobilenet_v1:alpha=0.5,res=160");
    zoo->add_option("-o,--output", out, "Trace file to write");
    zoo->add_flag("--list", list, "List the zoo's models");
    zoo->callback([] {
        if (list) {
            for (const auto& m : zoo_models()) {
                std::string params;
                for (const auto& [k, v] : m.params)
                    params += fmt::format("{}{}={}", params.empty() ? ":" : ",", k, v);
                fmt::print("{:<16} {}{}\n", m.name, m.description,
                           params.empty() ? "" : fmt::format(" [{}{}]", m.name, params));
            }
            return;
        }
        if (spec.empty() || out.empty())
            throw CLI::ValidationError("trace zoo", "needs NAME and -o FILE (or --list)");
        check_output_path(out, "--output", {});
        write_trace_file(out, zoo_build(spec));
    });

    auto* show =
        cmd->add_subcommand("show", "Print per-layer shapes, MACs, weights and bytes, then totals");
    show->add_option("FILE", file, "Trace file")->required();
    show->add_flag("--json", json, "Print JSON");
    show->callback([] {
        const Network n = read_trace_file(file);
        if (json)
            fmt::print("{}\n", network_summary_json(n).dump(2));
        else
            fmt::print("{}", network_summary_text(n));
    });

    auto* check =
        cmd->add_subcommand("check", "Validate a trace; with -o, write it back in canonical form");
    check->add_option("FILE", file, "Trace file")->required();
    check->add_option("-o,--output", out, "Canonical copy to write");
    check->callback([] {
        const Network n = read_trace_file(file);
        if (!out.empty()) {
            check_output_path(out, "--output", {file});
            write_trace_file(out, n);
        }
        fmt::print("{}: ok ({} layers, {} MACs, {} weights)\n", file, n.layers.size(),
                   network_macs(n), network_weights(n));
    });
}

const bool registered = register_command("trace", 40, setup);

}  // namespace
}  // namespace edgesa
