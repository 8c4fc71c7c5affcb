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
std::vector<std::string> select_layers(const Network& n, const std::string& selector,
                                       const std::string& option);
bool glob_match(const std::string& pattern, const std::string& name);

// L1 filter pruning (Li et al. 2017): each selected conv keeps C - floor(r*C) filters (at least 1),
// dropping those with the smallest L1 norms; consumers lose the matching input channels. Refuses a
// layer whose output reaches an elementwise add. Weights from `ws` (trace tensors or synthetic).
// With `tensors`, every conv/fc of the result gets its thinned weights there: a pruned conv its
// kept filters (and biases), its consumers the matching input channels (through activations,
// pooling, depthwise convs, flatten and concat).
Network prune_filters(const Network& n, const WeightStore& ws, const std::vector<LayerRule>& rules,
                      WeightStore* tensors = nullptr);

// Unstructured magnitude pruning: sets the density of the selected conv/fc layers (shapes
// unchanged).
Network sparsify(const Network& n, const std::vector<LayerRule>& rules);

// LCP split (seed 003 Alg. 3): every layer but the classifier replicated into `branches` branches
// of width max(1, floor(w/N)), or round(w/N*(1+fatten)) when fatten > 0; one classifier reads the
// concatenated branch outputs. device = branch mod devices when devices > 0.
Network split_lcp(const Network& n, int branches, double fatten, int devices);

// Model-parallel split over `devices` devices (docs/transforms.md). Each selected conv/fc becomes N
// partial layers `<name>/p<i>` on devices 0..N-1 and a gather on device 0 named `<name>`:
//   out     output channels (conv) or units (fc) [floor(i*K/N), floor((i+1)*K/N)); concat
//   in      input channels likewise, read through a `slice`; partial sums (bias on part 0) added
//           by an add (`<name>/sum` when the fused activation follows as its own layer)
//   spatial conv output rows likewise, each part reading its input rows plus the halo through a
//           `slice` (its padding adjusted); a row concat
// Every other layer runs on device 0. A tensor used on another device than its producer's goes
// through one `transfer` layer `<tensor>/to_dev<d>` on device d (the network input is everywhere).
// `layers` selects the split layers (default: every ungrouped conv2d and every fc). With `tensors`,
// every conv/fc of the result gets its weights there (sliced from `ws`), so the split trace
// computes with the same values as the source.
enum class ConvSplit { kOut, kIn, kSpatial };
enum class FcSplit { kOut, kIn };
bool parse_conv_split(const std::string& s, ConvSplit* out);
bool parse_fc_split(const std::string& s, FcSplit* out);
struct ModelParallelOptions {
    int devices = 2;
    ConvSplit conv = ConvSplit::kOut;
    FcSplit fc = FcSplit::kOut;
    std::string layers;  // selector; empty: all ungrouped conv2d and fc
};
Network split_model_parallel(const Network& n, const WeightStore& ws, const ModelParallelOptions& o,
                             WeightStore* tensors);

// Tucker-2 decomposition: each selected conv k x k (C -> K) becomes `<name>/t_in` 1x1 (C -> R1),
// `<name>/t_core` k x k (R1 -> R2; stride, padding, dilation of the original) and `<name>` 1x1
// (R2 -> K; the original's bias, batch norm flag and activation). A rank is a fraction in (0, 1)
// of C (R1) or K (R2), rounded and at least 1, or an integer 1..C (1..K). `layers` defaults to
// every ungrouped conv with a kernel larger than 1x1. With `tensors`, the factors come from an
// HOSVD of the layer's weights in `ws` (leading eigenvectors of the mode-0 and mode-1 Gram
// matrices, core by projection) and every conv/fc of the result gets its weights there.
struct TuckerOptions {
    double rank_in = 0.5, rank_out = 0.5;
    std::string layers;
};
Network tucker(const Network& n, const WeightStore& ws, const TuckerOptions& o,
               WeightStore* tensors);

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
    uint64_t weight_bytes_before = 0, weight_bytes_after = 0, out_bytes_before = 0,
             out_bytes_after = 0;
};
Network compress(const Network& n, const WeightStore& ws, const CompressOptions& o,
                 std::vector<CompressRow>* report);

}  // namespace edgesa

namespace edgesa {
// MobileNet-style scaling (Howard et al. 2017; seed 000 eqs. 5.1-5.4): every conv/fc but the
// classifier gets max(1, floor(alpha * width)) outputs (depthwise convs follow their input), and
// the input becomes res x res (res <= 0 keeps it).
Network scale_network(const Network& n, double alpha, int64_t res);
}  // namespace edgesa
