#include "reference/weight_store.h"

#include <cmath>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "io/npy.h"

namespace edgesa {

std::vector<float> seeded_normal(uint64_t seed, const std::string& stream, size_t count,
                                 double stddev) {
    uint64_t h = 1469598103934665603ull ^ seed;  // FNV-1a over the stream name, keyed by the seed
    for (unsigned char c : stream) h = (h ^ c) * 1099511628211ull;
    std::mt19937_64 rng(h);
    auto uniform = [&] {
        return (double(rng() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    };  // (0, 1)
    std::vector<float> out(count);
    for (size_t i = 0; i < count; i += 2) {
        const double r = std::sqrt(-2.0 * std::log(uniform())), t = 6.283185307179586 * uniform();
        out[i] = float(stddev * r * std::cos(t));
        if (i + 1 < count) out[i + 1] = float(stddev * r * std::sin(t));
    }
    return out;
}

namespace {
int64_t fan_in(const Layer& l) {
    return l.type == LayerType::kConv2d ? (l.in.c / l.groups) * l.kernel_h * l.kernel_w
                                        : l.in.elements();
}
}  // namespace

WeightStore WeightStore::from_trace(const Network& n, uint64_t seed) {
    WeightStore s(seed);
    const std::filesystem::path base = std::filesystem::path(n.source_file).parent_path();
    for (const auto& l : n.layers) {
        if (l.weights_file.empty()) continue;
        FloatTensor w = read_npy((base / l.weights_file).string());
        if (int64_t(w.data.size()) != layer_weights(l))
            throw InputError(Diagnostic{{n.source_file, l.source_line, 0},
                                        l.name + ".weights",
                                        l.weights_file,
                                        fmt::format("holds {} values, the layer needs {}",
                                                    w.data.size(), layer_weights(l))});
        std::vector<float> b;
        if (!l.bias_file.empty()) {
            b = read_npy((base / l.bias_file).string()).data;
            if (int64_t(b.size()) != layer_biases(l))
                throw InputError(Diagnostic{
                    {n.source_file, l.source_line, 0},
                    l.name + ".biases",
                    l.bias_file,
                    fmt::format("holds {} values, the layer needs {}", b.size(), layer_biases(l))});
        } else if (l.has_bias) {
            b.assign(size_t(l.out.c), 0.0f);
        }
        s.set(l.name, std::move(w.data), std::move(b));
    }
    return s;
}

void WeightStore::set(const std::string& layer, std::vector<float> w, std::vector<float> b) {
    explicit_[layer] = Tensors{std::move(w), std::move(b)};
}

const WeightStore::Tensors& WeightStore::get(const Layer& l) const {
    auto e = explicit_.find(l.name);
    if (e != explicit_.end()) return e->second;
    auto s = synthetic_.find(l.name);
    if (s != synthetic_.end() && int64_t(s->second.w.size()) == layer_weights(l)) return s->second;
    Tensors t;
    if (l.type == LayerType::kScaleShift) {  // scales near 1, shifts near 0
        t.w = seeded_normal(seed_, l.name + "/weights", size_t(l.out.c), 0.1);
        for (auto& v : t.w) v += 1.0f;
        t.b = seeded_normal(seed_, l.name + "/biases", size_t(l.out.c), 0.05);
        return synthetic_[l.name] = std::move(t);
    }
    t.w = seeded_normal(seed_, l.name + "/weights", size_t(layer_weights(l)),
                        std::sqrt(2.0 / double(fan_in(l))));
    if (l.has_bias) t.b = seeded_normal(seed_, l.name + "/biases", size_t(l.out.c), 0.05);
    return synthetic_[l.name] = std::move(t);
}

const std::vector<float>& WeightStore::weights(const Layer& l) const {
    return get(l).w;
}
const std::vector<float>& WeightStore::biases(const Layer& l) const {
    return get(l).b;
}

}  // namespace edgesa
