// Zoo models against published counts. Each expected number names where it comes from; none is
// produced by the code under test.
#include <catch2/catch.hpp>

#include "zoo/zoo.h"

using namespace edgesa;

namespace {
int64_t macs_of(const Network& n, LayerType t) {
    int64_t s = 0;
    for (const auto& l : n.layers)
        if (l.type == t) s += layer_macs(l);
    return s;
}
}  // namespace

TEST_CASE("VGG-16 at 224x224 matches the published counts", "[golden][workloads]") {
    const Network n = zoo_build("vgg16");
    // seed 004 L448 "15346M ... 123M"; brief §1; Simonyan & Zisserman's 138M parameters
    CHECK(macs_of(n, LayerType::kConv2d) == 15346630656LL);
    CHECK(macs_of(n, LayerType::kFc) == 123633664LL);
    CHECK(network_weights(n) + network_biases(n) == 138357544LL);
}

TEST_CASE("ResNet-56 for CIFAR-10 matches Distiller's counts", "[golden][workloads]") {
    const Network n = zoo_build("resnet56");
    // Distiller resnet56_cifar_filter_rank_v2.yaml header (seed note 002 §2.3)
    CHECK(network_macs(n) == 125747840LL);
    CHECK(network_weights(n) == 851504LL);
    CHECK(n.layers.back().out.c == 10);
}

TEST_CASE("torchvision parameter counts of ResNet-18 and ResNet-50", "[golden][workloads]") {
    // torchvision model docs: resnet18 11,689,512 params, resnet50 25,557,032 (BN scale and shift
    // counted)
    CHECK(network_published_params(zoo_build("resnet18")) == 11689512LL);
    CHECK(network_published_params(zoo_build("resnet50")) == 25557032LL);
    // ResNet-18: 1.82 G multiply-adds (He et al. 2016 Table 1 says 1.8 GFLOPs, counting
    // multiply-adds)
    const int64_t r18 = network_macs(zoo_build("resnet18"));
    CHECK(r18 > 1800000000LL);
    CHECK(r18 < 1850000000LL);
}

TEST_CASE("AlexNet (Caffe bvlc_alexnet) has 60,965,224 parameters", "[golden][workloads]") {
    const Network n = zoo_build("alexnet");
    // bvlc_alexnet: per-layer weights+biases 34,944 + 307,456 + 885,120 + 663,936 + 442,624
    // + 37,752,832 + 16,781,312 + 4,097,000 (grouped conv2/4/5 halve their input channels)
    CHECK(network_weights(n) + network_biases(n) == 60965224LL);
    CHECK(n.find("conv2")->groups == 2);
    CHECK(n.find("conv1")->out == Shape{96, 55, 55});
    // hand arithmetic, 55*55*96*363 for conv1 ... (widely quoted ~724M MACs)
    CHECK(layer_macs(*n.find("conv1")) == 105415200LL);
    CHECK(network_macs(n) == 724406816LL);
}

TEST_CASE("SqueezeNet 1.0 has 1,248,424 parameters", "[golden][workloads]") {
    // torchvision squeezenet1_0 parameter count (resolution-independent)
    CHECK(network_weights(zoo_build("squeezenet1_0")) +
              network_biases(zoo_build("squeezenet1_0")) ==
          1248424LL);
}

TEST_CASE("LeNet-5 has 61,706 parameters and 416,520 MACs", "[golden][workloads]") {
    const Network n = zoo_build("lenet5");
    // 156 + 2,416 + 48,120 + 10,164 + 850 (LeCun 1998, full C3 table); seed 003 table "61.7k"
    CHECK(network_weights(n) + network_biases(n) == 61706LL);
    // 28*28*6*25 + 10*10*16*150 + 120*400 + 84*120 + 10*84 (seed note 003 "416,520")
    CHECK(network_macs(n) == 416520LL);
}

TEST_CASE("CIFAR-10 quick, NIN and ALL-CNN-C counts", "[golden][workloads]") {
    // cifar10_quick: 32*32*32*75 + 16*16*32*800 + 8*8*64*800 + 1024*64 + 64*10 (hand arithmetic)
    CHECK(network_macs(zoo_build("cifar10_quick")) == 12354176LL);
    // seed note 004 §: NIN-CIFAR10 222,486,528 MACs / 965,568 weights ("222M", "966K")
    const Network nin = zoo_build("nin_cifar10");
    CHECK(network_macs(nin) == 222486528LL);
    CHECK(network_weights(nin) == 965568LL);
    // seed note 004: ALL-CNN-C 281,174,016 MACs / 1,368,480 weights ("281M", "1.3M")
    const Network a = zoo_build("allcnn_c");
    CHECK(network_macs(a) == 281174016LL);
    CHECK(network_weights(a) == 1368480LL);
}

TEST_CASE("MobileNet v1 follows Howard et al. Table 6 / 7", "[golden][workloads]") {
    // 1.0 MobileNet-224: 569 million mult-adds, 4.2 million parameters (paper, rounded)
    const Network n = zoo_build("mobilenet_v1");
    CHECK(std::llabs(network_macs(n) - 569000000LL) < 500000LL);
    CHECK(std::llabs(network_published_params(n) - 4200000LL) < 50000LL);
    // 0.50 MobileNet-160: 76 M mult-adds, 1.32 M parameters
    const Network h = zoo_build("mobilenet_v1:alpha=0.5,res=160");
    CHECK(std::llabs(network_macs(h) - 76000000LL) < 1000000LL);
    CHECK(std::llabs(network_published_params(h) - 1320000LL) < 15000LL);
    CHECK(h.input == Shape{3, 160, 160});
    // 1.0 at 128: resolution changes MACs only (186 M in the paper), not parameters
    const Network r = zoo_build("mobilenet_v1:res=128");
    CHECK(network_weights(r) == network_weights(n));
    CHECK(std::llabs(network_macs(r) - 186000000LL) < 1000000LL);
}

TEST_CASE("zoo specs are checked", "[smoke][workloads]") {
    CHECK_THROWS_WITH(zoo_build("vgg61"), Catch::Contains("did you mean 'vgg16'"));
    CHECK_THROWS_WITH(zoo_build("mobilenet_v1:beta=2"), Catch::Contains("alpha"));
    CHECK_THROWS_WITH(zoo_build("mobilenet_v1:alpha=x"), Catch::Contains("must be a number"));
    CHECK_THROWS_WITH(zoo_build("vgg16:res=100"), Catch::Contains("takes no parameters"));
    CHECK(zoo_models().size() >= 13);
}
