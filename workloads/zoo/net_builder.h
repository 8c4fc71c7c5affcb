#pragma once
// Builds a Network layer by layer in code (the zoo, transforms, ONNX import): each call appends
// one layer, computes its shapes at once and returns its name for chaining.
#include <string>
#include <vector>

#include "network.h"

namespace edgesa {

// Appends layers to a network, inferring shapes as it goes.
class NetBuilder {
  public:
    NetBuilder(std::string name, Shape input);

    struct ConvOpts {
        int64_t stride = 1;
        int64_t pad = 0;
        int64_t groups = 1;
        bool bias = true;
        bool batch_norm = false;  // BN folded: bias on, counted as BN in published params
        std::string activation = "relu";
    };
    std::string conv(const std::string& name, const std::string& in, int64_t filters,
                     int64_t kernel, const ConvOpts& o);
    std::string fc(const std::string& name, const std::string& in, int64_t units, bool bias = true,
                   const std::string& activation = "relu");
    std::string maxpool(const std::string& name, const std::string& in, int64_t kernel,
                        int64_t stride, int64_t pad = 0, bool ceil_mode = false);
    std::string avgpool(const std::string& name, const std::string& in, int64_t kernel,
                        int64_t stride, int64_t pad = 0, bool ceil_mode = false);
    std::string global_avgpool(const std::string& name, const std::string& in);
    std::string activation(const std::string& name, const std::string& in,
                           const std::string& function);
    std::string add(const std::string& name, const std::vector<std::string>& ins);
    std::string concat(const std::string& name, const std::vector<std::string>& ins);
    std::string flatten(const std::string& name, const std::string& in);
    std::string softmax(const std::string& name, const std::string& in);
    std::string scale_shift(const std::string& name,
                            const std::string& in);  // an un-folded batch norm
    std::string mul(const std::string& name, const std::string& in, const std::string& gate);
    std::string upsample(const std::string& name, const std::string& in, int64_t factor);
    std::string channel_shuffle(const std::string& name, const std::string& in, int64_t groups);
    std::string slice_channels(const std::string& name, const std::string& in, int64_t c0,
                               int64_t count);

    // Appends a fully described layer (type, inputs and parameters set; shapes are computed).
    std::string append(Layer l);
    const Shape& shape_of(const std::string& name) const;
    Network& net() { return net_; }
    Network take() { return std::move(net_); }

  private:
    Network net_;
};

}  // namespace edgesa
