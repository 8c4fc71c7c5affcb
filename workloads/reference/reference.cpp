#include "reference/reference.h"

#include <cmath>
#include <stdexcept>

#include "numerics/activation.h"
#include "numerics/fp32.h"
#include "numerics/storage_format.h"

namespace edgesa {
namespace {

// Balanced binary tree over one chunk of exactly `width` values.
template <class T, class Add>
T tree(std::vector<T> v, Add add) {
    while (v.size() > 1) {
        std::vector<T> next(v.size() / 2);
        for (size_t i = 0; i < next.size(); ++i) next[i] = add(v[2 * i], v[2 * i + 1]);
        v.swap(next);
    }
    return v[0];
}

template <class T, class Mul, class Add>
T reduce(const std::vector<T>& w, const std::vector<T>& x, int width, Mul mul, Add add) {
    const size_t R = w.size();
    T acc{};
    for (size_t c0 = 0; c0 < R || c0 == 0; c0 += size_t(width)) {
        std::vector<T> p(size_t(width), T{});  // +0 padding of the last chunk
        for (size_t i = 0; i < size_t(width) && c0 + i < R; ++i) p[i] = mul(w[c0 + i], x[c0 + i]);
        const T chunk = tree(p, add);
        acc = c0 == 0 ? chunk : add(acc, chunk);
        if (R == 0) break;
    }
    return acc;
}

// Runs the network layer by layer on stored (decoded) values.
class Reference {
  public:
    Reference(const Network& n, const WeightStore& ws, const ReferenceOptions& o)
        : n_(n), ws_(ws), o_(o) {}

    std::map<std::string, std::vector<float>> run(const std::vector<float>& input) {
        if (int64_t(input.size()) != n_.input.elements())
            throw std::invalid_argument("run_reference: input has " + std::to_string(input.size()) +
                                        " values, the network takes " +
                                        std::to_string(n_.input.elements()));
        std::vector<float> in(input.size());
        for (size_t i = 0; i < in.size(); ++i)
            in[i] = quantize(n_.input_format, input[i], o_.rounding);
        out_["input"] = in;
        for (const auto& l : n_.layers) out_[l.name] = layer(l);
        return std::move(out_);
    }

  private:
    const Network& n_;
    const WeightStore& ws_;
    const ReferenceOptions& o_;
    std::map<std::string, std::vector<float>> out_;

    int64_t to_raw(float v) const { return fixed_from_float(o_.fixed_dp.operand, v, o_.rounding); }
    float from_raw(int64_t r) const { return fixed_to_float(o_.fixed_dp.operand, r); }
    float store(const Layer& l, float v) const { return quantize(l.out_format, v, o_.rounding); }
    // A stored value as a pass layer computes on it: fixed compute converts it to the operand
    // format first (the decompressor lanes; docs/numerics.md, "Other layers").
    float operand(float v) const { return o_.fixed ? from_raw(to_raw(v)) : v; }
    // The format a fixed activation works in: a fixed output's, else the operand format.
    FixedFormat fixed_act_format(const Layer& l) const {
        return l.out_format.is_fixed() ? l.out_format.fixed() : o_.fixed_dp.operand;
    }
    float act_fp32(const Layer& l, float v) const {
        return o_.exact_activations ? activate_exact(l.activation, v) : activate(l.activation, v);
    }
    // A raw of format f through the layer's activation, as fp32.
    float act_fixed(const Layer& l, int64_t raw, const FixedFormat& f) const {
        if (o_.exact_activations) return activate_exact(l.activation, fixed_to_float(f, raw));
        return fixed_to_float(f, activate_fixed(l.activation, raw, f, o_.rounding));
    }
    int64_t acc_add(int64_t a, int64_t b) const {
        return saturate(a + b, o_.fixed_dp.accumulator_bits);
    }

