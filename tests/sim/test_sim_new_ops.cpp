// The layers and activations added for modern edge networks (issue 16) in the simulator: functional
// mode equals the workloads reference bit for bit, and timing mode runs them.
#include <catch2/catch.hpp>

#include "numerics/fp32.h"
#include "reference/reference.h"
#include "reference/weight_store.h"
#include "sim_fixtures.h"
#include "system/simulation.h"
#include "zoo/net_builder.h"

using namespace edgesa;

namespace {

// Every new op once: fused and standalone activations, scale_shift, a squeeze-excite mul,
// nearest upsampling, a channel shuffle, an equal-shape mul.
Network new_ops_net(const std::string& f) {
    NetBuilder b("new_ops", {4, 6, 6});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    o.activation = "hard_swish";
    auto x = b.conv("c1", "input", 8, 3, o);
    x = b.scale_shift("bn", x);
    x = b.activation("silu", x, "silu");
    auto g = b.global_avgpool("se_pool", x);
    NetBuilder::ConvOpts p;
    p.activation = "sigmoid";
    g = b.conv("se_fc", g, 8, 1, p);
    x = b.mul("se_mul", x, g);
    x = b.channel_shuffle("shuffle", x, 2);
    x = b.upsample("up", x, 2);
    auto t = b.activation("tanh", x, "tanh");
    auto h = b.activation("hsig", x, "hard_sigmoid");
    x = b.mul("gate", t, h);
    x = b.activation("leaky", x, "leaky_relu");
    p.activation = "relu6";
    p.stride = 2;
    x = b.conv("c2", x, 4, 3, p);
    b.fc("fc", x, 5, true, "");
    Network n = b.take();
    n.input_format = test::fmt(f);
    for (auto& l : n.layers) l.out_format = l.weight_format = test::fmt(f);
    return n;
}

void check(const AccelConfig& cfg, const Network& net) {
    const auto prog = sim::Program::build(net, cfg);
    sim::SimOptions opt;
    opt.functional = true;
    opt.max_cycles = 0;
    const auto r = sim::simulate(net, cfg, prog, opt);
    ReferenceOptions o;
    o.width = int(cfg.array.width);
    o.fixed = cfg.derived.fixed_compute;
    o.fixed_dp = cfg.derived.fixed;
    o.rounding = cfg.derived.rounding;
    const auto ref = run_reference(net, seeded_input(net, sim::FunctionalState::kSeed),
                                   WeightStore::from_trace(net, sim::FunctionalState::kSeed), o);
    CHECK(r.cycles > 0);
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& L = net.layers[i];
        INFO("layer " << L.name);
        const auto& expect = ref.at(L.name);
        REQUIRE(r.outputs[i].size() == expect.size());
        size_t mismatches = 0, nonzero = 0;
        for (size_t j = 0; j < expect.size(); ++j) {
            const int64_t code = r.outputs[i][j];
            const float got = L.out_format.is_fp32() ? fp32::from_bits(uint32_t(code))
                                                     : fixed_to_float(L.out_format.fixed(), code);
            mismatches += fp32::bits(got) != fp32::bits(expect[j]);
            nonzero += expect[j] != 0.0f;
        }
        CHECK(mismatches == 0);
        CHECK(nonzero > 0);
    }
}

}  // namespace

TEST_CASE("new ops: functional fp32 equals the reference bit for bit", "[golden]") {
    check(test::small_config(
              "array: {rows: 8, width: 8, buffer_depth: 2}\naccumulator: {depth: 32}\n"),
          new_ops_net("fp32"));
}

TEST_CASE("new ops: functional q3.13 equals the reference bit for bit", "[golden]") {
    check(
        test::small_config("array: {rows: 8, width: 4, buffer_depth: 1}\naccumulator: {depth: 16}\n"
                           "compute: {type: q3.13, product_bits: 32, accumulator_bits: 32}\n"),
        new_ops_net("q3.13"));
}
