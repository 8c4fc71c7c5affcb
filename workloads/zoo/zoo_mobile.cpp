// Mobile networks after MobileNet v1, as torchvision 0.14 defines them (BN folded into its conv):
// MobileNet v2 and v3, EfficientNet-B0, MnasNet 1.0 and ShuffleNet v2 x1.0.
#include <algorithm>

#include <fmt/format.h>

#include "zoo/net_builder.h"
#include "zoo/zoo.h"

namespace edgesa {
namespace {
using Opts = NetBuilder::ConvOpts;

// A conv followed by a folded batch norm and `act` ("" for none); padding (k - 1) / 2.
std::string cbn(NetBuilder& b, const std::string& name, const std::string& in, int64_t out,
                int64_t k, int64_t stride, const std::string& act, int64_t groups = 1) {
    Opts o;
    o.stride = stride;
    o.pad = (k - 1) / 2;
    o.groups = groups;
    o.bias = false;
    o.batch_norm = true;
    o.activation = act;
    return b.conv(name, in, out, k, o);
}

// A plain 1x1 conv with bias (the squeeze-excite fully connected layers).
std::string conv1x1_bias(NetBuilder& b, const std::string& name, const std::string& in, int64_t out,
                         const std::string& act) {
    Opts o;
    o.activation = act;
    return b.conv(name, in, out, 1, o);
}

// torchvision's _make_divisible(v, 8): round to a multiple of 8, never below 90% of v.
int64_t divisible8(double v) {
    int64_t n = std::max<int64_t>(8, int64_t(v + 4) / 8 * 8);
    if (double(n) < 0.9 * v) n += 8;
    return n;
}

// Squeeze-excite: global average, 1x1 reduce + act, 1x1 expand + gate, channel-wise product.
std::string squeeze_excite(NetBuilder& b, const std::string& name, const std::string& in,
                           int64_t squeeze, const std::string& act, const std::string& gate) {
    const int64_t c = b.shape_of(in).c;
    auto s = b.global_avgpool(name + ".avgpool", in);
    s = conv1x1_bias(b, name + ".fc1", s, squeeze, act);
    s = conv1x1_bias(b, name + ".fc2", s, c, gate);
    return b.mul(name + ".scale", in, s);
}

std::string classifier(NetBuilder& b, std::string x, int64_t hidden, const std::string& act) {
    x = b.global_avgpool("avgpool", x);
    x = b.flatten("flatten", x);
    if (hidden > 0) x = b.fc("classifier.0", x, hidden, true, act);
    x = b.fc("classifier.fc", x, 1000, true, "");
    return b.softmax("prob", x);
}
}  // namespace

// torchvision mobilenet_v2 (Sandler et al. 2018): inverted residuals, ReLU6, width 1.0.
Network zoo_mobilenet_v2() {
    NetBuilder b("mobilenet_v2", {3, 224, 224});
    auto x = cbn(b, "features.0", "input", 32, 3, 2, "relu6");
    const struct {
        int64_t t, c, n, s;
    } cfg[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
               {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int idx = 1;
    for (const auto& c : cfg)
        for (int64_t i = 0; i < c.n; ++i, ++idx) {
            const std::string n = fmt::format("features.{}", idx);
            const int64_t in = b.shape_of(x).c, hidden = in * c.t, stride = i == 0 ? c.s : 1;
            auto y = x;
            if (c.t != 1) y = cbn(b, n + ".expand", y, hidden, 1, 1, "relu6");
            y = cbn(b, n + ".dw", y, hidden, 3, stride, "relu6", hidden);
            y = cbn(b, n + ".project", y, c.c, 1, 1, "");
            x = stride == 1 && in == c.c ? b.add(n + ".add", {x, y}) : y;
        }
    x = cbn(b, "features.18", x, 1280, 1, 1, "relu6");
    classifier(b, x, 0, "");
    return b.take();
}

namespace {
struct V3Block {
    int64_t k, exp, out;
    bool se;
    const char* act;
    int64_t stride;
};

Network mobilenet_v3(const std::string& name, const std::vector<V3Block>& blocks, int64_t last) {
    NetBuilder b(name, {3, 224, 224});
    auto x = cbn(b, "features.0", "input", 16, 3, 2, "hard_swish");
    int idx = 1;
    for (const auto& c : blocks) {
        const std::string n = fmt::format("features.{}", idx++);
        const int64_t in = b.shape_of(x).c;
        auto y = x;
        if (c.exp != in) y = cbn(b, n + ".expand", y, c.exp, 1, 1, c.act);
        y = cbn(b, n + ".dw", y, c.exp, c.k, c.stride, c.act, c.exp);
        if (c.se)
            y = squeeze_excite(b, n + ".se", y, divisible8(double(c.exp / 4)), "relu",
                               "hard_sigmoid");
        y = cbn(b, n + ".project", y, c.out, 1, 1, "");
        x = c.stride == 1 && in == c.out ? b.add(n + ".add", {x, y}) : y;
    }
    x = cbn(b, fmt::format("features.{}", idx), x, 6 * b.shape_of(x).c, 1, 1, "hard_swish");
    classifier(b, x, last, "hard_swish");
    return b.take();
}
}  // namespace

// torchvision mobilenet_v3_large (Howard et al. 2019, Table 1), width 1.0.
Network zoo_mobilenet_v3_large() {
    return mobilenet_v3("mobilenet_v3_large",
                        {{3, 16, 16, false, "relu", 1},
                         {3, 64, 24, false, "relu", 2},
                         {3, 72, 24, false, "relu", 1},
                         {5, 72, 40, true, "relu", 2},
                         {5, 120, 40, true, "relu", 1},
                         {5, 120, 40, true, "relu", 1},
                         {3, 240, 80, false, "hard_swish", 2},
                         {3, 200, 80, false, "hard_swish", 1},
                         {3, 184, 80, false, "hard_swish", 1},
                         {3, 184, 80, false, "hard_swish", 1},
                         {3, 480, 112, true, "hard_swish", 1},
                         {3, 672, 112, true, "hard_swish", 1},
                         {5, 672, 160, true, "hard_swish", 2},
                         {5, 960, 160, true, "hard_swish", 1},
                         {5, 960, 160, true, "hard_swish", 1}},
                        1280);
}

// torchvision mobilenet_v3_small (Howard et al. 2019, Table 2), width 1.0.
Network zoo_mobilenet_v3_small() {
    return mobilenet_v3("mobilenet_v3_small",
                        {{3, 16, 16, true, "relu", 2},
                         {3, 72, 24, false, "relu", 2},
                         {3, 88, 24, false, "relu", 1},
                         {5, 96, 40, true, "hard_swish", 2},
                         {5, 240, 40, true, "hard_swish", 1},
                         {5, 240, 40, true, "hard_swish", 1},
                         {5, 120, 48, true, "hard_swish", 1},
                         {5, 144, 48, true, "hard_swish", 1},
                         {5, 288, 96, true, "hard_swish", 2},
                         {5, 576, 96, true, "hard_swish", 1},
                         {5, 576, 96, true, "hard_swish", 1}},
                        1024);
}

// torchvision efficientnet_b0 (Tan & Le 2019, Table 1): MBConv with SiLU and squeeze-excite.
Network zoo_efficientnet_b0() {
    NetBuilder b("efficientnet_b0", {3, 224, 224});
    auto x = cbn(b, "features.0", "input", 32, 3, 2, "silu");
    const struct {
        int64_t e, k, s, out, n;
    } cfg[] = {{1, 3, 1, 16, 1},  {6, 3, 2, 24, 2},  {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3},
               {6, 5, 1, 112, 3}, {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};
    int stage = 1;
    for (const auto& c : cfg) {
        for (int64_t i = 0; i < c.n; ++i) {
            const std::string n = fmt::format("features.{}.{}", stage, i);
            const int64_t in = b.shape_of(x).c, exp = divisible8(double(in * c.e)),
                          stride = i == 0 ? c.s : 1;
            auto y = x;
            if (exp != in) y = cbn(b, n + ".expand", y, exp, 1, 1, "silu");
            y = cbn(b, n + ".dw", y, exp, c.k, stride, "silu", exp);
            y = squeeze_excite(b, n + ".se", y, std::max<int64_t>(1, in / 4), "silu", "sigmoid");
            y = cbn(b, n + ".project", y, c.out, 1, 1, "");
            x = stride == 1 && in == c.out ? b.add(n + ".add", {x, y}) : y;
        }
        ++stage;
    }
    x = cbn(b, "features.8", x, 1280, 1, 1, "silu");
    classifier(b, x, 0, "");
    return b.take();
}

// torchvision mnasnet1_0 (Tan et al. 2019, MnasNet-A1 without squeeze-excite as torchvision has
// it).
Network zoo_mnasnet1_0() {
    NetBuilder b("mnasnet1_0", {3, 224, 224});
    auto x = cbn(b, "layers.0", "input", 32, 3, 2, "relu");
    x = cbn(b, "layers.3", x, 32, 3, 1, "relu", 32);
    x = cbn(b, "layers.6", x, 16, 1, 1, "");
    const struct {
        int64_t out, k, s, e, n;
    } cfg[] = {{24, 3, 2, 3, 3}, {40, 5, 2, 3, 3},  {80, 5, 2, 6, 3},
               {96, 3, 1, 6, 2}, {192, 5, 2, 6, 4}, {320, 3, 1, 6, 1}};
    int stack = 8;
    for (const auto& c : cfg) {
        for (int64_t i = 0; i < c.n; ++i) {
            const std::string n = fmt::format("layers.{}.{}", stack, i);
            const int64_t in = b.shape_of(x).c, mid = in * c.e, stride = i == 0 ? c.s : 1;
            auto y = cbn(b, n + ".expand", x, mid, 1, 1, "relu");
            y = cbn(b, n + ".dw", y, mid, c.k, stride, "relu", mid);
            y = cbn(b, n + ".project", y, c.out, 1, 1, "");
            x = stride == 1 && in == c.out ? b.add(n + ".add", {x, y}) : y;
        }
        ++stack;
    }
    x = cbn(b, "layers.14", x, 1280, 1, 1, "relu");
    classifier(b, x, 0, "");
    return b.take();
}

// torchvision shufflenet_v2_x1_0 (Ma et al. 2018): channel split, two branches, channel shuffle.
Network zoo_shufflenet_v2_x1_0() {
    NetBuilder b("shufflenet_v2_x1_0", {3, 224, 224});
    auto x = cbn(b, "conv1", "input", 24, 3, 2, "relu");
    x = b.maxpool("maxpool", x, 3, 2, 1);
    const int64_t repeats[3] = {4, 8, 4}, outs[3] = {116, 232, 464};
    for (int s = 0; s < 3; ++s)
        for (int64_t i = 0; i < repeats[s]; ++i) {
            const std::string n = fmt::format("stage{}.{}", s + 2, i);
            const int64_t in = b.shape_of(x).c, half = outs[s] / 2;
            std::string left, right;
            if (i == 0) {  // stride 2: both branches see the whole input
                left = cbn(b, n + ".branch1.dw", x, in, 3, 2, "", in);
                left = cbn(b, n + ".branch1.pw", left, half, 1, 1, "relu");
                right = x;
            } else {
                left = b.slice_channels(n + ".split0", x, 0, in / 2);
                right = b.slice_channels(n + ".split1", x, in / 2, in / 2);
            }
            const int64_t stride = i == 0 ? 2 : 1;
            right = cbn(b, n + ".branch2.pw1", right, half, 1, 1, "relu");
            right = cbn(b, n + ".branch2.dw", right, half, 3, stride, "", half);
            right = cbn(b, n + ".branch2.pw2", right, half, 1, 1, "relu");
            x = b.concat(n + ".concat", {left, right});
            x = b.channel_shuffle(n + ".shuffle", x, 2);
        }
    x = cbn(b, "conv5", x, 1024, 1, 1, "relu");
    classifier(b, x, 0, "");
    return b.take();
}

}  // namespace edgesa
