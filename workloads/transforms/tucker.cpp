// Tucker-2 decomposition of convolutions (Kim et al. 2016, "Compression of Deep Convolutional
// Neural Networks for Fast and Low Power Mobile Applications"): a k x k conv C -> K becomes
// 1x1 (C -> R1), k x k (R1 -> R2, the original stride, padding and dilation), 1x1 (R2 -> K).
// Factors by HOSVD of the weight tensor (docs/transforms.md, "tucker").
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/sym_eigen.h"
#include "transforms/transforms.h"

namespace edgesa {
namespace {

const SourcePos kCli{"<command line>", 0, 0};

// A rank: a fraction in (0, 1) of `full` (rounded, at least 1) or an integer 1..full.
int64_t rank_of(double v, int64_t full, const char* option, const Layer& l, const char* what) {
    int64_t r = 0;
    if (v > 0 && v < 1) {
        r = std::max<int64_t>(1, std::llround(v * double(full)));
    } else if (v >= 1 && v == std::floor(v)) {
        r = int64_t(v);
    } else {
        throw InputError(
            Diagnostic{kCli, option, fmt::format("{}", v),
                       "must be a fraction in (0, 1) or an integer rank of at least 1"});
    }
    if (r > full)
        throw InputError(
            Diagnostic{kCli, option, fmt::format("{}", v),
                       fmt::format("rank {} exceeds the {} {} of {}", r, full, what, l.name)});
    return r;
}

// The leading `r` eigenvectors (n x r, row-major) of the Gram matrix of the mode-`mode` unfolding
// of W [K][C][S] (mode 0: rows k, mode 1: rows c).
std::vector<double> leading_factors(const std::vector<float>& w, int64_t K, int64_t C, int64_t S,
                                    int mode, int64_t r) {
    const int64_t n = mode == 0 ? K : C;
    std::vector<double> g(size_t(n * n), 0.0);
    auto at = [&](int64_t k, int64_t c, int64_t s) {
        return double(w[size_t((k * C + c) * S + s)]);
    };
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i; j < n; ++j) {
            double sum = 0;
            if (mode == 0) {
                for (int64_t c = 0; c < C; ++c)
                    for (int64_t s = 0; s < S; ++s) sum += at(i, c, s) * at(j, c, s);
            } else {
                for (int64_t k = 0; k < K; ++k)
                    for (int64_t s = 0; s < S; ++s) sum += at(k, i, s) * at(k, j, s);
            }
            g[size_t(i * n + j)] = g[size_t(j * n + i)] = sum;
        }
    const SymEigen e = sym_eigen(std::move(g), n);
    std::vector<double> u(size_t(n * r));
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < r; ++j) u[size_t(i * r + j)] = e.vectors[size_t(i * n + j)];
    return u;
}

}  // namespace

Network tucker(const Network& src, const WeightStore& ws, const TuckerOptions& o,
               WeightStore* tensors) {
    std::vector<std::string> chosen;
    if (o.layers.empty()) {
        for (const auto& l : src.layers)
            if (l.type == LayerType::kConv2d && l.groups == 1 && l.kernel_h * l.kernel_w > 1)
                chosen.push_back(l.name);
        if (chosen.empty())
            throw InputError(Diagnostic{kCli, "--layers", src.name,
                                        "the network has no ungrouped k x k conv (k > 1)"});
    } else {
        chosen = select_layers(src, o.layers, "--layers");
    }
    Network n;
    n.version = src.version;
    n.name = src.name + "_tucker";
    n.input = src.input;
    n.input_format = src.input_format;
    for (const auto& l : src.layers) {
        const bool pick = std::find(chosen.begin(), chosen.end(), l.name) != chosen.end();
        if (!pick) {
            if (tensors && (l.type == LayerType::kConv2d || l.type == LayerType::kFc))
                tensors->set(l.name, ws.weights(l), ws.biases(l));
            n.layers.push_back(l);
            continue;
        }
        if (l.type != LayerType::kConv2d || l.groups != 1)
            throw InputError(
                Diagnostic{kCli, "--layers", l.name,
                           "Tucker decomposition applies to ungrouped conv2d layers only"});
        const int64_t C = l.in.c, K = l.out.c, S = l.kernel_h * l.kernel_w;
        const int64_t r1 = rank_of(o.rank_in, C, "--rank-in", l, "input channels");
        const int64_t r2 = rank_of(o.rank_out, K, "--rank-out", l, "output channels");
        Layer first = l, core = l, last = l;
        first.name = l.name + "/t_in";
        first.out.c = r1;
        first.kernel_h = first.kernel_w = first.stride_h = first.stride_w = first.dilation_h =
            first.dilation_w = 1;
        first.pad_top = first.pad_left = first.pad_bottom = first.pad_right = 0;
        first.has_bias = first.batch_norm = false;
        first.activation.clear();
        first.weights_file.clear(), first.bias_file.clear();
        core.name = l.name + "/t_core";
        core.inputs = {first.name};
        core.out.c = r2;
        core.has_bias = core.batch_norm = false;
        core.activation.clear();
        core.weights_file.clear(), core.bias_file.clear();
        last.inputs = {core.name};
        last.kernel_h = last.kernel_w = last.stride_h = last.stride_w = last.dilation_h =
            last.dilation_w = 1;
        last.pad_top = last.pad_left = last.pad_bottom = last.pad_right = 0;
        last.weights_file.clear(), last.bias_file.clear();
        if (tensors) {
            const auto& w = ws.weights(l);
            const std::vector<double> uo = leading_factors(w, K, C, S, 0, r2);  // K x r2
            const std::vector<double> ui = leading_factors(w, K, C, S, 1, r1);  // C x r1
            std::vector<float> wf(size_t(r1 * C)), wc(size_t(r2 * r1 * S)), wl(size_t(K * r2));
            for (int64_t a = 0; a < r1; ++a)
                for (int64_t c = 0; c < C; ++c)
                    wf[size_t(a * C + c)] = float(ui[size_t(c * r1 + a)]);
            // core = W x_0 Uo^T x_1 Ui^T, through T[k][a][s] = sum_c Ui[c][a] W[k][c][s]
            std::vector<double> t(size_t(K * r1 * S), 0.0);
            for (int64_t k = 0; k < K; ++k)
                for (int64_t c = 0; c < C; ++c)
                    for (int64_t a = 0; a < r1; ++a) {
                        const double u = ui[size_t(c * r1 + a)];
                        for (int64_t s = 0; s < S; ++s)
                            t[size_t((k * r1 + a) * S + s)] +=
                                u * double(w[size_t((k * C + c) * S + s)]);
                    }
            for (int64_t b = 0; b < r2; ++b)
                for (int64_t a = 0; a < r1; ++a)
                    for (int64_t s = 0; s < S; ++s) {
                        double sum = 0;
                        for (int64_t k = 0; k < K; ++k)
                            sum += uo[size_t(k * r2 + b)] * t[size_t((k * r1 + a) * S + s)];
                        wc[size_t((b * r1 + a) * S + s)] = float(sum);
                    }
            for (int64_t k = 0; k < K; ++k)
                for (int64_t b = 0; b < r2; ++b)
                    wl[size_t(k * r2 + b)] = float(uo[size_t(k * r2 + b)]);
            tensors->set(first.name, std::move(wf), {});
            tensors->set(core.name, std::move(wc), {});
            tensors->set(last.name, std::move(wl), ws.biases(l));
        }
        n.layers.push_back(std::move(first));
        n.layers.push_back(std::move(core));
        n.layers.push_back(std::move(last));
    }
    infer_shapes(n);
    return n;
}

}  // namespace edgesa
