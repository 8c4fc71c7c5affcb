// Per-tensor storage formats (docs/transforms.md "compress").
#include "numerics/format_chooser.h"
#include "reference/reference.h"
#include "transforms/transforms.h"

namespace edgesa {

Network compress(const Network& src, const WeightStore& ws, const CompressOptions& o,
                 std::vector<CompressRow>* report) {
    Network n = src;
    std::vector<ExponentHistogram> acts(n.layers.size());
    if (o.activations && !o.format) {
        for (int s = 0; s < o.samples; ++s) {
            ReferenceOptions ro;  // fp32 compute, formats of the source trace
            const auto out = run_reference(src, seeded_input(src, o.seed + uint64_t(s)), ws, ro);
            for (size_t i = 0; i < n.layers.size(); ++i)
                for (float v : out.at(n.layers[i].name)) acts[i].add(v);
        }
    }
    for (size_t i = 0; i < n.layers.size(); ++i) {
        Layer& l = n.layers[i];
        const bool weighted = l.type == LayerType::kConv2d || l.type == LayerType::kFc;
        CompressRow row;
        row.layer = l.name;
        row.weight_bytes_before = weighted ? layer_weight_bytes(l) : 0;
        row.out_bytes_before = layer_out_bytes(l);
        if (weighted && o.weights) {
            if (o.format) {
                l.weight_format = *o.format;
            } else {
                ExponentHistogram h;
                for (float v : ws.weights(l)) h.add(v);
                for (float v : ws.biases(l)) h.add(v);
                l.weight_format = choose_format(h, o.coverage, o.mantissa).format;
            }
        }
        if (o.activations)
            l.out_format =
                o.format ? *o.format
                         : StorageFormat(choose_format(acts[i], o.coverage, o.mantissa).format);
        row.weight_bytes_after = weighted ? layer_weight_bytes(l) : 0;
        row.out_bytes_after = layer_out_bytes(l);
        row.weight_format = weighted ? l.weight_format.name() : "-";
        row.out_format = l.out_format.name();
        if (report) report->push_back(row);
    }
    return n;
}

}  // namespace edgesa
