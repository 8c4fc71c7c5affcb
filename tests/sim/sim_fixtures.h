#pragma once
// Small networks and configs for the simulator tests, built in code (no trace files needed).
#include <string>

#include "config/loader.h"
#include "network.h"
#include "numerics/storage_format.h"

namespace edgesa::test {

inline StorageFormat fmt(const std::string& name) {
    std::string why;
    return *StorageFormat::parse(name, &why);
}

// A config from the seed design with YAML overrides appended (later keys win within sections
// is not YAML; so callers pass whole-section text when they override).
inline AccelConfig small_config(const std::string& extra_yaml = "") {
    return load_config_text("name: test\n" + extra_yaml, "test.yaml");
}

inline Layer conv(const std::string& name, const std::string& input, Shape in, int64_t out_c,
                  int64_t k, int64_t stride, int64_t pad, const std::string& wfmt = "fp32",
                  const std::string& ofmt = "fp32") {
    Layer l;
    l.name = name;
    l.type = LayerType::kConv2d;
    l.inputs = {input};
    l.in = in;
    l.kernel_h = l.kernel_w = k;
    l.stride_h = l.stride_w = stride;
    l.pad_top = l.pad_left = l.pad_bottom = l.pad_right = pad;
    l.out = {out_c, (in.h + 2 * pad - k) / stride + 1, (in.w + 2 * pad - k) / stride + 1};
    l.has_bias = true;
    l.activation = "relu";
    l.weight_format = fmt(wfmt);
    l.out_format = fmt(ofmt);
    return l;
}

inline Layer fc(const std::string& name, const std::string& input, Shape in, int64_t out_c,
                const std::string& wfmt = "fp32", const std::string& ofmt = "fp32") {
    Layer l;
    l.name = name;
    l.type = LayerType::kFc;
    l.inputs = {input};
    l.in = in;
    l.out = {out_c, 1, 1};
    l.has_bias = true;
    l.weight_format = fmt(wfmt);
    l.out_format = fmt(ofmt);
    return l;
}

inline Layer maxpool(const std::string& name, const std::string& input, Shape in, int64_t k,
                     int64_t s) {
    Layer l;
    l.name = name;
    l.type = LayerType::kMaxPool;
    l.inputs = {input};
    l.in = in;
    l.kernel_h = l.kernel_w = k;
    l.stride_h = l.stride_w = s;
    l.out = {in.c, (in.h - k) / s + 1, (in.w - k) / s + 1};
    l.out_format = fmt("fp32");
    return l;
}

// conv -> 2x2 maxpool -> conv -> add (residual with the pool output) -> fc (on `fc_device`), on an
// hw x hw fp32 input (hw even): every kind of pass layer and a device hop in one small network.
inline Network residual_mix(int64_t hw, int fc_device = 0) {
    Network n;
    n.name = "mixed";
    n.input = {3, hw, hw};
    n.input_format = fmt("fp32");
    n.layers.push_back(conv("c1", "input", {3, hw, hw}, 8, 3, 1, 1));
    n.layers.push_back(maxpool("p1", "c1", {8, hw, hw}, 2, 2));
    n.layers.push_back(conv("c2", "p1", {8, hw / 2, hw / 2}, 8, 3, 1, 1));
    Layer add;
    add.name = "add";
    add.type = LayerType::kAdd;
    add.inputs = {"c2", "p1"};
    add.in = add.out = {8, hw / 2, hw / 2};
    add.out_format = fmt("fp32");
    n.layers.push_back(add);
    n.layers.push_back(fc("f", "add", {8, hw / 2, hw / 2}, 40));
    n.layers.back().device = fc_device;
    return n;
}

inline Network one_layer(const Layer& l, const std::string& input_fmt = "fp32") {
    Network n;
    n.name = "t";
    n.input = l.in;
    n.input_format = fmt(input_fmt);
    n.layers.push_back(l);
    return n;
}

}  // namespace edgesa::test
