#include "functional/functional_state.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include "numerics/activation.h"

#include "diag/diagnostic.h"
#include "numerics/fp32.h"
#include "reference/reference.h"
#include "reference/weight_store.h"

namespace edgesa::sim {

namespace {
// Layers whose pass image holds one value per output element and input (no window).
bool is_elementwise_pass(LayerType t) {
    return t == LayerType::kAdd || t == LayerType::kActivation || t == LayerType::kMul ||
           t == LayerType::kScaleShift || t == LayerType::kUpsample;
}
}  // namespace

size_t FunctionalState::source_index(const Layer& L, size_t o) {
    if (L.type == LayerType::kUpsample) {
        const size_t ow = size_t(L.out.w), oh = size_t(L.out.h), f = size_t(L.factor);
        const size_t c = o / (oh * ow), y = (o / ow) % oh, x = o % ow;
        return (c * size_t(L.in.h) + y / f) * size_t(L.in.w) + x / f;
    }
    if (L.type ==
        LayerType::kChannelShuffle) {  // out channel a * g + b <- in channel b * (C / g) + a
        const size_t plane = size_t(L.in.h * L.in.w), g = size_t(L.groups),
                     per = size_t(L.in.c) / g;
        const size_t j = o / plane;
        return ((j % g) * per + j / g) * plane + o % plane;
    }
    return o;
}

FunctionalState::FunctionalState(const Network& net, const Program& prog, const AccelConfig& cfg,
                                 const FunctionalData& data)
    : net_(net), prog_(prog), cfg_(cfg), codec_(cfg) {
    pool_.resize(1);  // id 0 = no payload
    // The same seeded weights and input as the workloads reference inference (or the trace's
    // .npy tensors where it names them), unless the caller gives its own.
    std::optional<WeightStore> own;
    if (!data.weights) own = WeightStore::from_trace(net, kSeed);
    const WeightStore& store = data.weights ? *data.weights : *own;
    const std::vector<float> in = data.input ? *data.input : seeded_input(net, kSeed);
    if (in.size() != size_t(net.input.elements()))
        throw InputError(Diagnostic{
            {"input", 0, 0},
            "input",
            std::to_string(in.size()) + " values",
            fmt::format("must hold the network input's C*H*W = {} values", net.input.elements())});
    input.resize(in.size());
    for (size_t i = 0; i < in.size(); ++i) input[i] = codec_.encode(net.input_format, in[i]);
    outputs.resize(net.layers.size());
    weights.resize(net.layers.size());
    biases.resize(net.layers.size());
    for (size_t l = 0; l < net.layers.size(); ++l) {
        const Layer& L = net.layers[l];
        outputs[l].assign(size_t(L.out.elements()), 0);
        if (L.type != LayerType::kConv2d && L.type != LayerType::kFc &&
            L.type != LayerType::kScaleShift)
            continue;
        const size_t src = size_t(prog.layers[l].weight_source);
        if (src != l) {  // a later batch image: the same weights as its image-1 layer
            weights[l] = weights[src];
            biases[l] = biases[src];
            continue;
        }
        const auto& w = store.weights(L);
        weights[l].resize(w.size());
        for (size_t i = 0; i < w.size(); ++i) weights[l][i] = codec_.encode(L.weight_format, w[i]);
        const auto& b = store.biases(L);
        biases[l].resize(b.size());
        for (size_t i = 0; i < b.size(); ++i) biases[l][i] = codec_.encode(L.weight_format, b[i]);
    }
}

uint32_t FunctionalState::alloc() {
    if (!free_.empty()) {
        const uint32_t id = free_.back();
        free_.pop_back();
        return id;
    }
    pool_.emplace_back();
    return uint32_t(pool_.size() - 1);
}

void FunctionalState::release(uint32_t id) {
    if (id == 0) return;
    pool_[id].values.clear();
    pool_[id].index.clear();
    free_.push_back(id);
}

const StorageFormat& FunctionalState::block_format(int layer, const Block& b) const {
    const Layer& L = net_.layers[size_t(layer)];
    if (b.header.type == BlockType::kWeight || b.header.type == BlockType::kBias ||
        (L.type == LayerType::kScaleShift && b.pass_input > 0))  // its scale and shift
        return L.weight_format;
    const auto& inputs = prog_.layers[size_t(layer)].inputs;
    if (b.header.type == BlockType::kPass && b.pass_input > 0 &&
        size_t(b.pass_input) < inputs.size())
        return format(inputs[size_t(b.pass_input)]);
    return format(inputs[0]);
}

void FunctionalState::gather(int layer, const Block& b, uint32_t vec, Payload* out) const {
    const Layer& L = net_.layers[size_t(layer)];
    const LayerProgram& lp = prog_.layers[size_t(layer)];
    const int64_t width = int64_t(b.values_per_vector), rows = cfg_.array.rows;
    out->values.assign(size_t(width), 0);  // code 0 is +0 in every format (padding)
    if (b.header.type == BlockType::kWeight) {
        const int64_t k = int64_t(b.kb) * rows + int64_t(vec);
        const int64_t base = (int64_t(b.group) * lp.K + k) * lp.R;
        for (int64_t j = 0; j < width; ++j) {
            const int64_t r = int64_t(b.rb) * width + j;
            if (r < lp.R) out->values[size_t(j)] = weights[size_t(layer)][size_t(base + r)];
        }
        return;
    }
    if (b.header.type == BlockType::kPass) {
        gather_pass(L, lp, b, vec, out);
        return;
    }
    if (b.header.type == BlockType::kBias) {  // channels of the kb-set, from kb0 * rows on
        const int64_t first = int64_t(b.group) * lp.K + int64_t(b.kb) * rows + int64_t(vec) * width;
        const int64_t end =
            int64_t(b.group) * lp.K + int64_t(b.kb) * rows + int64_t(b.header.index);
        for (int64_t j = 0; j < width && first + j < end; ++j)
            out->values[size_t(j)] = biases[size_t(layer)][size_t(first + j)];
        return;
    }
    if (b.header.type != BlockType::kStream) return;
    const auto& x = tensor(lp.inputs[0]);
    const int64_t n = b.n0 + int64_t(vec);
    if (L.type == LayerType::kFc) {
        for (int64_t j = 0; j < width; ++j) {
            const int64_t r = int64_t(b.rb) * width + j;
            if (r < lp.R) out->values[size_t(j)] = x[size_t(r)];
        }
        return;
    }
    const int64_t cin_g = L.in.c / L.groups, kh = L.kernel_h, kw = L.kernel_w;
    const int64_t oh = n / L.out.w, ow = n % L.out.w;
    // Reduction index r = (c * kh + y) * kw + xx, stepped without divisions.
    const int64_t r0 = int64_t(b.rb) * width;
    int64_t c = r0 / (kh * kw), y = (r0 / kw) % kh, xx = r0 % kw;
    const int64_t ih0 = oh * L.stride_h - L.pad_top, iw0 = ow * L.stride_w - L.pad_left;
    for (int64_t j = 0; j < width && r0 + j < lp.R; ++j) {
        const int64_t ih = ih0 + y * L.dilation_h, iw = iw0 + xx * L.dilation_w;
        if (ih >= 0 && iw >= 0 && ih < L.in.h && iw < L.in.w) {
            const int64_t cg = int64_t(b.group) * cin_g + c;
            out->values[size_t(j)] = x[size_t((cg * L.in.h + ih) * L.in.w + iw)];
        }
        if (++xx == kw) {
            xx = 0;
            if (++y == kh) y = 0, ++c;
        }
    }
}

// Vector `vec` of a window-gathered pass block (docs/architecture.md, "Pass layers"): window
// value j of each output element of group g. Max pool: a padded position repeats the window's
// first valid value (a duplicate never changes `if v > m then m = v`); avg pool: code 0 (+0).
void FunctionalState::gather_pass(const Layer& L, const LayerProgram& lp, const Block& b,
                                  uint32_t vec, Payload* out) const {
    const uint64_t count = b.pass_input >= 0 ? 1 : lp.pool_count;
    const uint64_t g = vec / count, j = vec % count;
    const int64_t o0 = b.n0 + int64_t(g * b.values_per_vector);
    if (b.pass_input >= 0 || is_elementwise_pass(L.type)) {
        const bool multi = L.type == LayerType::kAdd || L.type == LayerType::kMul ||
                           L.type == LayerType::kScaleShift;
        const size_t input = b.pass_input >= 0 ? size_t(b.pass_input) : (multi ? size_t(j) : 0);
        const size_t plane = size_t(L.out.h * L.out.w);
        if (L.type == LayerType::kScaleShift && input > 0) {  // the channel's scale or shift
            const auto& p = input == 1 ? weights[size_t(lp.layer)] : biases[size_t(lp.layer)];
            for (size_t i = 0; i < out->values.size(); ++i)
                out->values[i] = p[(size_t(o0) + i) / plane];
            return;
        }
        const auto& x = tensor(lp.inputs[std::min(input, lp.inputs.size() - 1)]);
        for (size_t i = 0; i < out->values.size(); ++i) {
            const size_t o = size_t(o0) + i;  // a per-channel mul operand repeats over the plane
            out->values[i] = x[input == 0 ? source_index(L, o)
                                          : (x.size() < plane * size_t(L.out.c) ? o / plane : o)];
        }
        return;
    }
    const auto& x = tensor(lp.inputs[0]);
    const bool global = L.type == LayerType::kGlobalAvgPool;
    const int64_t kw = global ? L.in.w : L.kernel_w, kh = global ? L.in.h : L.kernel_h;
    const int64_t sh = global ? 1 : L.stride_h, sw = global ? 1 : L.stride_w;
    const int64_t pt = global ? 0 : L.pad_top, pl = global ? 0 : L.pad_left;
    for (size_t i = 0; i < out->values.size(); ++i) {
        const int64_t o = o0 + int64_t(i);
        const int64_t c = o / (L.out.h * L.out.w), oh = (o / L.out.w) % L.out.h, ow = o % L.out.w;
        auto at = [&](int64_t k, int64_t* v) {  // window position k; false when padded
            const int64_t y = oh * sh - pt + k / kw, xx = ow * sw - pl + k % kw;
            if (y < 0 || xx < 0 || y >= L.in.h || xx >= L.in.w) return false;
            *v = x[size_t((c * L.in.h + y) * L.in.w + xx)];
            return true;
        };
        int64_t v = 0;
        if (!at(int64_t(j), &v) && L.type == LayerType::kMaxPool)
            for (int64_t k = 0; k < kh * kw; ++k)
                if (at(k, &v)) break;
        out->values[i] = v;
    }
}

// Pass layers are computed by the act/pool unit from the tensors it streamed; concat, flatten
// and softmax have no device datapath.
void FunctionalState::compute_direct(int layer) {
    const Layer& L = net_.layers[size_t(layer)];
    const LayerProgram& lp = prog_.layers[size_t(layer)];
    auto& out = outputs[size_t(layer)];
    const bool fx = codec_.fixed();
    const FixedDatapath& d = cfg_.derived.fixed;
    const Rounding rnd = cfg_.derived.rounding;
    auto in_val = [&](int input, size_t i) {  // compute value of element i of input `input`
        const int p = lp.inputs[size_t(input)];
        return codec_.to_compute(format(p), tensor(p)[i]);
    };
    auto store = [&](int64_t v) {  // compute value -> output code
        if (!fx) return codec_.encode(L.out_format, fp32::from_bits(uint32_t(v)));
        if (L.out_format.is_fixed()) return fixed_convert(v, d.operand, L.out_format.fixed(), rnd);
        return codec_.encode(L.out_format, fixed_to_float(d.operand, v));
    };
    auto fval = [&](int64_t v) {
        return fx ? fixed_to_float(d.operand, v) : fp32::from_bits(uint32_t(v));
    };
    switch (L.type) {
        case LayerType::kMaxPool:
        case LayerType::kAvgPool:
        case LayerType::kGlobalAvgPool: {
            Layer g = L;
            if (L.type == LayerType::kGlobalAvgPool) {
                g.kernel_h = L.in.h, g.kernel_w = L.in.w, g.stride_h = g.stride_w = 1;
                g.pad_top = g.pad_left = g.pad_bottom = g.pad_right = 0;
            }
            for (int64_t c = 0; c < L.out.c; ++c)
                for (int64_t oh = 0; oh < L.out.h; ++oh)
                    for (int64_t ow = 0; ow < L.out.w; ++ow) {
                        const int64_t pool_size =
                            g.kernel_h * g.kernel_w;  // padding counts (numerics.md)
                        int64_t acc = 0;
                        bool first = true;
                        for (int64_t ky = 0; ky < g.kernel_h; ++ky)
                            for (int64_t kx = 0; kx < g.kernel_w; ++kx) {
                                const int64_t y = oh * g.stride_h - g.pad_top + ky,
                                              x = ow * g.stride_w - g.pad_left + kx;
                                const bool pad = y < 0 || x < 0 || y >= L.in.h || x >= L.in.w;
                                if (L.type == LayerType::kMaxPool) {
                                    if (pad) continue;
                                    const int64_t v =
                                        in_val(0, size_t((c * L.in.h + y) * L.in.w + x));
                                    if (first || (fx ? v > acc : fval(v) > fval(acc))) acc = v;
                                    first = false;
                                } else {
                                    const int64_t v =
                                        pad ? 0 : in_val(0, size_t((c * L.in.h + y) * L.in.w + x));
                                    // fixed: the sum starts at 0 and every addition saturates
                                    // at accumulator_bits, the first value's included
                                    acc = fx ? d.add(first ? 0 : acc, v)
                                             : (first ? v : codec_.add(acc, v));
                                    first = false;
                                }
                            }
                        if (L.type != LayerType::kMaxPool) {
                            if (fx) {
                                const int64_t inv =
                                    int64_t(std::llround(65536.0 / double(pool_size)));
                                acc = saturate(shift_round(acc * inv, 16, rnd),
                                               d.operand.total_bits());
                            } else {
                                acc = int64_t(fp32::bits(
                                    fp32::mul(fval(acc), float(1.0 / double(pool_size)))));
                            }
                        }
                        out[size_t((c * L.out.h + oh) * L.out.w + ow)] = store(acc);
                    }
            break;
        }
        case LayerType::kAdd:
            for (size_t i = 0; i < out.size(); ++i) {
                int64_t acc = fx ? d.add(0, in_val(0, i)) : in_val(0, i);  // as pooling sums
                for (size_t k = 1; k < lp.inputs.size(); ++k) {
                    acc = fx ? saturate(d.add(acc, in_val(int(k), i)), d.operand.total_bits())
                             : codec_.add(acc, in_val(int(k), i));
                }
                out[i] = store(acc);
            }
            break;
        case LayerType::kActivation:
            for (size_t i = 0; i < out.size(); ++i) {
                const int64_t v = in_val(0, i);
                if (!fx) {
                    out[i] = codec_.encode(L.out_format, activate(L.activation, fval(v)));
                } else if (L.out_format.is_fixed()) {  // on the raw requantised to the output
                    const FixedFormat& of = L.out_format.fixed();
                    out[i] =
                        activate_fixed(L.activation, fixed_convert(v, d.operand, of, rnd), of, rnd);
                } else {
                    out[i] = store(activate_fixed(L.activation, v, d.operand, rnd));
                }
            }
            break;
        case LayerType::kScaleShift:
        case LayerType::kMul: {  // as the reference (docs/numerics.md, "Other layers")
            const bool mul = L.type == LayerType::kMul;
            const size_t plane = size_t(L.in.h * L.in.w);
            const bool per_channel = !mul || tensor(lp.inputs[1]).size() != out.size();
            for (size_t i = 0; i < out.size(); ++i) {
                const size_t c = i / plane, k = per_channel ? c : i;
                const int64_t f =
                    mul ? in_val(1, k)
                        : codec_.to_compute(L.weight_format, weights[size_t(layer)][c]);
                int64_t v;
                if (fx) {
                    v = shift_round(in_val(0, i) * f, d.operand.frac_bits, rnd);
                    if (!mul) v += codec_.to_compute(L.weight_format, biases[size_t(layer)][c]);
                    v = saturate(v, d.operand.total_bits());
                } else {
                    v = codec_.mul(in_val(0, i), f);
                    if (!mul)
                        v = codec_.add(
                            v, codec_.to_compute(L.weight_format, biases[size_t(layer)][c]));
                }
                out[i] = store(v);
            }
            break;
        }
        case LayerType::kUpsample:  // a pass through the act/pool lanes, as an identity
                                    // activation of the source element
            for (size_t o = 0; o < out.size(); ++o) out[o] = store(in_val(0, source_index(L, o)));
            break;
        case LayerType::kChannelShuffle: {  // copies: the same codes, re-encoded to the output
                                            // format
            const int p = lp.inputs[0];
            for (size_t o = 0; o < out.size(); ++o)
                out[o] = codec_.encode(
                    L.out_format, codec_.decode_to_float(format(p), tensor(p)[source_index(L, o)]));
            break;
        }
        case LayerType::kSlice: {  // as the workloads reference: a window of the input
            const int p = lp.inputs[0];
            size_t o = 0;
            for (int64_t c = 0; c < L.out.c; ++c)
                for (int64_t r = 0; r < L.out.h; ++r)
                    for (int64_t w = 0; w < L.out.w; ++w) {
                        const size_t i =
                            size_t(((L.slice_c0 + c) * L.in.h + L.slice_r0 + r) * L.in.w + w);
                        out[o++] = codec_.encode(L.out_format,
                                                 codec_.decode_to_float(format(p), tensor(p)[i]));
                    }
            break;
        }
        case LayerType::kConcat: {
            size_t o = 0;
            if (L.concat_rows) {  // per channel, the inputs' rows one after another
                for (int64_t c = 0; c < L.out.c; ++c)
                    for (size_t k = 0; k < lp.inputs.size(); ++k) {
                        const int p = lp.inputs[k];
                        const size_t plane = tensor(p).size() / size_t(L.out.c);
                        for (size_t i = size_t(c) * plane; i < size_t(c + 1) * plane; ++i)
                            out[o++] = codec_.encode(
                                L.out_format, codec_.decode_to_float(format(p), tensor(p)[i]));
                    }
                break;
            }
            for (size_t k = 0; k < lp.inputs.size(); ++k) {
                const int p = lp.inputs[k];
                for (size_t i = 0; i < tensor(p).size() && o < out.size(); ++i)
                    out[o++] = codec_.encode(L.out_format,
                                             codec_.decode_to_float(format(p), tensor(p)[i]));
            }
            break;
        }
        case LayerType::kFlatten:
        case LayerType::kSoftmax: {
            const int p = lp.inputs[0];
            std::vector<double> v(out.size());
            double mx = -std::numeric_limits<double>::infinity(), sum = 0;
            for (size_t i = 0; i < v.size(); ++i) {
                v[i] = codec_.decode_to_float(format(p), tensor(p)[i]);
                mx = std::max(mx, v[i]);
            }
            if (L.type == LayerType::kSoftmax) {
                for (auto& x : v) sum += (x = std::exp(x - mx));
                for (auto& x : v) x /= sum;
            }
            for (size_t i = 0; i < v.size(); ++i) out[i] = codec_.encode(L.out_format, float(v[i]));
            break;
        }
        default:
            break;
    }
}

}  // namespace edgesa::sim
