#include "trace/trace_tensors.h"

#include <filesystem>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "io/npy.h"
#include "trace/trace_io.h"

namespace edgesa {
namespace {
std::string stem_of(const std::string& layer) {
    std::string s;
    for (char c : layer)
        s += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    return s;
}
}  // namespace

bool has_tensor_files(const Network& n) {
    for (const auto& l : n.layers)
        if (!l.weights_file.empty()) return true;
    return false;
}

void write_trace_with_tensors(const std::string& path, Network n, const WeightStore& tensors) {
    namespace fs = std::filesystem;
    const std::string dir_name = fs::path(path).filename().string() + ".tensors";
    const fs::path dir = fs::path(path).parent_path() / dir_name;
    std::set<std::string> stems;
    std::vector<const Layer*> carrying;
    for (auto& l : n.layers) {
        l.weights_file.clear();
        l.bias_file.clear();
        if ((l.type != LayerType::kConv2d && l.type != LayerType::kFc &&
             l.type != LayerType::kScaleShift) ||
            !tensors.has_explicit(l.name))
            continue;
        // a transform's own bug, not the user's input
        if (int64_t(tensors.weights(l).size()) != layer_weights(l) ||
            int64_t(tensors.biases(l).size()) != layer_biases(l))
            throw std::logic_error(fmt::format("tensors of {} do not fit the layer", l.name));
        std::string stem = stem_of(l.name);
        if (!stems.insert(stem).second) stem += fmt::format("_{}", &l - n.layers.data());
        stems.insert(stem);
        l.weights_file = dir_name + "/" + stem + ".w.npy";
        if (l.has_bias) l.bias_file = dir_name + "/" + stem + ".b.npy";
        carrying.push_back(&l);
    }
    if (!carrying.empty()) fs::create_directories(dir);
    for (const Layer* l : carrying) {
        const auto& w = tensors.weights(*l);
        write_npy((fs::path(path).parent_path() / l->weights_file).string(),
                  FloatTensor{{int64_t(w.size())}, w});
        if (!l->bias_file.empty()) {
            const auto& b = tensors.biases(*l);
            write_npy((fs::path(path).parent_path() / l->bias_file).string(),
                      FloatTensor{{int64_t(b.size())}, b});
        }
    }
    write_trace_file(path, n);
}

}  // namespace edgesa
