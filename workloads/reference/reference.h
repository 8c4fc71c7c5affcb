#pragma once
// Reference inference: a plain, obviously correct implementation of every layer type, the golden
// model the simulator's functional mode and the RTL are checked against. It follows
// docs/numerics.md exactly: values decoded from their storage formats before compute, products
// reduced by a balanced binary tree over `width`-sized chunks padded with +0, chunks accumulated
// in order, bias last, activation, then the store (encode to the output format).
#include <map>
#include <string>
#include <vector>

#include "network.h"
#include "numerics/fixed_point.h"
#include "numerics/rounding.h"
#include "reference/weight_store.h"

namespace edgesa {

struct ReferenceOptions {
    int width = 32;          // adder-tree inputs (a power of two)
    bool fixed = false;      // fixed-point compute (fixed_dp) instead of fp32
    FixedDatapath fixed_dp;  // used when fixed
    Rounding rounding = Rounding::kTrunc;
    // The mathematical activation functions (activate_exact) instead of the hardware forms the
    // simulator and the RTL compute: for comparing imported models with a framework's output.
    bool exact_activations = false;
};

// Runs every layer; returns each layer's output tensor (values after the store, as fp32), keyed by
// layer name, plus "input" (the input after its storage format). Tensors are (C, H, W) row-major.
std::map<std::string, std::vector<float>> run_reference(const Network& n,
                                                        const std::vector<float>& input,
                                                        const WeightStore& weights,
                                                        const ReferenceOptions& o);

// The reduction of one output element, exposed for tests: products of w[i] and x[i] (equal
// lengths) reduced per docs/numerics.md, plus bias (when has_bias). Returns the raw sum in the
// compute type as fp32 (fp32 compute) or as a raw accumulator value (fixed compute, in *raw).
float reduce_fp32(const std::vector<float>& w, const std::vector<float>& x, int width,
                  bool has_bias, float bias);
int64_t reduce_fixed(const std::vector<int64_t>& w, const std::vector<int64_t>& x, int width,
                     bool has_bias, int64_t bias_acc, const FixedDatapath& dp);

// Deterministic seeded input in [-1, 1) for a network (the same generator as the weights).
std::vector<float> seeded_input(const Network& n, uint64_t seed);

}  // namespace edgesa
