#pragma once
// ONNX import: a model file -> Network plus its weight tensors (docs/trace-format.md, issue 3).
#include <map>
#include <string>
#include <vector>

#include "network.h"

namespace edgesa {

struct ImportedModel {
    Network net;
    // layer name -> weights in our layout ([K][C/g][kh][kw] or [units][inputs]) and biases
    std::map<std::string, std::pair<std::vector<float>, std::vector<float>>> tensors;
};

// Maps Conv, Gemm, MatMul, Relu, Clip(0..6), MaxPool, AveragePool, GlobalAveragePool, Add, Concat,
// Flatten, Reshape-to-2D, BatchNormalization (folded into the conv), Dropout, Identity, Softmax.
// Any other op is an InputError naming the node, its op type and the supported ops.
ImportedModel import_onnx(const std::string& path);

// Writes the tensors as .npy files in `<trace>.tensors/` and the trace (weights: keys set), the
// trace last, each file atomically.
void write_imported(const std::string& trace_path, ImportedModel m);

}  // namespace edgesa
