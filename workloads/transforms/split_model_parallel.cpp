// Model-parallel split over N devices (docs/transforms.md, "split --model-parallel"): each selected
// conv/fc becomes N partial layers, one per device, whose results an explicit concat or add gathers
// on device 0; every tensor crossing devices is an explicit `transfer` layer on the receiver.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/transforms.h"

namespace edgesa {
namespace {

const SourcePos kCli{"<command line>", 0, 0};

// Part p of n items over N parts: [floor(p*n/N), floor((p+1)*n/N)).
int64_t part_lo(int64_t n, int p, int N) {
    return int64_t(p) * n / N;
}

// Rows [k0, k1) of a row-major matrix with `cols` columns, columns [a, b) of each.
std::vector<float> submatrix(const std::vector<float>& m, int64_t cols, int64_t k0, int64_t k1,
                             int64_t a, int64_t b) {
    std::vector<float> out;
    out.reserve(size_t((k1 - k0) * (b - a)));
    for (int64_t k = k0; k < k1; ++k)
        out.insert(out.end(), m.begin() + long(k * cols + a), m.begin() + long(k * cols + b));
    return out;
}

class Splitter {
  public:
    Splitter(const Network& src, const WeightStore& ws, const ModelParallelOptions& o,
             WeightStore* tensors)
        : src_(src), ws_(ws), o_(o), tensors_(tensors) {}

    Network run() {
        const int N = o_.devices;
        if (N < 2 || N > 1024)
            throw InputError(
                Diagnostic{kCli, "--model-parallel", std::to_string(N), "must be in 2..1024"});
        std::vector<std::string> chosen;
        if (o_.layers.empty()) {  // every conv/fc the mode can split over N; the rest stays whole
            for (const auto& l : src_.layers)
                if ((l.type == LayerType::kConv2d || l.type == LayerType::kFc) &&
                    refusal(l).empty())
                    chosen.push_back(l.name);
        } else {
            chosen = select_layers(src_, o_.layers, "--layers");
            for (const auto& name : chosen) {
                const Layer& l = *src_.find(name);
                const std::string why = refusal(l);
                if (!why.empty()) throw InputError(Diagnostic{kCli, option(l), mode_name(l), why});
            }
        }
        n_.version = 2;
        n_.name = fmt::format("{}_mp{}", src_.name, N);
        n_.input = src_.input;
        n_.input_format = src_.input_format;
        for (const auto& l : src_.layers) {
            if (std::find(chosen.begin(), chosen.end(), l.name) == chosen.end())
                keep(l);
            else if (l.type == LayerType::kConv2d && o_.conv == ConvSplit::kSpatial)
                split_rows(l);
            else if ((l.type == LayerType::kConv2d ? o_.conv == ConvSplit::kIn
                                                   : o_.fc == FcSplit::kIn))
                split_inputs(l);
            else
                split_outputs(l);
        }
        infer_shapes(n_);
        return std::move(n_);
    }

  private:
    const Network& src_;
    const WeightStore& ws_;
    const ModelParallelOptions& o_;
    WeightStore* tensors_;
    Network n_;
    std::map<std::pair<std::string, int>, std::string>
        moved_;  // (tensor, device) -> its copy there

    const char* option(const Layer& l) const {
        return l.type == LayerType::kConv2d ? "--conv-mode" : "--fc-mode";
    }

    const char* mode_name(const Layer& l) const {
        if (l.type == LayerType::kFc) return o_.fc == FcSplit::kIn ? "in" : "out";
        return o_.conv == ConvSplit::kIn        ? "in"
               : o_.conv == ConvSplit::kSpatial ? "spatial"
                                                : "out";
    }

    // Why `l` cannot be split over N devices in its mode ("" when it can).
    std::string refusal(const Layer& l) const {
        const int N = o_.devices;
        if (l.type != LayerType::kConv2d && l.type != LayerType::kFc)
            return fmt::format("{} is a {} layer; only conv2d and fc layers split", l.name,
                               to_string(l.type));
        const bool conv = l.type == LayerType::kConv2d;
        const int64_t g = conv ? l.groups : 1;
        auto fewer = [&](int64_t dim, const char* what) {
            return fmt::format("{} has {} {}, fewer than the {} devices", l.name, dim, what, N);
        };
        if (conv && o_.conv == ConvSplit::kSpatial)
            return l.out.h < N ? fewer(l.out.h, "output rows") : "";
        if ((conv && o_.conv == ConvSplit::kIn) || (!conv && o_.fc == FcSplit::kIn)) {
            if (g != 1)
                return fmt::format(
                    "{} has {} groups; the input-channel split needs an ungrouped conv", l.name, g);
            return l.in.c < N ? fewer(l.in.c, "input channels") : "";
        }
        if (g == 1) return l.out.c < N ? fewer(l.out.c, "output channels") : "";
        if (g % N == 0) return "";
        if (N % g != 0)
            return fmt::format(
                "{} has {} groups; the output-channel split needs groups dividing the {} devices "
                "or "
                "divisible by them",
                l.name, g, N);
        return l.out.c / g < N / g ? fewer(l.out.c, "output channels") : "";
    }