    std::vector<float> layer(const Layer& l) {
        const std::vector<float>& x = out_.at(l.inputs[0]);
        switch (l.type) {
            case LayerType::kConv2d:
            case LayerType::kFc:
                return gemm(l, x);
            case LayerType::kMaxPool:
            case LayerType::kAvgPool:
                return pool(l, x, l.kernel_h, l.kernel_w, l.stride_h, l.stride_w, l.pad_top,
                            l.pad_left);
            case LayerType::kGlobalAvgPool:
                return pool(l, x, l.in.h, l.in.w, 1, 1, 0, 0);
            case LayerType::kActivation: {
                // fixed: the operand raw requantised to the output format, then the function on
                // that raw (the act/pool lanes; docs/numerics.md, "Activations")
                std::vector<float> y(x.size());
                const FixedFormat outf = fixed_act_format(l);
                for (size_t i = 0; i < x.size(); ++i)
                    y[i] = store(l, o_.fixed
                                        ? act_fixed(l,
                                                    fixed_convert(to_raw(x[i]), o_.fixed_dp.operand,
                                                                  outf, o_.rounding),
                                                    outf)
                                        : act_fp32(l, x[i]));
                return y;
            }
            case LayerType::kAdd: {
                std::vector<float> y = x;
                // fixed: the pooling sum's rule (from 0, saturating at accumulator_bits), each
                // partial sum saturated to the operand width
                std::vector<int64_t> raw(x.size());
                for (size_t i = 0; i < x.size() && o_.fixed; ++i) raw[i] = acc_add(0, to_raw(x[i]));
                for (size_t k = 1; k < l.inputs.size(); ++k) {
                    const auto& z = out_.at(l.inputs[k]);
                    for (size_t i = 0; i < y.size(); ++i) {
                        if (o_.fixed)
                            raw[i] = saturate(acc_add(raw[i], to_raw(z[i])),
                                              o_.fixed_dp.operand.total_bits());
                        else
                            y[i] = fp32::add(y[i], z[i]);
                    }
                }
                for (size_t i = 0; i < y.size() && o_.fixed; ++i) y[i] = from_raw(raw[i]);
                for (auto& v : y) v = store(l, v);
                return y;
            }
            case LayerType::kConcat: {
                std::vector<float> y;
                if (l.concat_rows) {  // per channel, the inputs' rows one after another
                    for (int64_t c = 0; c < l.out.c; ++c)
                        for (const auto& name : l.inputs) {
                            const auto& z = out_.at(name);
                            const size_t plane = z.size() / size_t(l.out.c);
                            y.insert(y.end(), z.begin() + long(size_t(c) * plane),
                                     z.begin() + long(size_t(c + 1) * plane));
                        }
                    for (auto& v : y) v = store(l, v);
                    return y;
                }
                for (const auto& name : l.inputs) {
                    const auto& z = out_.at(name);
                    y.insert(y.end(), z.begin(), z.end());
                }
                for (auto& v : y) v = store(l, v);
                return y;
            }
            case LayerType::kSlice: {
                std::vector<float> y;
                y.reserve(size_t(l.out.elements()));
                for (int64_t c = 0; c < l.out.c; ++c)
                    for (int64_t r = 0; r < l.out.h; ++r) {
                        const size_t at =
                            size_t(((l.slice_c0 + c) * l.in.h + l.slice_r0 + r) * l.in.w);
                        for (int64_t w = 0; w < l.out.w; ++w)
                            y.push_back(store(l, x[at + size_t(w)]));
                    }
                return y;
            }
            case LayerType::kScaleShift:
            case LayerType::kMul:
                return scale(l, x);
            case LayerType::kUpsample: {
                std::vector<float> y(size_t(l.out.elements()));
                for (int64_t c = 0; c < l.out.c; ++c)
                    for (int64_t oy = 0; oy < l.out.h; ++oy)
                        for (int64_t ox = 0; ox < l.out.w; ++ox)
                            // through the act/pool lanes like an identity activation: the
                            // operand value (fixed: converted to the operand format), then stored
                            y[size_t((c * l.out.h + oy) * l.out.w + ox)] =
                                store(l, operand(x[size_t((c * l.in.h + oy / l.factor) * l.in.w +
                                                          ox / l.factor)]));
                return y;
            }
            case LayerType::kChannelShuffle: {  // out channel a * g + b <- in channel b * (C / g) +
                                                // a
                const int64_t g = l.groups, per = l.in.c / g, plane = l.in.h * l.in.w;
                std::vector<float> y(x.size());
                for (int64_t j = 0; j < l.out.c; ++j)
                    for (int64_t i = 0; i < plane; ++i)
                        y[size_t(j * plane + i)] =
                            store(l, x[size_t(((j % g) * per + j / g) * plane + i)]);
                return y;
            }
            case LayerType::kFlatten: {
                std::vector<float> y = x;
                for (auto& v : y) v = store(l, v);
                return y;
            }
            case LayerType::kSoftmax: {  // host operation in double
                std::vector<float> y(x.size());
                double m = -INFINITY, s = 0;
                for (float v : x) m = std::max(m, double(v));
                for (float v : x) s += std::exp(double(v) - m);
                for (size_t i = 0; i < x.size(); ++i)
                    y[i] = store(l, float(std::exp(double(x[i]) - m) / s));
                return y;
            }
        }
        return {};
    }

