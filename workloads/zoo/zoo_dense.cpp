// DenseNet-121 (torchvision 0.14), a YOLOv3-tiny detector and a small U-Net.
#include <fmt/format.h>

#include "zoo/net_builder.h"
#include "zoo/zoo.h"

namespace edgesa {
namespace {
using Opts = NetBuilder::ConvOpts;

Opts plain(int64_t stride, int64_t pad, bool bn, std::string act, bool bias = true) {
    Opts o;
    o.stride = stride;
    o.pad = pad;
    o.bias = !bn && bias;
    o.batch_norm = bn;
    o.activation = std::move(act);
    return o;
}

// DenseNet's pre-activation: a batch norm on a concatenation (cannot fold: the concat's other
// readers need the raw values) followed by ReLU.
std::string bn_relu(NetBuilder& b, const std::string& name, const std::string& in) {
    return b.activation(name + ".relu", b.scale_shift(name + ".norm", in), "relu");
}
}  // namespace

// torchvision densenet121 (Huang et al. 2017): growth 32, blocks (6, 12, 24, 16), bn_size 4.
Network zoo_densenet121() {
    NetBuilder b("densenet121", {3, 224, 224});
    auto x = b.conv("features.conv0", "input", 64, 7,
                    plain(2, 3, true, "relu"));  // norm0 + relu0 folded
    x = b.maxpool("features.pool0", x, 3, 2, 1);
    const int blocks[4] = {6, 12, 24, 16};
    for (int s = 0; s < 4; ++s) {
        std::vector<std::string> feats = {x};
        for (int i = 0; i < blocks[s]; ++i) {
            const std::string n = fmt::format("features.denseblock{}.denselayer{}", s + 1, i + 1);
            auto in = feats.size() == 1 ? feats[0] : b.concat(n + ".cat", feats);
            auto y = bn_relu(b, n + ".1", in);
            y = b.conv(n + ".conv1", y, 128, 1, plain(1, 0, true, "relu"));  // norm2 + relu2 folded
            y = b.conv(n + ".conv2", y, 32, 3, plain(1, 1, false, "", false));
            feats.push_back(y);
        }
        x = b.concat(fmt::format("features.denseblock{}.out", s + 1), feats);
        if (s == 3) break;
        const std::string t = fmt::format("features.transition{}", s + 1);
        x = bn_relu(b, t, x);
        x = b.conv(t + ".conv", x, b.shape_of(x).c / 2, 1, plain(1, 0, false, "", false));
        x = b.avgpool(t + ".pool", x, 2, 2);
    }
    x = bn_relu(b, "features.5", x);
    x = b.global_avgpool("avgpool", x);
    x = b.flatten("flatten", x);
    x = b.fc("classifier", x, 1000, true, "");
    b.softmax("prob", x);
    return b.take();
}

// YOLOv3-tiny as Darknet's cfg/yolov3-tiny.cfg defines it (Redmon & Farhadi 2018): 416x416, 80
// classes (255 = 3 x 85 filters per head), BN + leaky ReLU (0.1) convs, a 13x13 and a 26x26 head,
// the neck upsampling x2 (nearest) and concatenating with layer 8. The YOLO decode layers are host
// work and not part of the trace; the two heads' outputs are the network's outputs.
Network zoo_yolov3_tiny() {
    NetBuilder b("yolov3_tiny", {3, 416, 416});
    auto conv = [&](int i, const std::string& in, int64_t f, int64_t k) {
        return b.conv(fmt::format("conv{}", i), in, f, k,
                      plain(1, (k - 1) / 2, true, "leaky_relu"));
    };
    auto x = conv(0, "input", 16, 3);
    std::string l8;
    int64_t filters = 32;
    for (int i = 1; i <= 9; i += 2) {
        x = b.maxpool(fmt::format("maxpool{}", i), x, 2, 2);
        x = conv(i + 1, x, i + 1 == 10 ? 512 : filters, 3);
        filters *= 2;
        if (i + 1 == 8) l8 = x;
    }
    Layer pool;  // Darknet's size-2 stride-1 max pool keeps 13x13: one padding row and column at
                 // the end
    pool.name = "maxpool11";
    pool.type = LayerType::kMaxPool;
    pool.inputs = {x};
    pool.kernel_h = pool.kernel_w = 2;
    pool.pad_bottom = pool.pad_right = 1;
    x = b.append(pool);
    x = conv(12, x, 1024, 3);
    const auto l13 = conv(13, x, 256, 1);
    x = conv(14, l13, 512, 3);
    b.conv("conv15", x, 255, 1, plain(1, 0, false, ""));  // head 1 (13x13), linear with bias
    x = conv(18, l13, 128, 1);
    x = b.upsample("upsample19", x, 2);
    x = b.concat("route20", {x, l8});
    x = conv(21, x, 256, 3);
    b.conv("conv22", x, 255, 1, plain(1, 0, false, ""));  // head 2 (26x26)
    return b.take();
}

// A small U-Net (Ronneberger et al. 2015 structure, edgesa's own sizes): 3x128x128 input, widths
// 16-32-64 with a 128 bottleneck, two same-padded 3x3 conv + BN + ReLU per level, 2x2 max pooling
// down; up: nearest x2 upsampling and a 3x3 conv halving the channels (instead of a transposed
// conv), concatenation with the skip, two 3x3 convs; a 1x1 conv to 2 classes.
Network zoo_unet_small() {
    NetBuilder b("unet_small", {3, 128, 128});
    auto twice = [&](const std::string& n, const std::string& in, int64_t c) {
        auto x = b.conv(n + ".conv1", in, c, 3, plain(1, 1, true, "relu"));
        return b.conv(n + ".conv2", x, c, 3, plain(1, 1, true, "relu"));
    };
    std::vector<std::string> skips;
    std::string x = "input";
    const int64_t widths[3] = {16, 32, 64};
    for (int i = 0; i < 3; ++i) {
        x = twice(fmt::format("down{}", i + 1), x, widths[i]);
        skips.push_back(x);
        x = b.maxpool(fmt::format("pool{}", i + 1), x, 2, 2);
    }
    x = twice("bottleneck", x, 128);
    for (int i = 2; i >= 0; --i) {
        const std::string n = fmt::format("up{}", i + 1);
        x = b.upsample(n + ".upsample", x, 2);
        x = b.conv(n + ".upconv", x, widths[i], 3, plain(1, 1, true, "relu"));
        x = b.concat(n + ".concat", {skips[size_t(i)], x});
        x = twice(n, x, widths[i]);
    }
    b.conv("head", x, 2, 1, plain(1, 0, false, ""));
    return b.take();
}

}  // namespace edgesa
