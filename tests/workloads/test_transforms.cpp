// Transforms against the published checks (seed notes 002 and 003) and their refusals.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../run_cli.h"
#include "diag/diagnostic.h"
#include "transforms/transforms.h"
#include "zoo/zoo.h"

using namespace edgesa;

namespace {
// Distiller's off-the-shelf ResNet-56 schedule (seed note 002 §2.2)
std::vector<LayerRule> resnet56_groups(double r1, double r2, double r31, double r32) {
    return {{"layer1.*.conv1", r1},
            {"layer2.1.conv1,layer2.2.conv1,layer2.3.conv1,layer2.4.conv1,layer2.6.conv1,layer2.7."
             "conv1",
             r2},
            {"layer3.1.conv1", r31},
            {"layer3.2.conv1,layer3.3.conv1,layer3.5.conv1,layer3.6.conv1,layer3.7.conv1,layer3.8."
             "conv1",
             r32}};
}
}  // namespace

TEST_CASE("ResNet-56 pruned with groups (0.7, 0.6, 0.2, 0.4) matches Distiller",
          "[golden][workloads]") {
    const Network n = zoo_build("resnet56");
    const Network p = prune_filters(n, WeightStore(1), resnet56_groups(0.7, 0.6, 0.2, 0.4));
    // resnet56_cifar_filter_rank_v2.yaml header: 67,797,632 MACs, 570,704 weights
    CHECK(network_macs(p) == 67797632LL);
    CHECK(network_weights(p) == 570704LL);
    // conv1 widths 5 / 13 / 52 / 39; conv2 loses the matching input channels
    CHECK(p.find("layer1.4.conv1")->out.c == 5);
    CHECK(p.find("layer1.4.conv2")->in.c == 5);
    CHECK(p.find("layer2.1.conv1")->out.c == 13);
    CHECK(p.find("layer2.5.conv1")->out.c == 32);  // not in any group
    CHECK(p.find("layer3.1.conv1")->out.c == 52);
    CHECK(p.find("layer3.8.conv1")->out.c == 39);
}

TEST_CASE("pruning keeps at least one filter and refuses layers feeding an add", "[workloads]") {
    const Network n = zoo_build("resnet56");
    const Network p = prune_filters(n, WeightStore(1), {{"layer1.0.conv1", 0.99}});
    CHECK(p.find("layer1.0.conv1")->out.c == 1);
    CHECK_THROWS_WITH(prune_filters(n, WeightStore(1), {{"layer1.0.conv2", 0.5}}),
                      Catch::Contains("layer1.0.add"));
    CHECK_THROWS_WITH(prune_filters(n, WeightStore(1), {{"layer9.*", 0.5}}),
                      Catch::Contains("matches no layer"));
    CHECK_THROWS_WITH(prune_filters(n, WeightStore(1), {{"layer1.0.conv1", 1.0}}),
                      Catch::Contains("[0, 1)"));
}

TEST_CASE("depthwise consumers follow a pruned pointwise conv", "[workloads]") {
    const Network n = zoo_build("mobilenet_v1");
    const Network p = prune_filters(n, WeightStore(1), {{"conv2_pw", 0.5}});
    CHECK(p.find("conv2_pw")->out.c == 32);
    CHECK(p.find("conv3_dw")->groups == 32);
    CHECK(p.find("conv3_pw")->in.c == 32);
}

TEST_CASE("LCP split of VGG-16 matches seed 003 Table 5.3", "[golden][workloads]") {
    const Network n = zoo_build("vgg16");
    const Network s8 = split_lcp(n, 8, 0.0, 0);
    // 2.01 G (seed 003 L1374); rule max(1, floor(w/8)), computed in seed note 003 §3.5 as 2.013 G
    CHECK(network_macs(s8) == Approx(2.013e9).epsilon(0.0005));
    const Network f40 = split_lcp(n, 8, 0.4, 0);
    CHECK(network_macs(f40) == Approx(3.871e9).epsilon(0.0005));  // 3.87 G (L1375)
    // first layer of each branch sees the full input; one classifier reads the concatenation
    CHECK(s8.find("b3/conv1_1")->in == Shape{3, 224, 224});
    CHECK(s8.find("b3/conv1_1")->out.c == 8);
    CHECK(s8.find("fc8")->in.c == 8 * 512);
    CHECK(s8.find("fc8")->out.c == 1000);
}