    // scale_shift (x * scale[c] + shift[c], scale and shift in the weight format) and mul (x * z,
    // z per element or per channel): docs/numerics.md, "Other layers".
    std::vector<float> scale(const Layer& l, const std::vector<float>& x) {
        const bool mul = l.type == LayerType::kMul;
        const std::vector<float>* z = mul ? &out_.at(l.inputs[1]) : nullptr;
        std::vector<float> s, t;
        if (!mul) {
            for (float v : ws_.weights(l)) s.push_back(quantize(l.weight_format, v, o_.rounding));
            for (float v : ws_.biases(l)) t.push_back(quantize(l.weight_format, v, o_.rounding));
        }
        const size_t plane = size_t(l.in.h * l.in.w);
        const bool per_channel = !mul || z->size() != x.size();
        std::vector<float> y(x.size());
        for (size_t i = 0; i < x.size(); ++i) {
            const size_t c = i / plane, k = per_channel ? c : i;
            const float f = mul ? (*z)[k] : s[c];
            float v;
            if (o_.fixed) {
                const int bits = o_.fixed_dp.operand.total_bits(),
                          frac = o_.fixed_dp.operand.frac_bits;
                int64_t r = shift_round(to_raw(x[i]) * to_raw(f), frac, o_.rounding);
                if (!mul) r += to_raw(t[c]);
                v = from_raw(saturate(r, bits));
            } else {
                v = fp32::mul(x[i], f);
                if (!mul) v = fp32::add(v, t[c]);
            }
            y[i] = store(l, v);
        }
        return y;
    }

    // conv2d and fc as GEMM rows: r = (c * kh + y) * kw + x within the group.
    std::vector<float> gemm(const Layer& l, const std::vector<float>& x) {
        const bool conv = l.type == LayerType::kConv2d;
        const int64_t groups = conv ? l.groups : 1,
                      cin_g = conv ? l.in.c / groups : l.in.elements();
        const int64_t kh = conv ? l.kernel_h : 1, kw = conv ? l.kernel_w : 1,
                      cout_g = l.out.c / groups;
        const int64_t R = cin_g * kh * kw;
        const auto& W = ws_.weights(l);
        const auto& B = ws_.biases(l);
        std::vector<float> wdec(W.size());
        for (size_t i = 0; i < W.size(); ++i)
            wdec[i] = quantize(l.weight_format, W[i], o_.rounding);
        std::vector<float> y(size_t(l.out.elements()));
        std::vector<float> col(static_cast<size_t>(R)), wrow(static_cast<size_t>(R));
        for (int64_t g = 0; g < groups; ++g)
            for (int64_t oy = 0; oy < l.out.h; ++oy)
                for (int64_t ox = 0; ox < l.out.w; ++ox) {
                    for (int64_t c = 0; c < cin_g; ++c)  // the input column, +0 in the padding
                        for (int64_t ky = 0; ky < kh; ++ky)
                            for (int64_t kx = 0; kx < kw; ++kx) {
                                const size_t r = size_t((c * kh + ky) * kw + kx);
                                if (!conv) {
                                    col[r] = x[size_t(c)];
                                    continue;
                                }
                                const int64_t iy = oy * l.stride_h - l.pad_top + ky * l.dilation_h;
                                const int64_t ix = ox * l.stride_w - l.pad_left + kx * l.dilation_w;
                                const bool inside =
                                    iy >= 0 && iy < l.in.h && ix >= 0 && ix < l.in.w;
                                col[r] =
                                    inside
                                        ? x[size_t(((g * cin_g + c) * l.in.h + iy) * l.in.w + ix)]
                                        : 0.0f;
                            }
                    for (int64_t k = g * cout_g; k < (g + 1) * cout_g; ++k) {
                        for (int64_t r = 0; r < R; ++r) wrow[size_t(r)] = wdec[size_t(k * R + r)];
                        const float bias =
                            l.has_bias ? quantize(l.weight_format, B[size_t(k)], o_.rounding)
                                       : 0.0f;
                        y[size_t((k * l.out.h + oy) * l.out.w + ox)] = element(l, wrow, col, bias);
                    }
                }
        return y;
    }