    int device_of(const std::string& t) const { return t == "input" ? -1 : n_.find(t)->device; }

    std::string push(Layer l) {
        n_.layers.push_back(std::move(l));
        std::vector<Shape> ins;
        for (const auto& in : n_.layers.back().inputs)
            ins.push_back(in == "input" ? n_.input : n_.find(in)->out);
        std::string why;
        Layer& b = n_.layers.back();
        b.out = infer_output_shape(b, ins, &why);
        if (!why.empty()) throw InputError(Diagnostic{kCli, "--model-parallel", b.name, why});
        b.in = ins[0];
        return b.name;
    }

    const StorageFormat& format_of(const std::string& t) const {
        return t == "input" ? n_.input_format : n_.find(t)->out_format;
    }

    // Tensor `t` as seen on device d: itself, or a transfer layer on d (one per tensor and device).
    // The network input is in every device's memory.
    std::string on(const std::string& t, int d) {
        if (t == "input" || device_of(t) == d) return t;
        auto it = moved_.find({t, d});
        if (it != moved_.end()) return it->second;
        Layer x;
        x.name = fmt::format("{}/to_dev{}", t, d);
        x.type = LayerType::kActivation;
        x.activation = "transfer";
        x.inputs = {t};
        x.device = d;
        x.out_format = format_of(t);
        return moved_[{t, d}] = push(std::move(x));
    }

    // A window of `t`, on t's device (device d for the network input).
    std::string slice(const std::string& name, const std::string& t, int d, int64_t c0, int64_t c,
                      int64_t r0, int64_t r) {
        Layer s;
        s.name = name;
        s.type = LayerType::kSlice;
        s.inputs = {t};
        s.device = t == "input" ? d : device_of(t);
        s.out_format = format_of(t);
        s.slice_c0 = c0, s.slice_c = c, s.slice_r0 = r0, s.slice_r = r;
        return push(std::move(s));
    }

    void set_tensors(const Layer& part, std::vector<float> w, std::vector<float> b) {
        if (tensors_) tensors_->set(part.name, std::move(w), std::move(b));
    }
    bool carry() const { return tensors_ != nullptr; }

    Layer part_of(const Layer& l, int p) const {
        Layer q = l;
        q.name = fmt::format("{}/p{}", l.name, p);
        q.device = p;
        q.branch = -1;
        q.weights_file.clear();
        q.bias_file.clear();
        return q;
    }

    void keep(const Layer& l) {
        Layer k = l;
        k.device = 0;
        for (auto& in : k.inputs) in = on(in, 0);
        if (carry() && (l.type == LayerType::kConv2d || l.type == LayerType::kFc))
            set_tensors(l, ws_.weights(l), ws_.biases(l));
        push(std::move(k));
    }

    // Gathers the parts on device 0 under the layer's own name, so its consumers are unchanged.
    void gather(const Layer& l, const std::vector<std::string>& parts, bool sum) {
        Layer g;
        g.type = sum ? LayerType::kAdd : LayerType::kConcat;
        g.concat_rows = !sum && l.type == LayerType::kConv2d && o_.conv == ConvSplit::kSpatial;
        g.out_format = l.out_format;
        for (const auto& p : parts) g.inputs.push_back(on(p, 0));
        const bool act = sum && !l.activation.empty();
        g.name = act ? l.name + "/sum" : l.name;
        const std::string gathered = push(std::move(g));
        if (!act) return;
        Layer a;  // the fused activation applies to the whole sum
        a.name = l.name;
        a.type = LayerType::kActivation;
        a.activation = l.activation;
        a.inputs = {gathered};
        a.out_format = l.out_format;
        push(std::move(a));
    }

