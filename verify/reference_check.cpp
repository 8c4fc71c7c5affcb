#include "reference_check.h"

#include <fmt/format.h>

#include "functional/functional_state.h"
#include "functional/value_codec.h"
#include "numerics/fp32.h"
#include "reference/reference.h"
#include "reference/weight_store.h"

namespace edgesa::verify {

std::optional<std::string> reference_difference(const Network& net, const AccelConfig& cfg,
                                                const Tensors& systemc,
                                                const std::vector<int>& layers) {
    ReferenceOptions o;
    o.width = int(cfg.array.width);
    o.fixed = cfg.derived.fixed_compute;
    o.fixed_dp = cfg.derived.fixed;
    o.rounding = cfg.derived.rounding;
    // The same seeded input and weights (or the trace's tensors) as the functional model.
    const uint64_t seed = sim::FunctionalState::kSeed;
    const auto ref =
        run_reference(net, seeded_input(net, seed), WeightStore::from_trace(net, seed), o);
    const sim::ValueCodec codec(cfg);
    for (int l : layers) {
        const Layer& L = net.layers[size_t(l)];
        const std::vector<float>& want = ref.at(L.name);
        const std::vector<int64_t>& got = systemc[size_t(l)];
        if (got.size() != want.size())
            return fmt::format("layer {}: {} SystemC outputs, the reference has {}", L.name,
                               got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            const float v = codec.decode_to_float(L.out_format, got[i]);
            if (fp32::bits(v) == fp32::bits(want[i])) continue;
            const int64_t hw = L.out.h * L.out.w;
            return fmt::format(
                "layer {} (reference): element {} (c={} h={} w={}): SystemC {} ({:#x}), "
                "reference {} ({:#x})",
                L.name, i, int64_t(i) / hw, int64_t(i) % hw / L.out.w, int64_t(i) % L.out.w, v,
                fp32::bits(v), want[i], fp32::bits(want[i]));
        }
    }
    return std::nullopt;
}

}  // namespace edgesa::verify
