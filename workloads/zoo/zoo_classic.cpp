// Plain chains: LeNet-5, cifar10_quick, NIN (CIFAR-10 and ImageNet), AlexNet, VGG-16, ALL-CNN-C.
// Layer sizes follow each model's published definition (docs/models.md names the source).
#include "zoo/net_builder.h"
#include "zoo/zoo.h"

namespace edgesa {
namespace {
using Opts = NetBuilder::ConvOpts;
Opts k(int64_t stride, int64_t pad, int64_t groups = 1, std::string act = "relu") {
    Opts o;
    o.stride = stride;
    o.pad = pad;
    o.groups = groups;
    o.activation = std::move(act);
    return o;
}
}  // namespace

// LeCun et al. 1998: C1 6@5x5, S2, C3 16@5x5 (full connection table), S4, C5 120@5x5, F6 84, 10.
Network zoo_lenet5() {
    NetBuilder b("lenet5", {1, 32, 32});
    auto x = b.conv("c1", "input", 6, 5, k(1, 0));
    x = b.maxpool("s2", x, 2, 2);
    x = b.conv("c3", x, 16, 5, k(1, 0));
    x = b.maxpool("s4", x, 2, 2);
    x = b.conv("c5", x, 120, 5, k(1, 0));
    x = b.fc("f6", x, 84);
    x = b.fc("output", x, 10, true, "");
    b.softmax("prob", x);
    return b.take();
}

// Caffe examples/cifar10/cifar10_quick_train_test.prototxt.
Network zoo_cifar10_quick() {
    NetBuilder b("cifar10_quick", {3, 32, 32});
    auto x = b.conv("conv1", "input", 32, 5, k(1, 2, 1, ""));
    x = b.maxpool("pool1", x, 3, 2, 0, true);
    x = b.activation("relu1", x, "relu");
    x = b.conv("conv2", x, 32, 5, k(1, 2));
    x = b.avgpool("pool2", x, 3, 2, 0, true);
    x = b.conv("conv3", x, 64, 5, k(1, 2));
    x = b.avgpool("pool3", x, 3, 2, 0, true);
    x = b.fc("ip1", x, 64, true, "");
    x = b.fc("ip2", x, 10, true, "");
    b.softmax("prob", x);
    return b.take();
}

// Lin et al. 2014, Caffe model zoo "NIN CIFAR-10" (dropout omitted: identity at inference).
Network zoo_nin_cifar10() {
    NetBuilder b("nin_cifar10", {3, 32, 32});
    auto x = b.conv("conv1", "input", 192, 5, k(1, 2));
    x = b.conv("cccp1", x, 160, 1, k(1, 0));
    x = b.conv("cccp2", x, 96, 1, k(1, 0));
    x = b.maxpool("pool1", x, 3, 2, 0, true);
    x = b.conv("conv2", x, 192, 5, k(1, 2));
    x = b.conv("cccp3", x, 192, 1, k(1, 0));
    x = b.conv("cccp4", x, 192, 1, k(1, 0));
    x = b.avgpool("pool2", x, 3, 2, 0, true);
    x = b.conv("conv3", x, 192, 3, k(1, 1));
    x = b.conv("cccp5", x, 192, 1, k(1, 0));
    x = b.conv("cccp6", x, 10, 1, k(1, 0));
    x = b.global_avgpool("pool3", x);
    x = b.flatten("flatten", x);
    b.softmax("prob", x);
    return b.take();
}

// Caffe model zoo "NIN ImageNet" (nin_imagenet.caffemodel), 4 mlpconv blocks, 6x6 average pool.
Network zoo_nin_imagenet() {
    NetBuilder b("nin_imagenet", {3, 224, 224});
    auto x = b.conv("conv1", "input", 96, 11, k(4, 0));
    x = b.conv("cccp1", x, 96, 1, k(1, 0));
    x = b.conv("cccp2", x, 96, 1, k(1, 0));
    x = b.maxpool("pool0", x, 3, 2, 0, true);
    x = b.conv("conv2", x, 256, 5, k(1, 2));
    x = b.conv("cccp3", x, 256, 1, k(1, 0));
    x = b.conv("cccp4", x, 256, 1, k(1, 0));
    x = b.maxpool("pool2", x, 3, 2, 0, true);
    x = b.conv("conv3", x, 384, 3, k(1, 1));
    x = b.conv("cccp5", x, 384, 1, k(1, 0));
    x = b.conv("cccp6", x, 384, 1, k(1, 0));
    x = b.maxpool("pool3", x, 3, 2, 0, true);
    x = b.conv("conv4_1024", x, 1024, 3, k(1, 1));
    x = b.conv("cccp7_1024", x, 1024, 1, k(1, 0));
    x = b.conv("cccp8_1024", x, 1000, 1, k(1, 0));
    x = b.avgpool("pool4", x, 6, 1, 0, true);
    x = b.flatten("flatten", x);
    b.softmax("prob", x);
    return b.take();
}

// Caffe models/bvlc_alexnet/deploy.prototxt; LRN layers are left out (no MACs, see docs/models.md).
Network zoo_alexnet() {
    NetBuilder b("alexnet", {3, 227, 227});
    auto x = b.conv("conv1", "input", 96, 11, k(4, 0));
    x = b.maxpool("pool1", x, 3, 2, 0, true);
    x = b.conv("conv2", x, 256, 5, k(1, 2, 2));
    x = b.maxpool("pool2", x, 3, 2, 0, true);
    x = b.conv("conv3", x, 384, 3, k(1, 1));
    x = b.conv("conv4", x, 384, 3, k(1, 1, 2));
    x = b.conv("conv5", x, 256, 3, k(1, 1, 2));
    x = b.maxpool("pool5", x, 3, 2, 0, true);
    x = b.fc("fc6", x, 4096);
    x = b.fc("fc7", x, 4096);
    x = b.fc("fc8", x, 1000, true, "");
    b.softmax("prob", x);
    return b.take();
}

// Simonyan & Zisserman 2015, configuration D.
Network zoo_vgg16() {
    NetBuilder b("vgg16", {3, 224, 224});
    std::string x = "input";
    const int64_t widths[5] = {64, 128, 256, 512, 512};
    const int convs[5] = {2, 2, 3, 3, 3};
    for (int s = 0; s < 5; ++s) {
        for (int i = 0; i < convs[s]; ++i)
            x = b.conv("conv" + std::to_string(s + 1) + "_" + std::to_string(i + 1), x, widths[s],
                       3, k(1, 1));
        x = b.maxpool("pool" + std::to_string(s + 1), x, 2, 2);
    }
    x = b.fc("fc6", x, 4096);
    x = b.fc("fc7", x, 4096);
    x = b.fc("fc8", x, 1000, true, "");
    b.softmax("prob", x);
    return b.take();
}

// Springenberg et al. 2015, model C with same padding throughout (maps 32/32/16/16/16/8/8/8/8).
Network zoo_allcnn_c() {
    NetBuilder b("allcnn_c", {3, 32, 32});
    auto x = b.conv("conv1", "input", 96, 3, k(1, 1));
    x = b.conv("conv2", x, 96, 3, k(1, 1));
    x = b.conv("conv3", x, 96, 3, k(2, 1));
    x = b.conv("conv4", x, 192, 3, k(1, 1));
    x = b.conv("conv5", x, 192, 3, k(1, 1));
    x = b.conv("conv6", x, 192, 3, k(2, 1));
    x = b.conv("conv7", x, 192, 3, k(1, 1));
    x = b.conv("conv8", x, 192, 1, k(1, 0));
    x = b.conv("conv9", x, 10, 1, k(1, 0));
    x = b.global_avgpool("pool", x);
    x = b.flatten("flatten", x);
    b.softmax("prob", x);
    return b.take();
}

}  // namespace edgesa
