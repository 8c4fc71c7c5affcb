#pragma once
// Constant folding for the ONNX importer: evaluates the shape-arithmetic ops torch exports
// (Shape of a constant, Gather, Unsqueeze, Squeeze, Concat, Cast, Slice, Reshape, Add, Sub, Mul,
// Div, ConstantOfShape, Identity) when every input is a constant.
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "onnx/onnx_tensor.h"

namespace edgesa::onnx_import {

// Evaluates `n` on constant inputs (nullptr for an absent optional input). Returns false when the
// op is not foldable here; "" in *why when the result is in *out, else the rule broken.
bool fold_constant(const onnx::NodeProto& n, const std::vector<const ConstTensor*>& in, int opset,
                   ConstTensor* out, std::string* why);

// Resolves a Reshape target: 0 copies the input dim (unless allowzero), one -1 is inferred.
bool resolve_reshape(const std::vector<int64_t>& in, const std::vector<double>& shape,
                     bool allowzero, std::vector<int64_t>* out, std::string* why);

// An axis in [-rank, rank) -> [0, rank); -1 when out of range.
int normalize_axis(int64_t axis, size_t rank);

// Attribute helpers; `ints` checks nothing about the length (callers do).
const onnx::AttributeProto* find_attr(const onnx::NodeProto& n, const std::string& name);
std::vector<int64_t> attr_ints(const onnx::NodeProto& n, const std::string& name,
                               std::vector<int64_t> def);
int64_t attr_int(const onnx::NodeProto& n, const std::string& name, int64_t def);
float attr_float(const onnx::NodeProto& n, const std::string& name, float def);
std::string attr_string(const onnx::NodeProto& n, const std::string& name, const std::string& def);

}  // namespace edgesa::onnx_import
