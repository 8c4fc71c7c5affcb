// L1 filter pruning and unstructured magnitude pruning (docs/transforms.md).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/transforms.h"

namespace edgesa {
namespace {

const SourcePos kCli{"<command line>", 0, 0};

bool depthwise(const Layer& l) { return l.type == LayerType::kConv2d && l.groups > 1 && l.groups == l.in.c; }
// Layers whose output channels are their input channels, one to one.
bool channel_wise(const Layer& l) {
    return depthwise(l) || l.type == LayerType::kActivation || l.type == LayerType::kMaxPool ||
           l.type == LayerType::kAvgPool || l.type == LayerType::kGlobalAvgPool || l.type == LayerType::kConcat;
}

// The first elementwise add that `from`'s channels reach (through channel-wise layers), or "".
std::string reaches_add(const Network& n, const std::string& from) {
    for (const auto& l : n.layers) {
        if (std::find(l.inputs.begin(), l.inputs.end(), from) == l.inputs.end()) continue;
        if (l.type == LayerType::kAdd) return l.name;
        if (channel_wise(l)) {
            const std::string a = reaches_add(n, l.name);
            if (!a.empty()) return a;
        }
    }
    return "";
}

// Depthwise consumers follow the new channel count (and pass it on).
void follow_depthwise(Network& n, const std::string& from, int64_t channels) {
    for (auto& l : n.layers) {
        if (std::find(l.inputs.begin(), l.inputs.end(), from) == l.inputs.end()) continue;
        if (depthwise(l)) {
            l.groups = l.out.c = channels;
            follow_depthwise(n, l.name, channels);
        } else if (l.type == LayerType::kActivation || l.type == LayerType::kMaxPool || l.type == LayerType::kAvgPool) {
            follow_depthwise(n, l.name, channels);
        }
    }
}

}  // namespace

Network prune_filters(const Network& src, const WeightStore& ws, const std::vector<LayerRule>& rules) {
    Network n = src;
    for (const auto& r : rules) {
        if (!(r.value >= 0 && r.value < 1))
            throw InputError(Diagnostic{kCli, "--ratio", fmt::format("{}={}", r.selector, r.value), "ratio must be in [0, 1)"});
        for (const auto& name : select_layers(src, r.selector, "--ratio")) {
            const Layer& l = *src.find(name);
            if (l.type != LayerType::kConv2d || depthwise(l) || l.groups != 1)
                throw InputError(Diagnostic{kCli, "--ratio", name,
                                            "filter pruning applies to ungrouped conv2d layers only"});
            const std::string add = reaches_add(src, name);
            if (!add.empty())
                throw InputError(Diagnostic{
                    kCli, "--ratio", name,
                    fmt::format("its output feeds the elementwise add '{}', whose other inputs keep their width; "
                                "prune only the first conv of a residual block",
                                add)});
            if (ws.has_explicit(name) || !l.weights_file.empty())
                throw InputError(Diagnostic{kCli, "--ratio", name,
                                            "pruning layers that carry tensor files is not supported yet; "
                                            "remove weights:/biases: to prune with synthetic weights"});
            const int64_t C = l.out.c;
            const int64_t remove = std::min<int64_t>(C - 1, int64_t(std::floor(r.value * double(C))));
            // Which filters go (smallest L1 norms) matters only for tensor files, which are refused
            // above; a trace records the kept count.
            Layer& dst = *n.find(name);
            dst.out.c = C - remove;
            follow_depthwise(n, name, dst.out.c);
        }
    }
    infer_shapes(n);
    return n;
}

Network sparsify(const Network& src, const std::vector<LayerRule>& rules) {
    Network n = src;
    for (const auto& r : rules) {
        if (!(r.value > 0 && r.value <= 1))
            throw InputError(Diagnostic{kCli, "--density", fmt::format("{}={}", r.selector, r.value), "density must be in (0, 1]"});
        for (const auto& name : select_layers(src, r.selector, "--density")) {
            Layer& l = *n.find(name);
            if (l.type != LayerType::kConv2d && l.type != LayerType::kFc)
                throw InputError(Diagnostic{kCli, "--density", name, "only conv2d and fc layers have weights to prune"});
            // magnitude pruning keeps the round(d * count) largest weights; the trace records the
            // resulting fraction exactly
            const int64_t count = layer_weights(l);
            const int64_t keep = std::max<int64_t>(1, std::llround(r.value * double(count)));
            l.density = double(keep) / double(count);
        }
    }
    return n;
}

}  // namespace edgesa
