// Smoke tests: the model runs single layers and small networks to completion.
#include <catch2/catch.hpp>

#include "sim_fixtures.h"
#include "system/simulation.h"

using namespace edgesa;

TEST_CASE("a single conv layer runs to completion", "[smoke]") {
    const AccelConfig cfg = test::small_config("array: {rows: 8, width: 8, buffer_depth: 2}\n");
    const Network net = test::one_layer(test::conv("c1", "input", {16, 8, 8}, 16, 3, 1, 1));
    const auto prog = sim::Program::build(net, cfg);
    sim::SimOptions opt;
    opt.max_cycles = 1000000;
    const auto r = sim::simulate(net, cfg, prog, opt);
    REQUIRE(r.completed);
    CHECK(r.cycles > 0);
    CHECK(r.layers[0].stream_issues > 0);
}
