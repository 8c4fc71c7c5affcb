// `edgesa verify` codes issue 16's layers for the generated RTL (scale_shift and mul on the
// act/pool lanes' multiplier, upsample as an identity activation, every activation function fused
// and standalone) and refuses what the top cannot run with a diagnostic naming the layer, before
// anything is built.
#include <catch2/catch.hpp>

#include "config/loader.h"
#include "diag/diagnostic.h"
#include "functional/functional_state.h"
#include "numerics/activation.h"
#include "rtl_run.h"
#include "zoo/net_builder.h"

using namespace edgesa;

TEST_CASE("make_layer_job runs scale_shift, mul and upsample and refuses a three-input add",
          "[verify]") {
    const AccelConfig cfg = load_config_text(
        "name: t\narray: {rows: 4, width: 4, buffer_depth: 2}\naccumulator: {depth: 16}\n",
        "t.yaml");
    NetBuilder b("n", {4, 4, 4});
    auto x = b.conv("conv", "input", 4, 1, {});
    x = b.scale_shift("ss", x);
    x = b.mul("m", x, "conv");
    x = b.upsample("up", x, 2);
    x = b.channel_shuffle("sh", x, 2);
    b.add("add3", {x, x, x});
    const Network net = b.take();
    const sim::Program prog = sim::Program::build(net, cfg);
    const sim::FunctionalState fn(net, prog, cfg);
    // Refused: an add of three inputs (the lanes fold two).
    const std::pair<int, const char*> refused[] = {{5, "add3.inputs = 3"}};
    for (const auto& [layer, what] : refused) {
        INFO(what);
        CHECK_THROWS_WITH(
            verify::make_layer_job(cfg, prog.layers[size_t(layer)], fn, 0x1000, 0x40000),
            Catch::Contains(what) && Catch::Contains("the generated RTL"));
    }
    // scale_shift, mul and upsample run on the act/pool lanes (pool_op 4 and 3, an identity
    // activation); the channel shuffle is an address remap of its consumer's image.
    const std::pair<int, uint32_t> pool_ops[] = {{1, 4}, {2, 3}, {3, 0}};
    for (const auto& [layer, op] : pool_ops) {
        INFO(layer);
        const auto job =
            verify::make_layer_job(cfg, prog.layers[size_t(layer)], fn, 0x1000, 0x40000);
        CHECK(job.desc.pool_op == op);
        CHECK(job.desc.pool_count == (op == 4 ? 3u : op == 3 ? 2u : 1u));
    }
}

TEST_CASE("make_layer_job codes every activation, fused and standalone", "[verify]") {
    const AccelConfig cfg = load_config_text(
        "name: t\narray: {rows: 4, width: 4, buffer_depth: 2}\naccumulator: {depth: 16}\n",
        "t.yaml");
    const char* const fns[] = {"relu",       "relu6",   "leaky_relu", "hard_sigmoid",
                               "hard_swish", "sigmoid", "silu",       "tanh"};
    NetBuilder b("n", {4, 4, 4});
    for (const char* f : fns) {
        NetBuilder::ConvOpts o;
        o.activation = f;
        const std::string c = b.conv(std::string("c_") + f, "input", 4, 1, o);
        b.activation(std::string("a_") + f, c, f);
    }
    const Network net = b.take();
    const sim::Program prog = sim::Program::build(net, cfg);
    const sim::FunctionalState fn(net, prog, cfg);
    uint32_t code = 1;  // relu 1 ... tanh 8, conv then activation layer
    for (size_t l = 0; l < prog.layers.size(); l += 2, ++code) {
        INFO(prog.layers[l].name);
        CHECK(verify::make_layer_job(cfg, prog.layers[l], fn, 0x1000, 0x40000).desc.act == code);
        CHECK(verify::make_layer_job(cfg, prog.layers[l + 1], fn, 0x1000, 0x40000).desc.act ==
              code);
    }
    CHECK(code == uint32_t(kActCodes));
}
