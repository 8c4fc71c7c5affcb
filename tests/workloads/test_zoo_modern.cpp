// The post-2017 zoo against counts computed independently with PyTorch.
#include <catch2/catch.hpp>

#include "zoo/zoo.h"

using namespace edgesa;

namespace {
struct Expected {
    const char* name;
    int64_t macs, weights, params;
};
// From scripts/zoo_reference_counts.py (Debian python3-torch 1.13, python3-torchvision 0.14):
// forward hooks count Conv2d/Linear MACs; weights are Conv2d/Linear weight elements; params are
// every parameter (BN scale and shift included), as torchvision's tables count them. YOLOv3-tiny
// and the small U-Net are PyTorch re-statements of their definitions in that script.
constexpr Expected kTorch[] = {
    {"mobilenet_v2", 300774272, 3469760, 3504872},
    {"mobilenet_v3_small", 56510400, 2525832, 2542856},
    {"mobilenet_v3_large", 216589760, 5451272, 5483032},
    {"efficientnet_b0", 385814752, 5236192, 5288548},
    {"shufflenet_v2_x1_0", 144907992, 2261424, 2278604},
    {"mnasnet1_0", 314415872, 4344392, 4383312},
    {"densenet121", 2834161664, 7894208, 7978856},
    {"squeezenet1_1", 349151936, 1231552, 1235496},
    {"yolov3_tiny", 2782480896, 8845488, 8852366},
    {"unet_small", 781451264, 534992, 536626},
};

int64_t conv_fc_weights(const Network& n) {  // scale_shift scales are not conv/fc weights
    int64_t s = 0;
    for (const auto& l : n.layers)
        if (l.type == LayerType::kConv2d || l.type == LayerType::kFc) s += layer_weights(l);
    return s;
}
}  // namespace

TEST_CASE("the modern zoo matches PyTorch's MAC, weight and parameter counts",
          "[golden][workloads]") {
    for (const auto& e : kTorch) {
        INFO(e.name);
        const Network n = zoo_build(e.name);
        CHECK(network_macs(n) == e.macs);
        CHECK(conv_fc_weights(n) == e.weights);
        CHECK(network_published_params(n) == e.params);
    }
}

TEST_CASE("modern zoo nets use the new layer types where their definitions need them",
          "[workloads]") {
    auto count = [](const Network& n, LayerType t) {
        int k = 0;
        for (const auto& l : n.layers) k += l.type == t;
        return k;
    };
    CHECK(count(zoo_build("shufflenet_v2_x1_0"), LayerType::kChannelShuffle) == 16);
    CHECK(count(zoo_build("mobilenet_v3_large"), LayerType::kMul) == 8);  // squeeze-excite blocks
    CHECK(count(zoo_build("efficientnet_b0"), LayerType::kMul) == 16);
    CHECK(count(zoo_build("densenet121"), LayerType::kScaleShift) == 58 + 3 + 1);
    CHECK(count(zoo_build("yolov3_tiny"), LayerType::kUpsample) == 1);
    CHECK(zoo_build("yolov3_tiny").find("route20")->out == Shape{384, 26, 26});
    CHECK(zoo_build("unet_small").find("head")->out == Shape{2, 128, 128});
}
