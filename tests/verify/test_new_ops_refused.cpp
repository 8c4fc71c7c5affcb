// `edgesa verify` refuses the layers the generated RTL does not implement yet (issue 16's new ops)
// with a diagnostic naming the layer, before anything is built (docs/numerics.md, "Not in the RTL
// yet").
#include <catch2/catch.hpp>

#include "config/loader.h"
#include "diag/diagnostic.h"
#include "functional/functional_state.h"
#include "rtl_run.h"
#include "zoo/net_builder.h"

using namespace edgesa;

TEST_CASE("make_layer_job refuses the new ops and activations", "[verify]") {
    const AccelConfig cfg = load_config_text(
        "name: t\narray: {rows: 4, width: 4, buffer_depth: 2}\naccumulator: {depth: 16}\n",
        "t.yaml");
    NetBuilder b("n", {4, 4, 4});
    NetBuilder::ConvOpts o;
    o.activation = "hard_swish";
    auto x = b.conv("conv_hswish", "input", 4, 1, o);
    x = b.activation("sig", x, "sigmoid");
    x = b.scale_shift("ss", x);
    x = b.mul("m", x, "sig");
    x = b.upsample("up", x, 2);
    b.channel_shuffle("sh", x, 2);
    const Network net = b.take();
    const sim::Program prog = sim::Program::build(net, cfg);
    const sim::FunctionalState fn(net, prog, cfg);
    const std::pair<int, const char*> refused[] = {{0, "conv_hswish.activation = hard_swish"},
                                                   {1, "sig.type = activation sigmoid"}};
    for (const auto& [layer, what] : refused) {
        INFO(what);
        CHECK_THROWS_WITH(
            verify::make_layer_job(cfg, prog.layers[size_t(layer)], fn, 0x1000, 0x40000),
            Catch::Contains(what) && Catch::Contains("the generated RTL"));
    }
    // scale_shift, mul and upsample run on the act/pool lanes (pool_op 4 and 3, an identity
    // activation); the channel shuffle is an address remap of its consumer's image.
    const std::pair<int, uint32_t> pool_ops[] = {{2, 4}, {3, 3}, {4, 0}};
    for (const auto& [layer, op] : pool_ops) {
        INFO(layer);
        const auto job =
            verify::make_layer_job(cfg, prog.layers[size_t(layer)], fn, 0x1000, 0x40000);
        CHECK(job.desc.pool_op == op);
        CHECK(job.desc.pool_count == (op == 4 ? 3u : op == 3 ? 2u : 1u));
    }
}
