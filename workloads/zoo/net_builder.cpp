#include "zoo/net_builder.h"

#include <stdexcept>

namespace edgesa {

NetBuilder::NetBuilder(std::string name, Shape input) {
    net_.name = std::move(name);
    net_.input = input;
}

const Shape& NetBuilder::shape_of(const std::string& name) const {
    if (name == "input") return net_.input;
    const Layer* l = net_.find(name);
    if (!l) throw std::logic_error("NetBuilder: no layer " + name);
    return l->out;
}

std::string NetBuilder::append(Layer l) {
    std::vector<Shape> ins;
    for (const auto& i : l.inputs) ins.push_back(shape_of(i));
    std::string why;
    const Shape out = infer_output_shape(l, ins, &why);
    if (!why.empty()) throw std::logic_error("NetBuilder: layer " + l.name + ": " + why);
    if (net_.find(l.name)) throw std::logic_error("NetBuilder: duplicate layer " + l.name);
    l.in = ins[0];
    l.out = out;
    net_.layers.push_back(std::move(l));
    return net_.layers.back().name;
}

std::string NetBuilder::conv(const std::string& name, const std::string& in, int64_t filters,
                             int64_t kernel, const ConvOpts& o) {
    Layer l;
    l.name = name;
    l.type = LayerType::kConv2d;
    l.inputs = {in};
    l.out.c = filters;
    l.kernel_h = l.kernel_w = kernel;
    l.stride_h = l.stride_w = o.stride;
    l.pad_top = l.pad_left = l.pad_bottom = l.pad_right = o.pad;
    l.groups = o.groups;
    l.has_bias = o.bias || o.batch_norm;
    l.batch_norm = o.batch_norm;
    l.activation = o.activation;
    return append(std::move(l));
}

std::string NetBuilder::fc(const std::string& name, const std::string& in, int64_t units, bool bias,
                           const std::string& activation) {
    Layer l;
    l.name = name;
    l.type = LayerType::kFc;
    l.inputs = {in};
    l.out.c = units;
    l.has_bias = bias;
    l.activation = activation;
    return append(std::move(l));
}

namespace {
Layer pool_layer(LayerType t, const std::string& name, const std::string& in, int64_t kernel,
                 int64_t stride, int64_t pad, bool ceil_mode) {
    Layer l;
    l.name = name;
    l.type = t;
    l.inputs = {in};
    l.kernel_h = l.kernel_w = kernel;
    l.stride_h = l.stride_w = stride;
    l.pad_top = l.pad_left = l.pad_bottom = l.pad_right = pad;
    l.ceil_mode = ceil_mode;
    return l;
}
Layer simple_layer(LayerType t, const std::string& name, std::vector<std::string> ins) {
    Layer l;
    l.name = name;
    l.type = t;
    l.inputs = std::move(ins);
    return l;
}
}  // namespace

std::string NetBuilder::maxpool(const std::string& name, const std::string& in, int64_t kernel,
                                int64_t stride, int64_t pad, bool ceil_mode) {
    return append(pool_layer(LayerType::kMaxPool, name, in, kernel, stride, pad, ceil_mode));
}
std::string NetBuilder::avgpool(const std::string& name, const std::string& in, int64_t kernel,
                                int64_t stride, int64_t pad, bool ceil_mode) {
    return append(pool_layer(LayerType::kAvgPool, name, in, kernel, stride, pad, ceil_mode));
}
std::string NetBuilder::global_avgpool(const std::string& name, const std::string& in) {
    return append(simple_layer(LayerType::kGlobalAvgPool, name, {in}));
}
std::string NetBuilder::activation(const std::string& name, const std::string& in,
                                   const std::string& function) {
    Layer l = simple_layer(LayerType::kActivation, name, {in});
    l.activation = function;
    return append(std::move(l));
}
std::string NetBuilder::add(const std::string& name, const std::vector<std::string>& ins) {
    return append(simple_layer(LayerType::kAdd, name, ins));
}
std::string NetBuilder::concat(const std::string& name, const std::vector<std::string>& ins) {
    return append(simple_layer(LayerType::kConcat, name, ins));
}
std::string NetBuilder::flatten(const std::string& name, const std::string& in) {
    return append(simple_layer(LayerType::kFlatten, name, {in}));
}
std::string NetBuilder::softmax(const std::string& name, const std::string& in) {
    return append(simple_layer(LayerType::kSoftmax, name, {in}));
}

std::string NetBuilder::scale_shift(const std::string& name, const std::string& in) {
    Layer l = simple_layer(LayerType::kScaleShift, name, {in});
    l.has_bias = true;
    return append(std::move(l));
}
std::string NetBuilder::mul(const std::string& name, const std::string& in,
                            const std::string& gate) {
    return append(simple_layer(LayerType::kMul, name, {in, gate}));
}
std::string NetBuilder::upsample(const std::string& name, const std::string& in, int64_t factor) {
    Layer l = simple_layer(LayerType::kUpsample, name, {in});
    l.factor = factor;
    return append(std::move(l));
}
std::string NetBuilder::channel_shuffle(const std::string& name, const std::string& in,
                                        int64_t groups) {
    Layer l = simple_layer(LayerType::kChannelShuffle, name, {in});
    l.groups = groups;
    return append(std::move(l));
}
std::string NetBuilder::slice_channels(const std::string& name, const std::string& in, int64_t c0,
                                       int64_t count) {
    Layer l = simple_layer(LayerType::kSlice, name, {in});
    l.slice_c0 = c0;
    l.slice_c = count;
    return append(std::move(l));
}

}  // namespace edgesa
