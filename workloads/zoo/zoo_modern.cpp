// Networks with branches: SqueezeNet 1.0 and 1.1, GoogLeNet, ResNet-18/50/56, and MobileNet v1.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "zoo/net_builder.h"
#include "zoo/zoo.h"

namespace edgesa {
namespace {
using Opts = NetBuilder::ConvOpts;
Opts k(int64_t stride, int64_t pad, std::string act = "relu") {
    Opts o;
    o.stride = stride;
    o.pad = pad;
    o.activation = std::move(act);
    return o;
}
// A conv followed by a batch norm (folded: the BN becomes the conv's bias).
Opts bn(int64_t stride, int64_t pad, std::string act = "relu", int64_t groups = 1) {
    Opts o = k(stride, pad, std::move(act));
    o.bias = false;
    o.batch_norm = true;
    o.groups = groups;
    return o;
}

std::string fire(NetBuilder& b, const std::string& name, const std::string& in, int64_t s,
                 int64_t e1, int64_t e3) {
    auto sq = b.conv(name + "/squeeze1x1", in, s, 1, k(1, 0));
    auto a = b.conv(name + "/expand1x1", sq, e1, 1, k(1, 0));
    auto c = b.conv(name + "/expand3x3", sq, e3, 3, k(1, 1));
    return b.concat(name + "/concat", {a, c});
}

std::string inception(NetBuilder& b, const std::string& name, const std::string& in, int64_t c1,
                      int64_t r3, int64_t c3, int64_t r5, int64_t c5, int64_t pp) {
    auto a = b.conv(name + "/1x1", in, c1, 1, k(1, 0));
    auto r = b.conv(name + "/3x3_reduce", in, r3, 1, k(1, 0));
    auto c = b.conv(name + "/3x3", r, c3, 3, k(1, 1));
    auto r2 = b.conv(name + "/5x5_reduce", in, r5, 1, k(1, 0));
    auto d = b.conv(name + "/5x5", r2, c5, 5, k(1, 2));
    auto p = b.maxpool(name + "/pool", in, 3, 1, 1);
    auto e = b.conv(name + "/pool_proj", p, pp, 1, k(1, 0));
    return b.concat(name + "/output", {a, c, d, e});
}

// torchvision BasicBlock: 3x3 -> 3x3, projection (1x1 conv + BN) when the shape changes.
std::string basic_block(NetBuilder& b, const std::string& name, const std::string& in,
                        int64_t width, int64_t stride) {
    auto x = b.conv(name + ".conv1", in, width, 3, bn(stride, 1));
    x = b.conv(name + ".conv2", x, width, 3, bn(1, 1, ""));
    std::string sc = in;
    if (stride != 1 || b.shape_of(in).c != width)
        sc = b.conv(name + ".downsample", in, width, 1, bn(stride, 0, ""));
    auto s = b.add(name + ".add", {x, sc});
    return b.activation(name + ".relu", s, "relu");
}

// torchvision Bottleneck (v1.5: the stride sits on the 3x3 conv).
std::string bottleneck(NetBuilder& b, const std::string& name, const std::string& in, int64_t width,
                       int64_t stride) {
    auto x = b.conv(name + ".conv1", in, width, 1, bn(1, 0));
    x = b.conv(name + ".conv2", x, width, 3, bn(stride, 1));
    x = b.conv(name + ".conv3", x, width * 4, 1, bn(1, 0, ""));
    std::string sc = in;
    if (stride != 1 || b.shape_of(in).c != width * 4)
        sc = b.conv(name + ".downsample", in, width * 4, 1, bn(stride, 0, ""));
    auto s = b.add(name + ".add", {x, sc});
    return b.activation(name + ".relu", s, "relu");
}

Network imagenet_resnet(const std::string& name, bool bottlenecks, const int (&blocks)[4]) {
    NetBuilder b(name, {3, 224, 224});
    auto x = b.conv("conv1", "input", 64, 7, bn(2, 3));
    x = b.maxpool("maxpool", x, 3, 2, 1);
    const int64_t widths[4] = {64, 128, 256, 512};
    for (int s = 0; s < 4; ++s)
        for (int i = 0; i < blocks[s]; ++i) {
            const std::string n = fmt::format("layer{}.{}", s + 1, i);
            const int64_t stride = (s > 0 && i == 0) ? 2 : 1;
            x = bottlenecks ? bottleneck(b, n, x, widths[s], stride)
                            : basic_block(b, n, x, widths[s], stride);
        }
    x = b.global_avgpool("avgpool", x);
    x = b.fc("fc", x, 1000, true, "");
    b.softmax("prob", x);
    return b.take();
}
}  // namespace

namespace {
// SqueezeNet: conv1 and a ceil-mode max pool, fire2..fire9 with max pools after the listed ones,
// conv10, global average pooling.
Network squeezenet(const std::string& name, int64_t res, int64_t conv1_filters,
                   int64_t conv1_kernel, std::initializer_list<int> pool_after) {
    NetBuilder b(name, {3, res, res});
    auto x = b.conv("conv1", "input", conv1_filters, conv1_kernel, k(2, 0));
    x = b.maxpool("pool1", x, 3, 2, 0, true);
    const struct {
        int64_t s, e;
    } fires[8] = {{16, 64},  {16, 64},  {32, 128}, {32, 128},
                  {48, 192}, {48, 192}, {64, 256}, {64, 256}};
    for (int i = 2; i <= 9; ++i) {
        x = fire(b, fmt::format("fire{}", i), x, fires[i - 2].s, fires[i - 2].e, fires[i - 2].e);
        if (std::find(pool_after.begin(), pool_after.end(), i) != pool_after.end())
            x = b.maxpool(fmt::format("pool{}", i), x, 3, 2, 0, true);
    }
    x = b.conv("conv10", x, 1000, 1, k(1, 0));
    x = b.global_avgpool("pool10", x);
    x = b.flatten("flatten", x);
    b.softmax("prob", x);
    return b.take();
}
}  // namespace

// Iandola et al. 2016, SqueezeNet v1.0 (github.com/DeepScale/SqueezeNet, deploy.prototxt).
Network zoo_squeezenet1_0() {
    return squeezenet("squeezenet1_0", 227, 96, 7, {4, 8});
}

// torchvision squeezenet1_1 (SqueezeNet v1.1: a 3x3 conv1 of 64, earlier pooling), 3x224x224.
Network zoo_squeezenet1_1() {
    return squeezenet("squeezenet1_1", 224, 64, 3, {3, 5});
}

// Szegedy et al. 2015 Table 1 / Caffe bvlc_googlenet deploy.prototxt, main classifier only.
Network zoo_googlenet() {
    NetBuilder b("googlenet", {3, 224, 224});
    auto x = b.conv("conv1/7x7_s2", "input", 64, 7, k(2, 3));
    x = b.maxpool("pool1/3x3_s2", x, 3, 2, 0, true);
    x = b.conv("conv2/3x3_reduce", x, 64, 1, k(1, 0));
    x = b.conv("conv2/3x3", x, 192, 3, k(1, 1));
    x = b.maxpool("pool2/3x3_s2", x, 3, 2, 0, true);
    x = inception(b, "inception_3a", x, 64, 96, 128, 16, 32, 32);
    x = inception(b, "inception_3b", x, 128, 128, 192, 32, 96, 64);
    x = b.maxpool("pool3/3x3_s2", x, 3, 2, 0, true);
    x = inception(b, "inception_4a", x, 192, 96, 208, 16, 48, 64);
    x = inception(b, "inception_4b", x, 160, 112, 224, 24, 64, 64);
    x = inception(b, "inception_4c", x, 128, 128, 256, 24, 64, 64);
    x = inception(b, "inception_4d", x, 112, 144, 288, 32, 64, 64);
    x = inception(b, "inception_4e", x, 256, 160, 320, 32, 128, 128);
    x = b.maxpool("pool4/3x3_s2", x, 3, 2, 0, true);
    x = inception(b, "inception_5a", x, 256, 160, 320, 32, 128, 128);
    x = inception(b, "inception_5b", x, 384, 192, 384, 48, 128, 128);
    x = b.avgpool("pool5/7x7_s1", x, 7, 1);
    x = b.fc("loss3/classifier", x, 1000, true, "");
    b.softmax("prob", x);
    return b.take();
}

Network zoo_resnet18() {
    const int blocks[4] = {2, 2, 2, 2};
    return imagenet_resnet("resnet18", false, blocks);
}

Network zoo_resnet50() {
    const int blocks[4] = {3, 4, 6, 3};
    return imagenet_resnet("resnet50", true, blocks);
}

// He et al. 2016 §4.2 (6n+2, n = 9) as in Distiller's resnet_cifar.py: 1x1 conv + BN projections.
Network zoo_resnet56() {
    NetBuilder b("resnet56", {3, 32, 32});
    auto x = b.conv("conv1", "input", 16, 3, bn(1, 1));
    const int64_t widths[3] = {16, 32, 64};
    for (int s = 0; s < 3; ++s)
        for (int i = 0; i < 9; ++i)
            x = basic_block(b, fmt::format("layer{}.{}", s + 1, i), x, widths[s],
                            (s > 0 && i == 0) ? 2 : 1);
    x = b.global_avgpool("avgpool", x);
    x = b.fc("fc", x, 10, true, "");
    b.softmax("prob", x);
    return b.take();
}

// Howard et al. 2017 Table 1; channels are floor(alpha * c) as in the reference implementation
// (at least 1), input res x res.
Network zoo_mobilenet_v1(double alpha, int64_t res) {
    auto w = [&](int64_t c) {
        return std::max<int64_t>(1, int64_t(std::floor(alpha * double(c) + 1e-9)));
    };
    NetBuilder b(fmt::format("mobilenet_v1_{}_{}", alpha, res), {3, res, res});
    auto x = b.conv("conv1", "input", w(32), 3, bn(2, 1));
    const struct {
        int64_t c, s;
    } pw[13] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1},  {512, 2}, {512, 1},
                {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
    for (int i = 0; i < 13; ++i) {
        const int64_t cin = b.shape_of(x).c;
        x = b.conv(fmt::format("conv{}_dw", i + 2), x, cin, 3, bn(pw[i].s, 1, "relu", cin));
        x = b.conv(fmt::format("conv{}_pw", i + 2), x, w(pw[i].c), 1, bn(1, 0));
    }
    x = b.global_avgpool("avgpool", x);
    x = b.fc("fc", x, 1000, true, "");
    b.softmax("prob", x);
    return b.take();
}

}  // namespace edgesa
