#include "summary.h"

#include <fmt/format.h>

namespace edgesa {
namespace {
std::string shape_str(const Shape& s) {
    return fmt::format("{}x{}x{}", s.c, s.h, s.w);
}
bool weighted(const Layer& l) {
    return l.type == LayerType::kConv2d || l.type == LayerType::kFc;
}
}  // namespace

nlohmann::ordered_json network_summary_json(const Network& n) {
    nlohmann::ordered_json j;
    j["name"] = n.name;
    j["input"] = {n.input.c, n.input.h, n.input.w};
    j["input_format"] = n.input_format.name();
    auto layers = nlohmann::ordered_json::array();
    uint64_t wbytes = 0, obytes = 0;
    for (const auto& l : n.layers) {
        nlohmann::ordered_json e;
        e["name"] = l.name;
        e["type"] = l.is_transfer() ? "transfer" : to_string(l.type);
        e["in"] = {l.in.c, l.in.h, l.in.w};
        e["out"] = {l.out.c, l.out.h, l.out.w};
        e["macs"] = layer_macs(l);
        e["weights"] = layer_weights(l);
        e["biases"] = layer_biases(l);
        e["weight_format"] = weighted(l) ? l.weight_format.name() : "";
        e["weight_bytes"] = weighted(l) ? layer_weight_bytes(l) : 0;
        e["out_format"] = l.out_format.name();
        e["out_bytes"] = layer_out_bytes(l);
        e["density"] = l.density;
        e["branch"] = l.branch;
        e["device"] = l.device;
        wbytes += weighted(l) ? layer_weight_bytes(l) : 0;
        obytes += layer_out_bytes(l);
        layers.push_back(e);
    }
    j["layers"] = layers;
    j["totals"] = {{"layers", n.layers.size()},
                   {"macs", network_macs(n)},
                   {"weights", network_weights(n)},
                   {"biases", network_biases(n)},
                   {"published_params", network_published_params(n)},
                   {"weight_bytes", wbytes},
                   {"out_bytes", obytes}};
    return j;
}

std::string network_summary_text(const Network& n) {
    std::string o = fmt::format("{}: input {} ({}), {} layers\n", n.name, shape_str(n.input),
                                n.input_format.name(), n.layers.size());
    o += fmt::format(
        "{:<28} {:<14} {:>14} {:>14} {:>14} {:>11} {:>12} {:>9} {:>11} {:>8} {:>6} {:>6}\n",
        "layer", "type", "in", "out", "MACs", "weights", "w.bytes", "w.format", "out.bytes",
        "density", "branch", "device");
    uint64_t wbytes = 0, obytes = 0;
    for (const auto& l : n.layers) {
        const uint64_t wb = weighted(l) ? layer_weight_bytes(l) : 0;
        wbytes += wb;
        obytes += layer_out_bytes(l);
        o += fmt::format(
            "{:<28} {:<14} {:>14} {:>14} {:>14} {:>11} {:>12} {:>9} {:>11} {:>8} {:>6} {:>6}\n",
            l.name, l.is_transfer() ? "transfer" : to_string(l.type), shape_str(l.in),
            shape_str(l.out), layer_macs(l), layer_weights(l), wb,
            weighted(l) ? l.weight_format.name() : "-", layer_out_bytes(l),
            fmt::format("{:.4g}", l.density),
            l.branch < 0 ? std::string("-") : std::to_string(l.branch), l.device);
    }
    o += fmt::format(
        "total: {} MACs, {} weights, {} biases, {} published params, {} weight bytes, {} "
        "activation bytes\n",
        network_macs(n), network_weights(n), network_biases(n), network_published_params(n), wbytes,
        obytes);
    return o;
}

}  // namespace edgesa
