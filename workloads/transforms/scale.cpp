// Width multiplier alpha and resolution res (docs/transforms.md "scale").
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/transforms.h"

namespace edgesa {

Network scale_network(const Network& src, double alpha, int64_t res) {
    const SourcePos cli{"<command line>", 0, 0};
    if (!(alpha > 0 && alpha <= 4))
        throw InputError(Diagnostic{cli, "--alpha", fmt::format("{}", alpha), "must be in (0, 4]"});
    if (res > 100000)
        throw InputError(Diagnostic{cli, "--res", std::to_string(res), "must be at most 100000"});
    Network n = src;
    if (res > 0) n.input.h = n.input.w = res;
    int cls = -1;
    for (size_t i = 0; i < n.layers.size(); ++i)
        if (n.layers[i].type == LayerType::kConv2d || n.layers[i].type == LayerType::kFc)
            cls = int(i);
    for (int i = 0; i < int(n.layers.size()); ++i) {
        Layer& l = n.layers[size_t(i)];
        std::vector<Shape> ins;
        for (const auto& in : l.inputs) ins.push_back(in == "input" ? n.input : n.find(in)->out);
        const bool dw =
            l.type == LayerType::kConv2d && l.groups > 1 && l.groups == l.in.c && l.out.c == l.in.c;
        if (i != cls && (l.type == LayerType::kConv2d || l.type == LayerType::kFc)) {
            if (dw) {
                l.groups = l.out.c = ins[0].c;
            } else {
                l.out.c = std::max<int64_t>(1, int64_t(std::floor(alpha * double(l.out.c) + 1e-9)));
                if (l.type == LayerType::kConv2d)
                    l.groups = std::gcd(l.groups, std::gcd(ins[0].c, l.out.c));
            }
            if (alpha != 1.0) l.weights_file.clear(), l.bias_file.clear();
        }
        std::string why;
        const Shape out = infer_output_shape(l, ins, &why);
        if (!why.empty()) throw InputError(Diagnostic{cli, "--alpha/--res", l.name, why});
        l.in = ins[0];
        l.out = out;
    }
    if (alpha != 1.0 && cls >= 0)
        n.layers[size_t(cls)].weights_file.clear(), n.layers[size_t(cls)].bias_file.clear();
    n.name = fmt::format("{}_a{}_r{}", src.name, alpha, n.input.h);
    return n;
}

}  // namespace edgesa