    float element(const Layer& l, const std::vector<float>& w, const std::vector<float>& x,
                  float bias) {
        if (!o_.fixed) return store(l, act_fp32(l, reduce_fp32(w, x, o_.width, l.has_bias, bias)));
        const FixedDatapath& dp = o_.fixed_dp;
        std::vector<int64_t> wr(w.size()), xr(x.size());
        for (size_t i = 0; i < w.size(); ++i) wr[i] = to_raw(w[i]), xr[i] = to_raw(x[i]);
        // bias raw shifted to the accumulator's fraction bits, saturated (docs/numerics.md step 4)
        const int shift = dp.product_frac_bits() - dp.operand.frac_bits;
        const int64_t b =
            saturate(shift_round(to_raw(bias), -shift, o_.rounding), dp.accumulator_bits);
        const int64_t acc = reduce_fixed(wr, xr, o_.width, l.has_bias, b, dp);
        const FixedFormat outf = fixed_act_format(l);
        return store(l, act_fixed(l, dp.requantize(acc, outf, o_.rounding), outf));
    }

    std::vector<float> pool(const Layer& l, const std::vector<float>& x, int64_t kh, int64_t kw,
                            int64_t sh, int64_t sw, int64_t pt, int64_t pl) {
        const bool maxp = l.type == LayerType::kMaxPool;
        std::vector<float> y(size_t(l.out.elements()));
        const int64_t n = kh * kw;
        for (int64_t c = 0; c < l.out.c; ++c)
            for (int64_t oy = 0; oy < l.out.h; ++oy)
                for (int64_t ox = 0; ox < l.out.w; ++ox) {
                    bool first = true;
                    float m = 0, sum = 0;
                    int64_t fsum = 0;
                    for (int64_t ky = 0; ky < kh; ++ky)
                        for (int64_t kx = 0; kx < kw; ++kx) {
                            const int64_t iy = oy * sh - pt + ky, ix = ox * sw - pl + kx;
                            const bool inside = iy >= 0 && iy < l.in.h && ix >= 0 && ix < l.in.w;
                            if (maxp && !inside) continue;  // max pool ignores padding
                            const float v =
                                inside ? operand(x[size_t((c * l.in.h + iy) * l.in.w + ix)]) : 0.0f;
                            if (maxp) {
                                if (first || v > m) m = v;
                            } else if (o_.fixed) {
                                fsum = acc_add(fsum, to_raw(v));
                            } else {
                                sum = first ? v : fp32::add(sum, v);
                            }
                            first = false;
                        }
                    float v = m;
                    if (!maxp) {
                        if (o_.fixed) {
                            const int64_t recip = std::llround(65536.0 / double(n));
                            v = from_raw(saturate(shift_round(fsum * recip, 16, o_.rounding),
                                                  o_.fixed_dp.operand.total_bits()));
                        } else {
                            v = fp32::mul(sum, float(1.0 / double(n)));
                        }
                    }
                    y[size_t((c * l.out.h + oy) * l.out.w + ox)] = store(l, v);
                }
        return y;
    }
};

}  // namespace

float reduce_fp32(const std::vector<float>& w, const std::vector<float>& x, int width,
                  bool has_bias, float bias) {
    float acc = reduce<float>(
        w, x, width, [](float a, float b) { return fp32::mul(a, b); },
        [](float a, float b) { return fp32::add(a, b); });
    return has_bias ? fp32::add(acc, bias) : acc;
}

int64_t reduce_fixed(const std::vector<int64_t>& w, const std::vector<int64_t>& x, int width,
                     bool has_bias, int64_t bias_acc, const FixedDatapath& dp) {
    int64_t acc = reduce<int64_t>(
        w, x, width, [&](int64_t a, int64_t b) { return dp.mul(a, b); },
        [&](int64_t a, int64_t b) { return dp.add(a, b); });
    return has_bias ? dp.add(acc, bias_acc) : acc;
}

std::map<std::string, std::vector<float>> run_reference(const Network& n,
                                                        const std::vector<float>& input,
                                                        const WeightStore& weights,
                                                        const ReferenceOptions& o) {
    if (o.width < 1 || (o.width & (o.width - 1)) != 0)
        throw std::invalid_argument("run_reference: width must be a power of two");
    return Reference(n, weights, o).run(input);
}

std::vector<float> seeded_input(const Network& n, uint64_t seed) {
    std::vector<float> v = seeded_normal(seed, "input", size_t(n.input.elements()), 1.0);
    for (auto& x : v) x = std::max(-1.0f, std::min(1.0f, x * 0.5f));
    return v;
}

}  // namespace edgesa
