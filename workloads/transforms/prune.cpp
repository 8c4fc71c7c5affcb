// L1 filter pruning and unstructured magnitude pruning (docs/transforms.md).
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/transforms.h"

namespace edgesa {
namespace {

const SourcePos kCli{"<command line>", 0, 0};

bool depthwise(const Layer& l) {
    return l.type == LayerType::kConv2d && l.groups > 1 && l.groups == l.in.c;
}
// Layers whose output channels are their input channels, one to one.
bool channel_wise(const Layer& l) {
    return depthwise(l) || l.type == LayerType::kActivation || l.type == LayerType::kMaxPool ||
           l.type == LayerType::kAvgPool || l.type == LayerType::kGlobalAvgPool ||
           l.type == LayerType::kConcat || l.type == LayerType::kScaleShift ||
           l.type == LayerType::kUpsample;
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
        } else if (l.type == LayerType::kActivation || l.type == LayerType::kMaxPool ||
                   l.type == LayerType::kAvgPool || l.type == LayerType::kScaleShift ||
                   l.type == LayerType::kUpsample) {
            follow_depthwise(n, l.name, channels);
        }
    }
}

// The kept filters of a conv: the C - remove largest L1 norms, ties to the lower index, ascending.
std::vector<int64_t> kept_filters(const Layer& l, const std::vector<float>& w, int64_t remove) {
    const int64_t C = l.out.c, R = int64_t(w.size()) / C;
    std::vector<std::pair<double, int64_t>> norms;
    for (int64_t k = 0; k < C; ++k) {
        double s = 0;
        for (int64_t r = 0; r < R; ++r) s += std::fabs(double(w[size_t(k * R + r)]));
        norms.push_back({-s, k});
    }
    std::sort(norms.begin(), norms.end());
    std::vector<int64_t> kept;
    for (int64_t i = 0; i < C - remove; ++i) kept.push_back(norms[size_t(i)].second);
    std::sort(kept.begin(), kept.end());
    return kept;
}

std::vector<int64_t> iota(int64_t n) {
    std::vector<int64_t> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) v[size_t(i)] = i;
    return v;
}

// The pruned tensors of every conv/fc: `kept[name]` lists the source channels each layer's output
// keeps (pruned convs: their kept filters; channel-wise layers: their input's; flatten: the
// features of the kept channels); a consumer keeps the weight columns of its input's kept channels.
void thin_tensors(const Network& src, const WeightStore& ws,
                  const std::map<std::string, std::vector<int64_t>>& pruned_filters,
                  WeightStore* tensors) {
    std::map<std::string, std::vector<int64_t>> kept;
    kept["input"] = iota(src.input.c);
    for (const auto& l : src.layers) {
        const std::vector<int64_t>& in = kept.at(l.inputs[0]);
        const bool thinned_in =
            int64_t(in.size()) !=
            (l.inputs[0] == "input" ? src.input.c : src.find(l.inputs[0])->out.c);
        std::vector<int64_t> out;
        if (l.type == LayerType::kConv2d || l.type == LayerType::kFc) {
            const bool dw = depthwise(l);
            const auto pf = pruned_filters.find(l.name);
            out = dw ? in : pf != pruned_filters.end() ? pf->second : iota(l.out.c);
            const auto& w = ws.weights(l);
            const auto& b = ws.biases(l);
            const int64_t K = l.out.c, R = int64_t(w.size()) / K;
            // columns of one filter: depthwise all of them; else the kept input channels' blocks
            const int64_t per_c =
                dw ? R : R / (l.type == LayerType::kFc ? l.in.c : l.in.c / l.groups);
            if (thinned_in && !dw && l.groups != 1)
                throw InputError(Diagnostic{
                    kCli, "--ratio", l.name,
                    "a grouped conv cannot follow a pruned layer when the trace has tensors"});
            std::vector<float> w2, b2;
            for (int64_t k : out) {
                if (dw) {
                    w2.insert(w2.end(), w.begin() + long(k * R), w.begin() + long((k + 1) * R));
                } else {
                    for (int64_t c : in)
                        w2.insert(w2.end(), w.begin() + long(k * R + c * per_c),
                                  w.begin() + long(k * R + (c + 1) * per_c));
                }
                if (!b.empty()) b2.push_back(b[size_t(k)]);
            }
            tensors->set(l.name, std::move(w2), std::move(b2));
            if (l.type == LayerType::kFc) out = iota(l.out.c);
        } else if (l.type ==
                   LayerType::kScaleShift) {  // keeps the scale and shift of its kept channels
            std::vector<float> s2, t2;
            for (int64_t c : in) {
                s2.push_back(ws.weights(l)[size_t(c)]);
                t2.push_back(ws.biases(l)[size_t(c)]);
            }
            tensors->set(l.name, std::move(s2), std::move(t2));
            out = in;
        } else if (l.type == LayerType::kFlatten) {
            const int64_t hw = l.in.h * l.in.w;
            for (int64_t c : in)
                for (int64_t j = 0; j < hw; ++j) out.push_back(c * hw + j);
        } else if (l.type == LayerType::kConcat) {
            int64_t offset = 0;
            for (const auto& name : l.inputs) {
                for (int64_t c : kept.at(name)) out.push_back(offset + c);
                offset += name == "input" ? src.input.c : src.find(name)->out.c;
            }
        } else if (channel_wise(l) || l.type == LayerType::kSoftmax || l.type == LayerType::kAdd) {
            out = in;  // adds only ever see unpruned inputs (refused above)
        } else {
            if (thinned_in)
                throw InputError(Diagnostic{
                    kCli, "--ratio", l.name,
                    fmt::format(
                        "a {} layer cannot follow a pruned layer when the trace has tensors",
                        to_string(l.type))});
            out = iota(l.out.c);
        }
        kept[l.name] = std::move(out);
    }
}

}  // namespace