TEST_CASE("LCP split assigns branches and devices", "[workloads]") {
    const Network s = split_lcp(zoo_build("resnet18"), 4, 0.0, 2);
    CHECK(s.find("b0/conv1")->branch == 0);
    CHECK(s.find("b3/layer4.1.add")->branch == 3);
    CHECK(s.find("b3/conv1")->device == 1);
    CHECK(s.find("b2/conv1")->device == 0);
    CHECK(s.find("fc")->branch == -1);
    // LeNet-5 split 2 has 31.5k params (seed 003 table, rounded)
    const Network l2 = split_lcp(zoo_build("lenet5"), 2, 0.0, 0);
    CHECK(std::llabs(network_weights(l2) + network_biases(l2) - 31500) < 50);
}

TEST_CASE("sparsify changes density only", "[workloads]") {
    const Network n = zoo_build("alexnet");
    const Network s = sparsify(n, {{"fc*", 0.1}});
    CHECK(s.find("fc6")->density == Approx(0.1));
    CHECK(s.find("conv1")->density == 1.0);
    CHECK(network_macs(s) == network_macs(n));
}

TEST_CASE("compress with a fixed format and per tensor", "[workloads]") {
    const Network n = zoo_build("lenet5");
    CompressOptions o;
    std::string why;
    o.format = StorageFormat::parse("e4m3b7", &why);
    std::vector<CompressRow> rows;
    const Network c = compress(n, WeightStore(1), o, &rows);
    CHECK(c.find("c1")->weight_format.name() == "e4m3b7");
    REQUIRE(rows.size() == n.layers.size());
    CHECK(rows[0].weight_bytes_before == (156 * 32 + 7) / 8);
    CHECK(rows[0].weight_bytes_after == (156 * 8 + 7) / 8);
    CompressOptions per;
    per.coverage = 0.99;
    const Network d = compress(n, WeightStore(1), per, nullptr);
    CHECK(d.find("c1")->weight_format.is_custom_float());
    CHECK(d.find("c1")->out_format.is_custom_float());
    CHECK(d.find("c1")->weight_format.custom_float().man_bits == 3);
}

TEST_CASE("trace transforms from the CLI write no file on error", "[smoke][workloads]") {
    using namespace edgesa::test;
    const std::string dir = "/tmp/edgesa_wl_tr_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    REQUIRE(run_edgesa("trace zoo resnet56 -o " + dir + "/r.yaml").exit_code == 0);
    CliResult r = run_edgesa("trace prune " + dir + "/r.yaml -o " + dir +
                             "/p.yaml --ratio layer1.0.conv2=0.5");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("layer1.0.add") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/p.yaml"));
    r = run_edgesa("trace split " + dir + "/r.yaml -o " + dir + "/s.yaml --lcp 4 --devices 2");
    CHECK(r.exit_code == 0);
    r = run_edgesa("trace show " + dir + "/s.yaml");
    CHECK(r.out.find("b3/layer3.8.add") != std::string::npos);
    r = run_edgesa("trace compress " + dir + "/r.yaml -o " + dir + "/c.yaml --format e9m9b0");
    CHECK(r.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(dir + "/c.yaml"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("scale reproduces the zoo's MobileNet alpha and resolution", "[workloads]") {
    // MobileNet built at (0.5, 160) directly and scaled from (1.0, 224) must agree
    const Network scaled = scale_network(zoo_build("mobilenet_v1"), 0.5, 160);
    const Network direct = zoo_build("mobilenet_v1:alpha=0.5,res=160");
    CHECK(network_macs(scaled) == network_macs(direct));
    CHECK(network_weights(scaled) == network_weights(direct));
    CHECK_THROWS_WITH(scale_network(zoo_build("alexnet"), 1.0, 40),
                      Catch::Contains("empty output"));
}
