#include "actpool/act_pool_unit.h"

#include <string>

namespace edgesa::sim {

ActPoolUnit::ActPoolUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                         Channel<Beat>& in, Channel<Beat>& out)
    : sc_module(name),
      ctx_(ctx),
      in_(in),
      out_(out),
      bank_(int(ctx.cfg.act_pool.lanes), int(ctx.cfg.act_pool.stages),
            std::max<int>(
                2, int(ctx.cfg.fifo.result_depth / std::max<int64_t>(1, ctx.cfg.act_pool.lanes))),
            {[](const Beat& b) { return b.values; }, [](const Beat&) { return 0u; },
             [this](Beat& b) { transform(b); }, [](const Beat& b) { return b.values == 0; }}) {
    values_ = &ctx.stats.add("dev" + std::to_string(device) + ".act_pool.values", "values",
                             "Values through the activation and pooling unit");
}

// A pass vector of a window-gathered image (docs/architecture.md, "Pass layers") is value j of
// the windows of one output group: the lanes fold pool_count of them, and the last one carries the
// group's outputs out; the others end in the bank (`drop`). Activation layers: count 1.
void ActPoolUnit::transform(Beat& b) {
    ctx_.layer_stats[b.layer].act_pool_values += b.values;
    *values_ += b.values;
    const LayerProgram& lp = ctx_.prog.layers[b.layer];
    if (!b.pass) {
        if (ctx_.fn && b.payload) {  // bias, activation, requantisation, then the stored code
            const Layer& L = ctx_.net.layers[b.layer];
            Payload& p = ctx_.fn->at(b.payload);
            const auto& bias = ctx_.fn->biases[b.layer];
            const uint64_t n_per_channel = uint64_t(L.out.h * L.out.w);
            for (size_t i = 0; i < p.values.size(); ++i) {
                const uint64_t k = p.index[i] / n_per_channel;
                p.values[i] =
                    ctx_.fn->codec().finish(p.values[i], L.has_bias, L.weight_format,
                                            L.has_bias ? bias[k] : 0, L.activation, L.out_format);
            }
        }
        return;
    }
    if (ctx_.fn && b.layer_last) ctx_.fn->compute_direct(int(b.layer));
    uint32_t& seen = window_pos_[b.layer];
    if (++seen < lp.pool_count)
        b.values = 0;  // not the window's last value: nothing out yet
    else
        seen = 0;
    b.pass = false;
}

void ActPoolUnit::tick() {
    if (auto b = bank_.edge(in_, out_))
        LayerProbe::mark(ctx_.probes[b->layer].first_act_out, ctx_.now);
}

}  // namespace edgesa::sim
