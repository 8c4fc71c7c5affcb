#pragma once
// Functional-mode data of one simulation: the stored tensors ("DRAM contents" as storage codes),
// synthetic seeded weights, biases and input, and the payload pool that carries vector values
// alongside the tokens on the channels (a token holds only the pool index).
#include <cstdint>
#include <vector>

#include "config/accel_config.h"
#include "functional/value_codec.h"
#include "network.h"
#include "program/layer_program.h"
#include "reference/weight_store.h"

namespace edgesa::sim {

// Data of a functional run other than the defaults (the trace's .npy tensors or seeded weights,
// the seeded input): the Python module's numpy weights and input (docs/python.md).
struct FunctionalData {
    const WeightStore* weights = nullptr;       // conv/fc weights and biases by layer name
    const std::vector<float>* input = nullptr;  // network input, (C, H, W) row-major
};

// Values carried by one token or beat; `index` is the output element of each value (drain beats).
struct Payload {
    std::vector<int64_t> values;
    std::vector<uint32_t> index;
};

// Stored tensors, synthetic data and the payload pool of a functional run.
class FunctionalState {
  public:
    static constexpr uint64_t kSeed =
        1;  // WeightStore / seeded_input seed (the reference's default)
    FunctionalState(const Network& net, const Program& prog, const AccelConfig& cfg,
                    const FunctionalData& data = {});

    uint32_t alloc();
    Payload& at(uint32_t id) { return pool_[id]; }
    void release(uint32_t id);

    // The codes of vector `vec` of block `b` of layer `layer` as the image holds them.
    void gather(int layer, const Block& b, uint32_t vec, Payload* out) const;
    // Pass layers, concat, flatten and softmax: outputs from the stored inputs.
    void compute_direct(int layer);

    // Storage format of a block's payload.
    const StorageFormat& block_format(int layer, const Block& b) const;
    const ValueCodec& codec() const { return codec_; }
    const Network& network() const { return net_; }
    const Program& program() const { return prog_; }
    std::vector<std::vector<int64_t>> outputs;          // per layer, codes in its out_format
    std::vector<std::vector<int64_t>> weights, biases;  // per layer, codes in its weight_format
    std::vector<int64_t> input;                         // network input, codes in input_format

    const std::vector<int64_t>& tensor(int producer) const {
        return producer < 0 ? input : outputs[size_t(producer)];
    }
    const StorageFormat& format(int producer) const {
        return producer < 0 ? net_.input_format : net_.layers[size_t(producer)].out_format;
    }

  private:
    // Element of the (first) input that output element o copies: upsample and channel shuffle
    // remap, every other layer reads element o.
    static size_t source_index(const Layer& L, size_t o);
    void gather_pass(const Layer& L, const LayerProgram& lp, const Block& b, uint32_t vec,
                     Payload* out) const;
    const Network& net_;
    const Program& prog_;
    const AccelConfig& cfg_;
    ValueCodec codec_;
    std::vector<Payload> pool_;
    std::vector<uint32_t> free_;
};

}  // namespace edgesa::sim
