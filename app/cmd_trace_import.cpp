// `edgesa trace import model.onnx -o FILE`: ONNX -> trace plus .npy tensors in FILE.tensors/;
// `edgesa trace import topo.csv -o FILE`: a SCALE-Sim topology -> trace (shapes only).
#include <filesystem>

#include <fmt/format.h>

#include "command.h"
#include "diag/diagnostic.h"
#include "onnx/onnx_import.h"
#include "scalesim/scalesim_import.h"
#include "trace/trace_io.h"

namespace edgesa {
namespace {

// The output must not be the model itself (an import would overwrite its own input).
void refuse_alias(const std::string& in, const std::string& out) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool same = fs::exists(out, ec)
                          ? fs::equivalent(in, out, ec)
                          : fs::weakly_canonical(in, ec) == fs::weakly_canonical(out, ec);
    if (same)
        throw InputError(Diagnostic{{"<command line>", 0, 0},
                                    "--output",
                                    out,
                                    "is the model being imported; choose another trace file"});
}

void setup(CLI::App& root) {
    static std::string in, out, input_shape;
    auto* cmd = root.get_subcommand("trace")->add_subcommand(
        "import", "Import an ONNX model, or a SCALE-Sim topology CSV, as a trace");
    cmd->add_option("MODEL", in, "ONNX model file, or SCALE-Sim topology (.csv)")->required();
    cmd->add_option("-o,--output", out, "Trace file to write (tensors go to FILE.tensors/)")
        ->required();
    cmd->add_option("--input-shape", input_shape, "C,H,W of a model whose input dims are symbolic");
    cmd->callback([] {
        refuse_alias(in, out);
        if (is_scalesim_topology(in)) {
            const Network n = import_scalesim_topology(in);
            write_trace_file(out, n);
            fmt::print("{}: {} layers, {} MACs, {} weights\n", out, n.layers.size(),
                       network_macs(n), network_weights(n));
            return;
        }
        ImportOptions opts;
        if (!input_shape.empty()) opts.input_shape = parse_input_shape(input_shape);
        ImportedModel m = import_onnx(in, opts);  // everything converted before anything is written
        const size_t layers = m.net.layers.size();
        const int64_t macs = network_macs(m.net), weights = network_weights(m.net);
        write_imported(out, std::move(m));
        fmt::print("{}: {} layers, {} MACs, {} weights\n", out, layers, macs, weights);
    });
}

const bool registered = register_command("trace_import", 42, setup);

}  // namespace
}  // namespace edgesa
