#include "network.h"

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "io/limits.h"

namespace edgesa {

namespace {
struct TypeName {
    LayerType type;
    const char* name;
};
constexpr TypeName kTypeNames[] = {
    {LayerType::kConv2d, "conv2d"},
    {LayerType::kFc, "fc"},
    {LayerType::kMaxPool, "maxpool"},
    {LayerType::kAvgPool, "avgpool"},
    {LayerType::kGlobalAvgPool, "global_avgpool"},
    {LayerType::kActivation, "activation"},
    {LayerType::kAdd, "add"},
    {LayerType::kConcat, "concat"},
    {LayerType::kFlatten, "flatten"},
    {LayerType::kSoftmax, "softmax"},
    {LayerType::kSlice, "slice"},
    {LayerType::kScaleShift, "scale_shift"},
    {LayerType::kMul, "mul"},
    {LayerType::kUpsample, "upsample"},
    {LayerType::kChannelShuffle, "channel_shuffle"},
};

std::string shape_str(const Shape& s) {
    return fmt::format("[{}, {}, {}]", s.c, s.h, s.w);
}

// Output length of a sliding window; Caffe/PyTorch ceil mode drops a last window that would start
// entirely inside the padding.
int64_t window_out(int64_t in, int64_t k, int64_t s, int64_t pad_lo, int64_t pad_hi, int64_t dil,
                   bool ceil) {
    const int64_t span = in + pad_lo + pad_hi - dil * (k - 1) - 1;
    if (span < 0) return 0;
    int64_t out = ceil ? (span + s - 1) / s + 1 : span / s + 1;
    if (ceil && (out - 1) * s >= in + pad_lo) --out;
    return out;
}
}  // namespace

const char* to_string(LayerType t) {
    for (const auto& tn : kTypeNames)
        if (tn.type == t) return tn.name;
    return "?";
}

const char* pool_op_of(LayerType t) {
    switch (t) {
        case LayerType::kMaxPool:
            return "max_pool";
        case LayerType::kAvgPool:
        case LayerType::kGlobalAvgPool:
            return "avg_pool";
        case LayerType::kAdd:
            return "add";
        case LayerType::kMul:
            return "mul";
        case LayerType::kScaleShift:
            return "scale_shift";
        default:
            return "";
    }
}

bool parse_layer_type(const std::string& s, LayerType* out) {
    for (const auto& tn : kTypeNames)
        if (s == tn.name) {
            *out = tn.type;
            return true;
        }
    return false;
}

const Layer* Network::find(const std::string& n) const {
    const int i = index_of(n);
    return i < 0 ? nullptr : &layers[size_t(i)];
}

Layer* Network::find(const std::string& n) {
    const int i = index_of(n);
    return i < 0 ? nullptr : &layers[size_t(i)];
}

int Network::index_of(const std::string& n) const {
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == n) return int(i);
    return -1;
}

int64_t layer_macs(const Layer& l) {
    if (l.type == LayerType::kConv2d)
        return l.out.elements() * (l.in.c / l.groups) * l.kernel_h * l.kernel_w;
    if (l.type == LayerType::kFc) return l.out.c * l.in.elements();
    return 0;
}

int64_t layer_weights(const Layer& l) {
    if (l.type == LayerType::kConv2d)
        return l.out.c * (l.in.c / l.groups) * l.kernel_h * l.kernel_w;
    if (l.type == LayerType::kFc) return l.out.c * l.in.elements();
    if (l.type == LayerType::kScaleShift) return l.out.c;  // the scales
    return 0;
}

int64_t layer_biases(const Layer& l) {
    if ((l.type == LayerType::kConv2d || l.type == LayerType::kFc) && l.has_bias) return l.out.c;
    if (l.type == LayerType::kScaleShift) return l.out.c;  // the shifts
    return 0;
}

int64_t layer_published_params(const Layer& l) {
    if (l.type == LayerType::kScaleShift) return 2 * l.out.c;
    if (l.type != LayerType::kConv2d && l.type != LayerType::kFc) return 0;
    return layer_weights(l) + (l.batch_norm ? 2 * l.out.c : layer_biases(l));
}

int64_t network_macs(const Network& n) {
    int64_t s = 0;
    for (const auto& l : n.layers) s += layer_macs(l);
    return s;
}
int64_t network_weights(const Network& n) {
    int64_t s = 0;
    for (const auto& l : n.layers) s += layer_weights(l);
    return s;
}
int64_t network_biases(const Network& n) {
    int64_t s = 0;
    for (const auto& l : n.layers) s += layer_biases(l);
    return s;
}
int64_t network_published_params(const Network& n) {
    int64_t s = 0;
    for (const auto& l : n.layers) s += layer_published_params(l);
    return s;
}

uint64_t layer_weight_bytes(const Layer& l) {
    return packed_bytes(uint64_t(layer_weights(l) + layer_biases(l)), l.weight_format.bits());
}

