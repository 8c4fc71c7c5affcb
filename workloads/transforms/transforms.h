#pragma once
// Trace transforms (docs/transforms.md): each takes a network and returns a new one.
#include <string>
#include <vector>

#include "network.h"
#include "reference/weight_store.h"

namespace edgesa {

// A set of layers named by comma-separated names or globs ("layer1.*.conv1,layer2.1.conv1")
// and a value for them, parsed from "SELECTOR=VALUE".
struct LayerRule {
    std::string selector;
    double value = 0;
};
LayerRule parse_layer_rule(const std::string& text, const std::string& option);
// Names of the layers a selector matches, in network order; an InputError when it matches none.
std::vector<std::string> select_layers(const Network& n, const std::string& selector, const std::string& option);
bool glob_match(const std::string& pattern, const std::string& name);

// L1 filter pruning (Li et al. 2017): each selected conv keeps C - floor(r*C) filters (at least 1),
// dropping those with the smallest L1 norms; consumers lose the matching input channels. Refuses a
// layer whose output reaches an elementwise add. Weights from `ws` (trace tensors or synthetic).
Network prune_filters(const Network& n, const WeightStore& ws, const std::vector<LayerRule>& rules);

// Unstructured magnitude pruning: sets the density of the selected conv/fc layers (shapes unchanged).
Network sparsify(const Network& n, const std::vector<LayerRule>& rules);

// LCP split (seed 003 Alg. 3): every layer but the classifier replicated into `branches` branches of
// width max(1, floor(w/N)), or round(w/N*(1+fatten)) when fatten > 0; one classifier reads the
// concatenated branch outputs. device = branch mod devices when devices > 0.
Network split_lcp(const Network& n, int branches, double fatten, int devices);

}  // namespace edgesa

#include <optional>

#include "numerics/storage_format.h"

namespace edgesa {

// `trace compress`: one fixed format for every tensor, or a format per tensor chosen from its
// exponent histogram (choose_format) at a coverage target; activations are measured by running
// the reference (fp32) on `samples` seeded inputs.
struct CompressOptions {
    std::optional<StorageFormat> format;  // fixed format for all; else chosen per tensor
    double coverage = 0.995;
    int mantissa = 3;
    bool weights = true, activations = true;
    uint64_t seed = 1;
    int samples = 1;
};
// Bytes of one layer before and after.
struct CompressRow {
    std::string layer, weight_format, out_format;
    uint64_t weight_bytes_before = 0, weight_bytes_after = 0, out_bytes_before = 0, out_bytes_after = 0;
};
Network compress(const Network& n, const WeightStore& ws, const CompressOptions& o, std::vector<CompressRow>* report);

}  // namespace edgesa

namespace edgesa {
// MobileNet-style scaling (Howard et al. 2017; seed 000 eqs. 5.1-5.4): every conv/fc but the
// classifier gets max(1, floor(alpha * width)) outputs (depthwise convs follow their input), and
// the input becomes res x res (res <= 0 keeps it).
Network scale_network(const Network& n, double alpha, int64_t res);
}  // namespace edgesa