Network prune_filters(const Network& src, const WeightStore& ws,
                      const std::vector<LayerRule>& rules, WeightStore* tensors) {
    Network n = src;
    std::map<std::string, std::vector<int64_t>> pruned_filters;
    for (const auto& r : rules) {
        if (!(r.value >= 0 && r.value < 1))
            throw InputError(Diagnostic{kCli, "--ratio", fmt::format("{}={}", r.selector, r.value),
                                        "ratio must be in [0, 1)"});
        for (const auto& name : select_layers(src, r.selector, "--ratio")) {
            const Layer& l = *src.find(name);
            if (l.type != LayerType::kConv2d || depthwise(l) || l.groups != 1)
                throw InputError(
                    Diagnostic{kCli, "--ratio", name,
                               "filter pruning applies to ungrouped conv2d layers only"});
            const std::string add = reaches_add(src, name);
            if (!add.empty())
                throw InputError(
                    Diagnostic{kCli, "--ratio", name,
                               fmt::format("its output feeds the elementwise add '{}', whose other "
                                           "inputs keep their width; "
                                           "prune only the first conv of a residual block",
                                           add)});
            const int64_t C = l.out.c;
            const int64_t remove =
                std::min<int64_t>(C - 1, int64_t(std::floor(r.value * double(C))));
            if (tensors) pruned_filters[name] = kept_filters(l, ws.weights(l), remove);
            Layer& dst = *n.find(name);
            dst.out.c = C - remove;
            follow_depthwise(n, name, dst.out.c);
        }
    }
    infer_shapes(n);
    if (tensors) thin_tensors(src, ws, pruned_filters, tensors);
    return n;
}

Network sparsify(const Network& src, const std::vector<LayerRule>& rules) {
    Network n = src;
    for (const auto& r : rules) {
        if (!(r.value > 0 && r.value <= 1))
            throw InputError(Diagnostic{kCli, "--density",
                                        fmt::format("{}={}", r.selector, r.value),
                                        "density must be in (0, 1]"});
        for (const auto& name : select_layers(src, r.selector, "--density")) {
            Layer& l = *n.find(name);
            if (l.type != LayerType::kConv2d && l.type != LayerType::kFc)
                throw InputError(Diagnostic{kCli, "--density", name,
                                            "only conv2d and fc layers have weights to prune"});
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