uint64_t layer_out_bytes(const Layer& l) {
    return packed_bytes(uint64_t(l.out.elements()), l.out_format.bits());
}

Shape infer_output_shape(const Layer& l, const std::vector<Shape>& inputs, std::string* why) {
    why->clear();
    auto fail = [&](std::string rule) {
        *why = std::move(rule);
        return Shape{};
    };
    const bool single =
        l.type != LayerType::kAdd && l.type != LayerType::kConcat && l.type != LayerType::kMul;
    if (inputs.empty()) return fail("needs at least one input");
    if (single && inputs.size() != 1)
        return fail(
            fmt::format("{} takes exactly one input, got {}", to_string(l.type), inputs.size()));
    // Every size is bounded before any arithmetic on it (docs/input-limits.md), so nothing below
    // can overflow whatever a trace, a transform or an importer put into the layer.
    for (size_t i = 0; i < inputs.size(); ++i) {
        const Shape& s = inputs[i];
        const int64_t dims[] = {s.c, s.h, s.w};
        if (!limits::product_capped(dims, dims + 3, limits::kMaxTensorElements))
            return fail(fmt::format("input {} has more than {} elements (the tensor element limit)",
                                    shape_str(s), limits::kMaxTensorElements));
    }
    for (int64_t v : {l.kernel_h, l.kernel_w, l.stride_h, l.stride_w, l.dilation_h, l.dilation_w,
                      l.pad_top, l.pad_left, l.pad_bottom, l.pad_right, l.groups, l.out.c,
                      l.slice_c0, l.slice_c, l.slice_r0, l.slice_r})
        if (v > limits::kMaxTraceInt || v < -limits::kMaxTraceInt)
            return fail(fmt::format(
                "a kernel, stride, dilation, pad, group, filter or slice value of {} exceeds "
                "the limit of {} (2^24)",
                v, limits::kMaxTraceInt));
    const Shape in = inputs[0];
    const bool windowed = l.type == LayerType::kConv2d || l.type == LayerType::kMaxPool ||
                          l.type == LayerType::kAvgPool;
    if (windowed) {
        if (l.kernel_h < 1 || l.kernel_w < 1) return fail("kernel sizes must be at least 1");
        if (l.stride_h < 1 || l.stride_w < 1) return fail("strides must be at least 1");
        if (l.dilation_h < 1 || l.dilation_w < 1) return fail("dilations must be at least 1");
        if (l.pad_top < 0 || l.pad_left < 0 || l.pad_bottom < 0 || l.pad_right < 0)
            return fail("paddings must be at least 0");
    }
    Shape out = in;
    switch (l.type) {
        case LayerType::kConv2d: {
            if (l.out.c < 1) return fail("filters must be at least 1");
            if (l.groups < 1) return fail("groups must be at least 1");
            if (in.c % l.groups != 0)
                return fail(
                    fmt::format("input channels {} (from {}) must be divisible by groups {}", in.c,
                                l.inputs.empty() ? "?" : l.inputs[0], l.groups));
            if (l.out.c % l.groups != 0)
                return fail(
                    fmt::format("filters {} must be divisible by groups {}", l.out.c, l.groups));
            out.c = l.out.c;
            out.h = window_out(in.h, l.kernel_h, l.stride_h, l.pad_top, l.pad_bottom, l.dilation_h,
                               false);
            out.w = window_out(in.w, l.kernel_w, l.stride_w, l.pad_left, l.pad_right, l.dilation_w,
                               false);
            break;
        }
        case LayerType::kMaxPool:
        case LayerType::kAvgPool:
            if (l.pad_top >= l.kernel_h || l.pad_left >= l.kernel_w || l.pad_bottom >= l.kernel_h ||
                l.pad_right >= l.kernel_w)
                return fail("pooling padding must be smaller than the kernel");
            out.h =
                window_out(in.h, l.kernel_h, l.stride_h, l.pad_top, l.pad_bottom, 1, l.ceil_mode);
            out.w =
                window_out(in.w, l.kernel_w, l.stride_w, l.pad_left, l.pad_right, 1, l.ceil_mode);
            break;
        case LayerType::kFc:
            if (l.out.c < 1) return fail("units must be at least 1");
            out = Shape{l.out.c, 1, 1};
            break;
        case LayerType::kGlobalAvgPool:
            out = Shape{in.c, 1, 1};
            break;
        case LayerType::kFlatten:
            out = Shape{in.elements(), 1, 1};
            break;
        case LayerType::kActivation:
        case LayerType::kSoftmax:
        case LayerType::kSlice:  // below
        case LayerType::kScaleShift:
            break;
        case LayerType::kMul:
            if (inputs.size() != 2)
                return fail(fmt::format("mul takes exactly two inputs, got {}", inputs.size()));
            if (inputs[1] != in && inputs[1] != Shape{in.c, 1, 1})
                return fail(fmt::format(
                    "mul's second input {} is {}; it must equal the first's {} or be [{}, 1, 1]",
                    l.inputs[1], shape_str(inputs[1]), shape_str(in), in.c));
            break;
        case LayerType::kUpsample:
            if (l.factor < 1 || l.factor > 64)
                return fail("the upsampling factor must be in 1..64");
            out.h = in.h * l.factor;
            out.w = in.w * l.factor;
            break;
        case LayerType::kChannelShuffle:
            if (l.groups < 1 || in.c % l.groups != 0)
                return fail(fmt::format(
                    "channel_shuffle groups {} must divide the input channels {}", l.groups, in.c));
            break;
        case LayerType::kAdd:
            if (inputs.size() < 2) return fail("add needs at least two inputs");
            for (size_t i = 1; i < inputs.size(); ++i)
                if (inputs[i] != in)
                    return fail(
                        fmt::format("add inputs must have equal shapes: {} is {} but {} is {}",
                                    l.inputs[0], shape_str(in), l.inputs[i], shape_str(inputs[i])));
            break;
        case LayerType::kConcat:
            if (l.concat_rows) {
                out.h = 0;
                for (size_t i = 0; i < inputs.size(); ++i) {
                    if (inputs[i].c != in.c || inputs[i].w != in.w)
                        return fail(fmt::format(
                            "row concat inputs must agree in channels and width: {} is {} but {} "
                            "is {}",
                            l.inputs[0], shape_str(in), l.inputs[i], shape_str(inputs[i])));
                    out.h += inputs[i].h;
                }
                break;
            }
            out.c = 0;
            for (size_t i = 0; i < inputs.size(); ++i) {
                if (inputs[i].h != in.h || inputs[i].w != in.w)
                    return fail(fmt::format(
                        "concat inputs must agree in height and width: {} is {} but {} is {}",
                        l.inputs[0], shape_str(in), l.inputs[i], shape_str(inputs[i])));
                out.c += inputs[i].c;
            }
            break;
    }
    if (l.type == LayerType::kSlice) {
        const int64_t c = l.slice_c ? l.slice_c : in.c - l.slice_c0,
                      r = l.slice_r ? l.slice_r : in.h - l.slice_r0;
        if (l.slice_c0 < 0 || c < 1 || l.slice_c0 + c > in.c)
            return fail(
                fmt::format("slice channels [{}, {}) must lie within the input's {} channels",
                            l.slice_c0, l.slice_c0 + c, in.c));
        if (l.slice_r0 < 0 || r < 1 || l.slice_r0 + r > in.h)
            return fail(fmt::format("slice rows [{}, {}) must lie within the input's {} rows",
                                    l.slice_r0, l.slice_r0 + r, in.h));
        out = Shape{c, r, in.w};
    }
    if (out.c < 1 || out.h < 1 || out.w < 1)
        return fail(
            fmt::format("input {} gives an empty output {}", shape_str(in), shape_str(out)));
    const int64_t out_dims[] = {out.c, out.h, out.w};
    const auto out_elems =
        limits::product_capped(out_dims, out_dims + 3, limits::kMaxTensorElements);
    if (!out_elems)
        return fail(fmt::format("output {} has more than {} elements (the tensor element limit)",
                                shape_str(out), limits::kMaxTensorElements));
    if (l.type == LayerType::kConv2d || l.type == LayerType::kFc) {
        const int64_t per_out =
            l.type == LayerType::kFc ? in.elements() : (in.c / l.groups) * l.kernel_h * l.kernel_w;
        const int64_t w[] = {per_out, out.c};
        if (!limits::product_capped(w, w + 2, limits::kMaxTensorElements))
            return fail(fmt::format("{} x {} weights exceed the limit of {} elements", out.c,
                                    per_out, limits::kMaxTensorElements));
        const int64_t m[] = {per_out, *out_elems};
        if (!limits::product_capped(m, m + 2, limits::kMaxLayerMacs))
            return fail(fmt::format("more than {} multiply-accumulates (2^40, the layer limit)",
                                    limits::kMaxLayerMacs));
    }
    return out;
}

void infer_shapes(Network& n) {
    for (auto& l : n.layers) {
        std::vector<Shape> ins;
        for (const auto& name : l.inputs) {
            if (name == "input") {
                ins.push_back(n.input);
                continue;
            }
            const int pi = n.index_of(name);
            const Layer* p =
                pi >= 0 && &n.layers[size_t(pi)] < &l ? &n.layers[size_t(pi)] : nullptr;
            if (!p)
                throw InputError(Diagnostic{{n.source_file, l.source_line, 0},
                                            l.name,
                                            name,
                                            "input names no earlier layer"});
            ins.push_back(p->out);
        }
        std::string why;
        const Shape out = infer_output_shape(l, ins, &why);
        if (!why.empty())
            throw InputError(Diagnostic{{n.source_file, l.source_line, 0}, l.name, "", why});
        l.in = ins.empty() ? Shape{} : ins[0];
        l.out = out;
    }
}

}  // namespace edgesa
