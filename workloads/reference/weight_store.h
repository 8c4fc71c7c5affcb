#pragma once
// Weights and biases of a network's conv2d and fc layers: loaded from the trace's .npy tensors or
// made as seeded synthetic He-normal values. Same seed and layer name -> same values, on every
// platform (own generator: mt19937_64 + Box-Muller, no std::normal_distribution).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "network.h"

namespace edgesa {

// Layouts: conv2d weights [out.c][in.c/groups][kh][kw]; fc weights [out.c][in.c*in.h*in.w]
// (input flattened channel-major); biases [out.c].
class WeightStore {
  public:
    explicit WeightStore(uint64_t seed = 1) : seed_(seed) {}
    // Loads every tensor file the trace names (relative to n.source_file); other layers stay
    // synthetic.
    static WeightStore from_trace(const Network& n, uint64_t seed = 1);

    const std::vector<float>& weights(const Layer& l) const;
    const std::vector<float>& biases(const Layer& l) const;  // empty when the layer has no bias
    void set(const std::string& layer, std::vector<float> weights, std::vector<float> biases);
    bool has_explicit(const std::string& layer) const { return explicit_.count(layer) != 0; }
    uint64_t seed() const { return seed_; }

  private:
    struct Tensors {
        std::vector<float> w, b;
    };
    const Tensors& get(const Layer& l) const;
    uint64_t seed_;
    std::map<std::string, Tensors> explicit_;
    mutable std::map<std::string, Tensors> synthetic_;
};

// N(0, 1) samples from a seed, deterministic everywhere.
std::vector<float> seeded_normal(uint64_t seed, const std::string& stream, size_t count,
                                 double stddev);

}  // namespace edgesa
