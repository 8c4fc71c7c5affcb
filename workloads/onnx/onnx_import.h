#pragma once
// ONNX import: a model file -> Network plus its weight tensors (docs/trace-format.md lists every
// supported operator and its limits).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "network.h"

namespace edgesa {

struct ImportedModel {
    Network net;
    // layer name -> weights in our layout ([K][C/g][kh][kw], [units][inputs], or a scale_shift's
    // scales) and biases (or shifts)
    std::map<std::string, std::pair<std::vector<float>, std::vector<float>>> tensors;
};

struct ImportOptions {
    // (C, H, W) for a graph input whose dims are symbolic; must agree with every fixed dim.
    std::optional<Shape> input_shape;
};

// Converts the graph node by node: Constant nodes and constant subgraphs are folded, batch norms
// folded into their conv where that is exact, and every other node maps to one layer or is an
// InputError naming the file, the node, its op type and the rule (docs/trace-format.md).
ImportedModel import_onnx(const std::string& path, const ImportOptions& opts = {});

// Parses "C,H,W" or "1,C,H,W" (the --input-shape option); InputError otherwise.
Shape parse_input_shape(const std::string& text);

// Writes the tensors as .npy files in `<trace>.tensors/` and the trace (weights: keys set), the
// trace last, each file atomically.
void write_imported(const std::string& trace_path, ImportedModel m);

}  // namespace edgesa