    // Output channels (conv) or units (fc) [k0, k1) on device p; each part reads the whole input.
    // A grouped conv (g groups) splits along its groups: with g divisible by N, part p takes groups
    // [p*g/N, (p+1)*g/N); with N divisible by g, N/g parts share one group's filters and read only
    // that group's input channels (a slice), ungrouped.
    void split_outputs(const Layer& l) {
        const int N = o_.devices;
        const int64_t K = l.out.c, R = layer_weights(l) / K;
        const int64_t g = l.type == LayerType::kConv2d ? l.groups : 1;
        const int64_t m = g > 1 && N % g == 0 ? N / g : 0;  // parts per group
        std::vector<std::string> parts;
        for (int p = 0; p < N; ++p) {
            Layer q = part_of(l, p);
            int64_t k0 = part_lo(K, p, N), k1 = part_lo(K, p + 1, N);
            std::string in = l.inputs[0];
            if (m > 0) {
                const int64_t gi = p / m, j = p % m, Kg = K / g, Cg = l.in.c / g;
                k0 = gi * Kg + part_lo(Kg, int(j), int(m));
                k1 = gi * Kg + part_lo(Kg, int(j + 1), int(m));
                in = slice(fmt::format("{}/in{}", l.name, p), in, p, gi * Cg, Cg, 0, 0);
                q.groups = 1;
            } else if (g > 1) {
                in = slice(fmt::format("{}/in{}", l.name, p), in, p, part_lo(l.in.c, p, N),
                           part_lo(l.in.c, p + 1, N) - part_lo(l.in.c, p, N), 0, 0);
                q.groups = g / N;
            }
            q.out.c = k1 - k0;
            q.inputs = {on(in, p)};
            if (carry()) {
                std::vector<float> b;
                if (l.has_bias) b.assign(ws_.biases(l).begin() + k0, ws_.biases(l).begin() + k1);
                set_tensors(q, submatrix(ws_.weights(l), R, k0, k1, 0, R), std::move(b));
            }
            parts.push_back(push(std::move(q)));
        }
        gather(l, parts, false);
    }

    // Input channels [c0, c1) on device p: partial sums (no activation; the bias on part 0 only)
    // added on device 0, then the fused activation.
    void split_inputs(const Layer& l) {
        const int N = o_.devices;
        const int64_t C = l.in.c, K = l.out.c, R = layer_weights(l) / K;
        const int64_t per_c = R / C;  // weights per input channel: kh*kw (conv) or h*w (fc)
        std::vector<std::string> parts;
        for (int p = 0; p < N; ++p) {
            const int64_t c0 = part_lo(C, p, N), c1 = part_lo(C, p + 1, N);
            const std::string in = l.inputs[0];
            const std::string s =
                slice(fmt::format("{}/in{}", l.name, p), in, p, c0, c1 - c0, 0, 0);
            Layer q = part_of(l, p);
            q.inputs = {on(s, p)};
            q.activation.clear();
            q.has_bias = l.has_bias && p == 0;
            if (carry()) {
                std::vector<float> b;
                if (q.has_bias) b = ws_.biases(l);
                set_tensors(q, submatrix(ws_.weights(l), R, 0, K, c0 * per_c, c1 * per_c),
                            std::move(b));
            }
            parts.push_back(push(std::move(q)));
        }
        gather(l, parts, true);
    }

    // Output rows [r0, r1) on device p from the input rows they need (the halo included).
    void split_rows(const Layer& l) {
        const int N = o_.devices;
        const int64_t Ho = l.out.h, H = l.in.h;
        std::vector<std::string> parts;
        for (int p = 0; p < N; ++p) {
            const int64_t r0 = part_lo(Ho, p, N), r1 = part_lo(Ho, p + 1, N);
            const int64_t first = r0 * l.stride_h - l.pad_top;  // may be < 0
            const int64_t last =
                (r1 - 1) * l.stride_h - l.pad_top + (l.kernel_h - 1) * l.dilation_h;  // may be >= H
            const int64_t a = std::max<int64_t>(0, first), b = std::min<int64_t>(H, last + 1);
            const std::string in = l.inputs[0];
            std::string src = in;
            if (a > 0 || b < H)
                src = slice(fmt::format("{}/in{}", l.name, p), in, p, 0, 0, a, b - a);
            Layer q = part_of(l, p);
            q.inputs = {on(src, p)};
            q.pad_top = a - first;
            q.pad_bottom = last + 1 - b;
            if (carry()) set_tensors(q, ws_.weights(l), ws_.biases(l));
            parts.push_back(push(std::move(q)));
        }
        gather(l, parts, false);
    }
};

}  // namespace

Network split_model_parallel(const Network& n, const WeightStore& ws, const ModelParallelOptions& o,
                             WeightStore* tensors) {
    return Splitter(n, ws, o, tensors).run();
}

bool parse_conv_split(const std::string& s, ConvSplit* out) {
    if (s == "out") return *out = ConvSplit::kOut, true;
    if (s == "in") return *out = ConvSplit::kIn, true;
    if (s == "spatial") return *out = ConvSplit::kSpatial, true;
    return false;
}

bool parse_fc_split(const std::string& s, FcSplit* out) {
    if (s == "out") return *out = FcSplit::kOut, true;
    if (s == "in") return *out = FcSplit::kIn, true;
    return false;
}

}  // namespace edgesa
