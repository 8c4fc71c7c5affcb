#pragma once
// Checked reading of ONNX tensors and attributes: every count is bounded and every data length
// checked against its dims before anything is copied (issue 17: malformed files are errors).
#include <cstdint>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

namespace edgesa::onnx_import {

// A constant (an initializer, a Constant node, or a folded subgraph). Values are held as doubles,
// exact for every float and for integers up to 2^53 (shapes, axes, pads).
struct ConstTensor {
    std::vector<int64_t> dims;
    std::vector<double> v;
    bool integer = false;  // INT64/INT32 (shape arithmetic), else floating
    int64_t elements() const { return int64_t(v.size()); }
    std::vector<float> floats() const { return {v.begin(), v.end()}; }
};

// The most elements one tensor may hold (2^28, 1 GiB of fp32): a bound for every reader.
constexpr int64_t kMaxTensorElements = int64_t(1) << 28;

// Product of dims, overflow-checked: "" in *why when the dims are legal (each >= 0, product at
// most kMaxTensorElements), else the rule broken.
int64_t checked_elements(const std::vector<int64_t>& dims, std::string* why);

// Reads a TensorProto (FLOAT, DOUBLE, FLOAT16 unsupported, INT64, INT32, INT8/UINT8/BOOL as
// integers); "" in *why when it is well formed, else the rule broken (data shorter or longer than
// the dims, external data, unsupported type).
ConstTensor read_tensor(const onnx::TensorProto& t, std::string* why);

}  // namespace edgesa::onnx_import
