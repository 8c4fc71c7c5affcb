// `edgesa trace import model.onnx -o FILE`: ONNX -> trace plus .npy tensors in FILE.tensors/.
#include <fmt/format.h>

#include "command.h"
#include "io/output_paths.h"
#include "onnx/onnx_import.h"

namespace edgesa {
namespace {

void setup(CLI::App& root) {
    static std::string in, out;
    auto* cmd = root.get_subcommand("trace")->add_subcommand("import", "Import an ONNX model as a trace");
    cmd->add_option("MODEL", in, "ONNX model file")->required();
    cmd->add_option("-o,--output", out, "Trace file to write (tensors go to FILE.tensors/)")->required();
    cmd->callback([] {
        check_output_path(out, "--output", {in});
        ImportedModel m = import_onnx(in);  // everything converted before anything is written
        const size_t layers = m.net.layers.size();
        const int64_t macs = network_macs(m.net), weights = network_weights(m.net);
        write_imported(out, std::move(m));
        fmt::print("{}: {} layers, {} MACs, {} weights\n", out, layers, macs, weights);
    });
}

const bool registered = register_command("trace_import", 42, setup);

}  // namespace
}  // namespace edgesa
