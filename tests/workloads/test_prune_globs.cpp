// Prune --ratio selectors: shell globs (fnmatch) and the rule for two rules matching one layer.
#include <catch2/catch.hpp>

#include "diag/diagnostic.h"
#include "reference/weight_store.h"
#include "transforms/transforms.h"
#include "zoo/zoo.h"

using namespace edgesa;

TEST_CASE("layer selectors are shell globs", "[workloads]") {
    CHECK(glob_match("layer?.0.conv1", "layer3.0.conv1"));
    CHECK_FALSE(glob_match("layer?.0.conv1", "layer10.0.conv1"));
    CHECK(glob_match("layer[1-2].*.conv1", "layer2.1.conv1"));
    CHECK_FALSE(glob_match("layer[1-2].*.conv1", "layer3.1.conv1"));
    CHECK(glob_match("layer[!1].0.conv1", "layer4.0.conv1"));
    CHECK(glob_match("conv2/*", "conv2/3x3_reduce"));  // '*' crosses '/'
    CHECK(glob_match("a\\*b", "a*b"));
    CHECK_FALSE(glob_match("a\\*b", "axb"));
    const Network n = zoo_build("resnet18");
    CHECK(select_layers(n, "layer[1-2].?.conv1", "--ratio") ==
          std::vector<std::string>{"layer1.0.conv1", "layer1.1.conv1", "layer2.0.conv1",
                                   "layer2.1.conv1"});
    CHECK_THROWS_AS(select_layers(n, "layer[5-9].*", "--ratio"), InputError);
}

TEST_CASE("when two --ratio rules match one layer, the later one wins", "[workloads]") {
    const Network n = zoo_build("resnet18");
    const WeightStore ws;
    const Network p =
        prune_filters(n, ws, {{"layer1.*.conv1", 0.5}, {"layer1.0.conv1", 0.25}}, nullptr);
    CHECK(p.find("layer1.0.conv1")->out.c == 48);  // 64 - floor(0.25 * 64)
    CHECK(p.find("layer1.1.conv1")->out.c == 32);
    const Network q =
        prune_filters(n, ws, {{"layer1.0.conv1", 0.25}, {"layer1.*.conv1", 0.5}}, nullptr);
    CHECK(q.find("layer1.0.conv1")->out.c == 32);
}
