// LCP split (seed 003 Alg. 3, rules reconstructed in seed note 003 §3.5).
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/transforms.h"

namespace edgesa {

Network split_lcp(const Network& src, int branches, double fatten, int devices) {
    const SourcePos cli{"<command line>", 0, 0};
    if (branches < 2 || branches > 1024)
        throw InputError(Diagnostic{cli, "--lcp", std::to_string(branches), "must be in 2..1024"});
    if (!(fatten >= 0 && fatten <= 10))
        throw InputError(
            Diagnostic{cli, "--fatten", fmt::format("{}", fatten), "must be in 0..10"});
    if (devices < 0)
        throw InputError(
            Diagnostic{cli, "--devices", std::to_string(devices), "must be at least 1"});
    // the classifier: the last conv2d or fc; it and everything after it stay single
    int cls = -1;
    for (size_t i = 0; i < src.layers.size(); ++i)
        if (src.layers[i].type == LayerType::kConv2d || src.layers[i].type == LayerType::kFc)
            cls = int(i);
    if (cls <= 0)
        throw InputError(Diagnostic{cli, "--lcp", src.name,
                                    "needs a network with a classifier after other layers"});
    const Layer& classifier = src.layers[size_t(cls)];
    if (classifier.inputs.size() != 1 || classifier.inputs[0] == "input")
        throw InputError(Diagnostic{cli, "--lcp", classifier.name,
                                    "the classifier must read one earlier layer"});
    auto width = [&](int64_t w) {
        if (fatten > 0)
            return std::max<int64_t>(1, std::llround(double(w) / branches * (1.0 + fatten)));
        return std::max<int64_t>(1, w / branches);
    };
    Network n;
    n.version = src.version;
    n.name = fmt::format("{}_lcp{}{}", src.name, branches,
                         fatten > 0 ? fmt::format("_f{}", std::lround(fatten * 100)) : "");
    n.input = src.input;
    n.input_format = src.input_format;
    auto bname = [](int b, const std::string& name) {
        return name == "input" ? name : fmt::format("b{}/{}", b, name);
    };
    for (int b = 0; b < branches; ++b) {
        for (int i = 0; i < cls; ++i) {
            Layer l = src.layers[size_t(i)];
            const bool dw = l.type == LayerType::kConv2d && l.groups > 1 && l.groups == l.in.c;
            for (auto& in : l.inputs) in = bname(b, in);
            l.name = bname(b, l.name);
            l.branch = b;
            l.device = devices > 0 ? b % devices : l.device;
            l.weights_file.clear();  // tensors do not survive a change of width
            l.bias_file.clear();
            // input channels as produced inside this branch
            int64_t in_c = l.inputs[0] == "input" ? n.input.c : n.find(l.inputs[0])->out.c;
            if (dw) {
                l.groups = l.out.c = in_c;
            } else if (l.type == LayerType::kConv2d) {
                l.out.c = width(l.out.c);
                l.groups = std::gcd(l.groups, std::gcd(in_c, l.out.c));
            } else if (l.type == LayerType::kFc) {
                l.out.c = width(l.out.c);
            }
            std::vector<Shape> ins;
            for (const auto& in : l.inputs)
                ins.push_back(in == "input" ? n.input : n.find(in)->out);
            std::string why;
            l.out = infer_output_shape(l, ins, &why);
            if (!why.empty()) throw InputError(Diagnostic{cli, "--lcp", l.name, why});
            l.in = ins[0];
            n.layers.push_back(std::move(l));
        }
    }
    Layer cat;
    cat.name = "lcp_concat";
    cat.type = LayerType::kConcat;
    for (int b = 0; b < branches; ++b) cat.inputs.push_back(bname(b, classifier.inputs[0]));
    cat.out_format = n.find(cat.inputs[0])->out_format;
    n.layers.push_back(cat);
    for (size_t i = size_t(cls); i < src.layers.size(); ++i) {
        Layer l = src.layers[i];
        for (auto& in : l.inputs)
            if (in == classifier.inputs[0]) in = "lcp_concat";
        if (i == size_t(cls)) l.weights_file.clear(), l.bias_file.clear();
        l.branch = -1;
        n.layers.push_back(std::move(l));
    }
    infer_shapes(n);
    return n;
}

}  // namespace edgesa
