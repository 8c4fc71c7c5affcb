#include "random_cases.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "config/act_support.h"
#include "network.h"
#include "numerics/activation.h"

namespace edgesa::verify {

namespace {

// splitmix64: a fixed, platform-independent generator (std::uniform_int_distribution is not).
class Draw {
  public:
    explicit Draw(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int64_t range(int64_t lo, int64_t hi) {  // inclusive
        return lo + int64_t(next() % uint64_t(hi - lo + 1));
    }
    bool chance(int percent) { return range(0, 99) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[size_t(range(0, int64_t(v.size()) - 1))];
    }

  private:
    uint64_t s_;
};

uint64_t mix(uint64_t a, uint64_t b) {
    Draw d(a * 0x100000001b3ull ^ (b + 0x632be59bd9b4e019ull));
    return d.next();
}

// ---- configs ----

struct DrawnConfig {
    std::string yaml, summary;
    int64_t rows = 0, width = 0;
    bool fixed = false;
    std::vector<int> functions;       // act codes the lanes implement (act_pool.functions)
    uint32_t pool_ops = kAllPoolOps;  // PoolOpBit bits the lanes implement (act_pool.ops)
};

// act_pool.functions: all eight (the key left out) half the time, else a random non-empty subset.
// From its own stream, so the rest of a seed's draws stay what they were before the key.
std::vector<int> draw_functions(uint64_t seed, int group) {
    Draw d(mix(seed ^ 0xac7f0c7105ull, uint64_t(group)));
    std::vector<int> all, some;
    for (int c = kActRelu; c < kActCodes; ++c) all.push_back(c);
    if (d.chance(50)) return all;
    for (int c : all)
        if (d.chance(40)) some.push_back(c);
    if (some.empty()) some.push_back(int(d.range(kActRelu, kActCodes - 1)));
    return some;
}

// act_pool.ops: all five (the key left out) half the time, else a random non-empty subset (each
// op 50 %). From its own stream too, so the other draws of a seed are what they were before it.
uint32_t draw_pool_ops(uint64_t seed, int group) {
    Draw d(mix(seed ^ 0x9001ce0b5ull, uint64_t(group)));
    if (d.chance(50)) return kAllPoolOps;
    uint32_t ops = 0;
    for (int b = 0; b < kPoolOpCount; ++b)
        if (d.chance(50)) ops |= 1u << b;
    if (ops == 0) ops = 1u << d.range(0, kPoolOpCount - 1);
    return ops;
}

DrawnConfig draw_config(Draw& d, uint64_t seed, int group) {
    DrawnConfig c;
    c.pool_ops = draw_pool_ops(seed, group);
    c.functions = draw_functions(seed, group);
    std::string act_pool_keys, act_pool_sum;  // empty: all functions and ops
    if (c.functions.size() + 1 < size_t(kActCodes)) {
        std::string names;
        for (int f : c.functions)
            names += (names.empty() ? "" : ", ") + std::string(activation_code_name(f));
        act_pool_keys = fmt::format(", functions: \"{}\"", names);
        act_pool_sum = " act " + names;
    }
    if (c.pool_ops != kAllPoolOps) {
        std::string names;
        for (int b = 0; b < kPoolOpCount; ++b)
            if (c.pool_ops >> b & 1u)
                names += (names.empty() ? "" : ", ") + std::string(pool_op_name(b));
        act_pool_keys += fmt::format(", ops: \"{}\"", names);
        act_pool_sum += " ops " + names;
    }
    c.rows = d.range(2, 8);
    c.width = d.pick<int64_t>({2, 4, 8});
    const int levels = int(std::log2(double(c.width)));
    std::string compute = "type: fp32";
    std::string ctype = "fp32";
    c.fixed = d.chance(60);
    if (c.fixed) {
        // q<I>.<F> operands; product_bits keeps at least the product's 2I integer bits and at
        // most its exact 2(I+F) bits; the accumulator is at least as wide (core/config/loader.cpp).
        const int64_t I = d.range(1, 6), F = d.range(2, d.chance(20) ? 24 - I : 14);
        const int64_t w = I + F;
        const int64_t pmin = std::max<int64_t>(2, 2 * I), pmax = std::min<int64_t>(48, 2 * w);
        const int64_t pb = d.chance(40) ? pmax : d.range(pmin, pmax);
        const int64_t ab = d.range(pb, std::min<int64_t>(48, pb + 16));
        ctype = fmt::format("q{}.{}", I, F);
        compute = fmt::format("type: {}, product_bits: {}, accumulator_bits: {}", ctype, pb, ab);
        ctype += fmt::format(" p{} a{}", pb, ab);
    }
    const int64_t depth = d.chance(30) ? 1 : d.range(2, 8);
    const int64_t acc = d.chance(30) ? d.range(1, 8) : d.range(9, 64);
    // DRAM: 0.5 .. 16 bytes per cycle at 100 MHz (integer thousandths, so the derived credit is
    // exact), 0 .. 400 ns latency, few outstanding reads and shallow FIFOs: memory stalls.
    const int64_t mbpc = d.chance(40) ? d.range(500, 3000) : d.range(3001, 16000);
    const int64_t lat = d.chance(20) ? 0 : d.range(1, d.chance(30) ? 400 : 120);
    const int64_t burst = d.pick<int64_t>({4, 8, 16, 32});
    const int64_t outstanding = d.range(1, 8);
    c.yaml = fmt::format(
        "# edgesa verify --random: seed {}, config {}\n"
        "name: random_{}_{}\n"
        "array: {{rows: {}, width: {}, buffer_depth: {}, multiplier_stages: {}, "
        "tree_levels_per_stage: {}}}\n"
        "compute: {{{}}}\n"
        "decompressor: {{engines: {}, stages: {}}}\n"
        "compressor: {{engines: {}, stages: {}}}\n"
        "rounding: {}\n"
        "accumulator: {{depth: {}}}\n"
        "act_pool: {{lanes: {}, stages: {}{}}}\n"
        "clock: {{mhz: 100}}\n"
        "dram: {{bandwidth_gbps: {}, latency_ns: {}, burst_bytes: {}, max_outstanding: {}}}\n"
        "fifo: {{read_depth: {}, stream_depth: {}, result_depth: {}, write_depth: {}}}\n",
        seed, group, seed, group, c.rows, c.width, depth, d.range(1, 3), d.range(1, levels),
        compute, d.range(1, c.width), d.range(1, 3), d.range(1, c.rows), d.range(1, 3),
        d.chance(50) ? "trunc" : "rne", acc, d.range(1, c.rows), d.range(1, 3), act_pool_keys,
        fmt::format("{}.{:04d}", mbpc / 10000, mbpc % 10000), lat, burst, outstanding,
        d.range(1, 12), d.range(1, 6), d.range(1, 24), d.range(1, 8));
    c.summary = fmt::format("{}x{} {} d{} acc{} dram {:.2f}B/c {}ns b{} o{}", c.rows, c.width,
                            ctype, depth, acc, double(mbpc) / 1000, lat, burst, outstanding);
    c.summary += act_pool_sum;
    return c;
}

// ---- storage formats ----

std::string draw_format(Draw& d) {
    const int kind = int(d.range(0, 99));
    if (kind < 30) return "fp32";
    if (kind < 65) {
        // Custom float: most biases put Min below 1 and Max at or above 1 (the values drawn are
        // about 2^-6 .. 2^4); one in five may be anything legal (custom_float_problem).
        const int64_t E = d.range(2, 8), M = d.range(0, d.chance(20) ? 23 : 10);
        const int64_t legal_lo = (int64_t(1) << E) - 129, legal_hi = 127;
        int64_t lo = std::max<int64_t>(legal_lo, 2),
                hi = std::min<int64_t>(legal_hi, (int64_t(1) << E) - 1);
        if (d.chance(20))
            lo = std::max<int64_t>(legal_lo, -20), hi = std::min<int64_t>(legal_hi, 40);
        return fmt::format("e{}m{}b{}", E, M, d.range(lo, std::max(lo, hi)));
    }
    const int64_t I = d.range(1, 8),
                  F = d.range(0, d.chance(20) ? 32 - I : std::min<int64_t>(16, 24 - I));
    return fmt::format("q{}.{}", I, F);
}

// ---- tensors ----

// Exactly representable values: integers of up to 12 bits times a power of two, with a drawn
// magnitude, some zeros and a few outliers (saturation, underflow, ties).
std::vector<float> draw_values(Draw& d, size_t n) {
    const int top = int(d.range(-5, 2));  // |v| < 2^top mostly
    std::vector<float> v(n);
    for (auto& x : v) {
        const int r = int(d.range(0, 99));
        if (r < 6) {
            x = 0.0f;
            continue;
        }
        const int e =
            r < 10 ? top + int(d.range(2, 5)) : (r < 14 ? top - int(d.range(6, 14)) : top);
        x = std::ldexp(float(d.range(-4095, 4095)), e - 12);
    }
    return v;
}

// ---- layers ----

struct LayerText {
    Layer l;
    std::string yaml, summary;
};

std::string shape_text(const Shape& s) {
    return fmt::format("{}x{}x{}", s.c, s.h, s.w);
}

class CaseBuilder {
  public:
    CaseBuilder(Draw& d, int index) : d_(d) { c_.index = index; }

    Shape input;
    std::string input_format;
    std::vector<int> functions;  // the design's act codes (act_pool.functions)

    const Layer* find(const std::string& name) const {
        for (const auto& t : layers_)
            if (t.l.name == name) return &t.l;
        return nullptr;
    }
    Shape shape_of(const std::string& name) const {
        return name == "input" ? input : find(name)->out;
    }

    // Adds a layer whose shape infer_output_shape accepts; false (nothing added) otherwise.
    bool add(Layer l, const std::string& keys, const std::string& summary) {
        std::vector<Shape> ins;
        for (const auto& i : l.inputs) ins.push_back(shape_of(i));
        std::string why;
        const Shape out = infer_output_shape(l, ins, &why);
        if (!why.empty() || out.c < 1 || out.h < 1 || out.w < 1) return false;
        l.in = ins[0];
        l.out = out;
        std::string yaml = fmt::format("  - name: {}\n    type: {}\n    inputs: [{}]\n", l.name,
                                       to_string(l.type), fmt::join(l.inputs, ", "));
        yaml += keys;
        yaml += fmt::format("    out_format: {}\n", l.out_format.name());
        if (l.type == LayerType::kConv2d || l.type == LayerType::kFc) yaml += gemm_tensors(l);
        layers_.push_back({l, yaml,
                           fmt::format("{} {}>{} {} o:{}", to_string(l.type), shape_text(l.in),
                                       shape_text(l.out), summary, l.out_format.name())});
        return true;
    }

    RandomCase finish(const std::string& name) {
        c_.trace_yaml = fmt::format(
            "edgesa_trace: 1\nname: {}\ninput: {{shape: [{}, {}, {}], format: {}}}\nlayers:\n",
            name, input.c, input.h, input.w, input_format);
        std::vector<std::string> parts{fmt::format("in:{}", input_format)};
        for (const auto& t : layers_) {
            c_.trace_yaml += t.yaml;
            parts.push_back(t.summary);
        }
        c_.summary = fmt::format("{}", fmt::join(parts, " | "));
        return c_;
    }

    size_t size() const { return layers_.size(); }

    // The act/pool operations (PoolOpBit bits) the layers so far run on.
    uint32_t pool_ops_used() const {
        uint32_t ops = 0;
        for (const auto& t : layers_) {
            const int b = pool_op_bit(pool_op_of(t.l.type));
            if (b >= 0) ops |= 1u << b;
        }
        return ops;
    }

  private:
    // Three gemm layers in four carry drawn .npy tensors; the rest use the seeded He-normal ones.
    std::string gemm_tensors(const Layer& l) {
        if (!d_.chance(75)) return "";
        const int64_t per = l.type == LayerType::kConv2d
                                ? (l.in.c / l.groups) * l.kernel_h * l.kernel_w
                                : l.in.elements();
        RandomTensor w{fmt::format("tensors/{}.w.npy", l.name), {}};
        w.data.shape =
            l.type == LayerType::kConv2d
                ? std::vector<int64_t>{l.out.c, l.in.c / l.groups, l.kernel_h, l.kernel_w}
                : std::vector<int64_t>{l.out.c, per};
        w.data.data = draw_values(d_, size_t(l.out.c * per));
        std::string keys = fmt::format("    weights: {}\n", w.file);
        c_.tensors.push_back(std::move(w));
        if (l.has_bias) {
            RandomTensor b{fmt::format("tensors/{}.b.npy", l.name), {}};
            b.data.shape = {l.out.c};
            b.data.data = draw_values(d_, size_t(l.out.c));
            keys += fmt::format("    biases: {}\n", b.file);
            c_.tensors.push_back(std::move(b));
        }
        return keys;
    }

    Draw& d_;
    RandomCase c_;
    std::vector<LayerText> layers_;
};

StorageFormat fmt_of(const std::string& s) {
    return *StorageFormat::parse(s, nullptr);
}

// `code` if the design implements it, else one it does (no extra draw, so the stream of an
// all-functions design is unchanged).
std::string declared_function(int code, const std::vector<int>& functions) {
    for (int f : functions)
        if (f == code) return activation_code_name(code);
    return activation_code_name(functions[size_t(code) % functions.size()]);
}

// A fused activation: none (the key left out, 3 in 11) or one of the declared functions
// (numerics/activation.h codes 1..8: relu ... tanh).
std::string draw_activation(Draw& d, const std::vector<int>& functions) {
    const int r = int(d.range(0, kActCodes + 1));
    return r < 3 ? "" : declared_function(r - 2, functions);
}

std::string activation_key(const Layer& l) {
    return l.activation.empty() ? "" : fmt::format("    activation: {}\n", l.activation);
}

// A conv on `in` (same_shape: stride 1, 'same' padding and as many filters as input channels,
// for a residual add).
bool add_conv(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in,
              bool same_shape) {
    const Shape s = b.shape_of(in);
    Layer l;
    l.name = name;
    l.type = LayerType::kConv2d;
    l.inputs = {in};
    l.kernel_h = d.pick<int64_t>({1, 1, 2, 3, 3});
    l.kernel_w = d.chance(70) ? l.kernel_h : d.range(1, 3);
    int64_t filters = d.range(1, d.chance(20) ? 16 : 8);
    // groups: 1, depthwise (groups = channels = filters), or a common divisor.
    const int gk = int(d.range(0, 9));
    l.groups = 1;
    if (gk < 2) {
        l.groups = s.c;
        filters = s.c * (d.chance(70) ? 1 : 2);
    } else if (gk < 4) {
        std::vector<int64_t> divs;
        for (int64_t g = 1; g <= s.c; ++g)
            if (s.c % g == 0) divs.push_back(g);
        l.groups = d.pick(divs);
        filters = l.groups * d.range(1, 3);
    }
    if (same_shape) {
        if (l.kernel_h % 2 == 0) l.kernel_h = 3;
        if (l.kernel_w % 2 == 0) l.kernel_w = 1;
        filters = s.c;
        if (l.groups != 1 && l.groups != s.c) l.groups = 1;
        l.pad_top = l.pad_bottom = l.kernel_h / 2;
        l.pad_left = l.pad_right = l.kernel_w / 2;
    } else {
        l.stride_h = d.chance(60) ? 1 : d.range(2, 3);
        l.stride_w = d.chance(70) ? l.stride_h : d.range(1, 2);
        l.pad_top = d.range(0, l.kernel_h - 1);
        l.pad_left = d.range(0, l.kernel_w - 1);
        const bool sym = d.chance(70);
        l.pad_bottom = sym ? l.pad_top : d.range(0, l.kernel_h - 1);
        l.pad_right = sym ? l.pad_left : d.range(0, l.kernel_w - 1);
        if (d.chance(10)) l.dilation_h = l.dilation_w = 2;
    }
    l.out.c = filters;
    l.has_bias = d.chance(60);
    l.activation = draw_activation(d, b.functions);
    l.weight_format = fmt_of(draw_format(d));
    l.out_format = fmt_of(draw_format(d));
    std::string keys = fmt::format(
        "    filters: {}\n    kernel: [{}, {}]\n    stride: [{}, {}]\n    pad: [{}, {}, {}, {}]\n",
        filters, l.kernel_h, l.kernel_w, l.stride_h, l.stride_w, l.pad_top, l.pad_left,
        l.pad_bottom, l.pad_right);
    if (l.dilation_h != 1) keys += fmt::format("    dilation: {}\n", l.dilation_h);
    if (l.groups != 1) keys += fmt::format("    groups: {}\n", l.groups);
    keys += fmt::format("    bias: {}\n{}    weight_format: {}\n", l.has_bias ? "true" : "false",
                        activation_key(l), l.weight_format.name());
    const std::string sum = fmt::format(
        "k{}x{} s{}x{} p{},{},{},{}{}{}{} {} w:{}", l.kernel_h, l.kernel_w, l.stride_h, l.stride_w,
        l.pad_top, l.pad_left, l.pad_bottom, l.pad_right, l.dilation_h != 1 ? " d2" : "",
        l.groups != 1 ? fmt::format(" g{}", l.groups) : "", l.has_bias ? " +b" : "",
        l.activation.empty() ? "-" : l.activation, l.weight_format.name());
    return b.add(l, keys, sum);
}

bool add_fc(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in) {
    Layer l;
    l.name = name;
    l.type = LayerType::kFc;
    l.inputs = {in};
    if (b.shape_of(in).elements() > 256) return false;  // keep the case a few thousand cycles
    l.out.c = d.range(1, d.chance(20) ? 20 : 10);
    l.has_bias = d.chance(60);
    l.activation = draw_activation(d, b.functions);
    l.weight_format = fmt_of(draw_format(d));
    l.out_format = fmt_of(draw_format(d));
    const std::string keys =
        fmt::format("    units: {}\n    bias: {}\n{}    weight_format: {}\n", l.out.c,
                    l.has_bias ? "true" : "false", activation_key(l), l.weight_format.name());
    return b.add(l, keys,
                 fmt::format("{}{} w:{}", l.has_bias ? "+b " : "",
                             l.activation.empty() ? "-" : l.activation, l.weight_format.name()));
}

bool add_pool(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in) {
    Layer l;
    l.name = name;
    l.inputs = {in};
    l.out_format = fmt_of(draw_format(d));
    const int r = int(d.range(0, 4));
    if (r == 4) {
        l.type = LayerType::kGlobalAvgPool;
        return b.add(l, "", "");
    }
    l.type = r < 2 ? LayerType::kMaxPool : LayerType::kAvgPool;
    l.kernel_h = d.range(1, 3);
    l.kernel_w = d.chance(70) ? l.kernel_h : d.range(1, 3);
    const bool stride_given = d.chance(60);
    l.stride_h = stride_given ? d.range(1, 3) : l.kernel_h;
    l.stride_w = stride_given ? (d.chance(70) ? l.stride_h : d.range(1, 3)) : l.kernel_w;
    l.pad_top = l.pad_bottom = d.range(0, l.kernel_h - 1);
    l.pad_left = l.pad_right = d.range(0, l.kernel_w - 1);
    l.ceil_mode = d.chance(20);
    std::string keys = fmt::format("    kernel: [{}, {}]\n", l.kernel_h, l.kernel_w);
    if (stride_given) keys += fmt::format("    stride: [{}, {}]\n", l.stride_h, l.stride_w);
    keys += fmt::format("    pad: [{}, {}]\n", l.pad_top, l.pad_left);
    if (l.ceil_mode) keys += "    ceil_mode: true\n";
    return b.add(l, keys,
                 fmt::format("k{}x{} s{}x{} p{},{}{}", l.kernel_h, l.kernel_w, l.stride_h,
                             l.stride_w, l.pad_top, l.pad_left, l.ceil_mode ? " ceil" : ""));
}

bool add_act(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in) {
    Layer l;
    l.name = name;
    l.type = LayerType::kActivation;
    l.inputs = {in};
    l.activation = declared_function(int(d.range(kActRelu, kActCodes - 1)), b.functions);
    l.out_format = fmt_of(draw_format(d));
    return b.add(l, fmt::format("    function: {}\n", l.activation), l.activation);
}

bool add_add(Draw& d, CaseBuilder& b, const std::string& name, const std::string& x,
             const std::string& y) {
    Layer l;
    l.name = name;
    l.type = LayerType::kAdd;
    l.inputs = d.chance(50) ? std::vector<std::string>{x, y} : std::vector<std::string>{y, x};
    l.out_format = fmt_of(draw_format(d));
    return b.add(l, "", "");
}

bool add_scale_shift(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in) {
    Layer l;
    l.name = name;
    l.type = LayerType::kScaleShift;
    l.inputs = {in};
    l.weight_format = fmt_of(draw_format(d));
    l.out_format = fmt_of(draw_format(d));
    return b.add(l, fmt::format("    weight_format: {}\n", l.weight_format.name()),
                 "w:" + l.weight_format.name());
}

// x * y, y of x's shape or (squeeze-excite) x's global average, one value per channel.
bool add_mul(Draw& d, CaseBuilder& b, const std::string& name, const std::string& x) {
    std::string y = x;
    if (d.chance(50)) {
        Layer g;
        g.name = name + "_gap";
        g.type = LayerType::kGlobalAvgPool;
        g.inputs = {x};
        g.out_format = fmt_of(draw_format(d));
        if (!b.add(g, "", "")) return false;
        y = g.name;
    }
    Layer l;
    l.name = name;
    l.type = LayerType::kMul;
    l.inputs = {x, y};
    l.out_format = fmt_of(draw_format(d));
    return b.add(l, "", y == x ? "x*x" : "per channel");
}

bool add_upsample(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in) {
    Layer l;
    l.name = name;
    l.type = LayerType::kUpsample;
    l.inputs = {in};
    l.factor = d.range(1, 3);
    l.out_format = fmt_of(draw_format(d));
    return b.add(l, fmt::format("    factor: {}\n", l.factor), fmt::format("x{}", l.factor));
}

// A channel shuffle (no device work: its consumer's image reads the permuted channels).
bool add_shuffle(Draw& d, CaseBuilder& b, const std::string& name, const std::string& in) {
    const int64_t c = b.shape_of(in).c;
    std::vector<int64_t> divs;
    for (int64_t g = 2; g <= c; ++g)
        if (c % g == 0) divs.push_back(g);
    if (divs.empty()) return false;
    Layer l;
    l.name = name;
    l.type = LayerType::kChannelShuffle;
    l.inputs = {in};
    l.groups = d.pick(divs);
    l.out_format = b.find(in) ? b.find(in)->out_format : fmt_of(b.input_format);
    return b.add(l, fmt::format("    groups: {}\n", l.groups), fmt::format("g{}", l.groups));
}

// One case: a short chain of layers of every type the top runs. A case using an operation the
// design leaves out (act_pool.ops) is drawn again, so an all-ops design draws what it drew before
// the key.
RandomCase draw_case(Draw& d, int index, uint64_t seed, const std::vector<int>& functions,
                     uint32_t pool_ops) {
    for (;;) {
        CaseBuilder b(d, index);
        b.functions = functions;
        b.input = {d.range(1, 4), d.range(1, 7), d.range(1, 7)};
        b.input_format = draw_format(d);
        bool ok = true;
        switch (d.range(0, 13)) {
            case 0:
            case 1:
                ok = add_conv(d, b, "conv", "input", false);
                break;
            case 2:
                ok = add_fc(d, b, "fc", "input");
                break;
            case 3:
                ok = add_pool(d, b, "pool", "input");
                break;
            case 4:
                ok = add_act(d, b, "act", "input");
                break;
            case 5:  // conv, then pooling or an activation
                ok = add_conv(d, b, "conv", "input", false) &&
                     (d.chance(60) ? add_pool(d, b, "pool", "conv") : add_act(d, b, "act", "conv"));
                break;
            case 6:  // conv, then fc
                ok = add_conv(d, b, "conv", "input", false) && add_fc(d, b, "fc", "conv");
                break;
            case 7:
            case 8:  // a residual block: conv with the input's shape, then the add
                ok = add_conv(d, b, "conv", "input", true) && add_add(d, b, "add", "conv", "input");
                break;
            case 9:  // an activation and the input added
                ok = add_act(d, b, "act", "input") && add_add(d, b, "add", "act", "input");
                break;
            case 10:  // an un-folded batch norm, maybe after a conv
                ok = d.chance(50) ? add_scale_shift(d, b, "ss", "input")
                                  : add_conv(d, b, "conv", "input", false) &&
                                        add_scale_shift(d, b, "ss", "conv");
                break;
            case 11:  // squeeze-excite or a whole-tensor product
                ok = add_mul(d, b, "mul", "input");
                break;
            case 12:  // upsampling, maybe into an activation
                ok = add_upsample(d, b, "up", "input") &&
                     (d.chance(50) || add_act(d, b, "act", "up"));
                break;
            default:  // a channel shuffle read by pooling or an activation
                ok = add_shuffle(d, b, "shuffle", "input") &&
                     (d.chance(50) ? add_pool(d, b, "pool", "shuffle")
                                   : add_act(d, b, "act", "shuffle"));
                break;
        }
        if (ok && b.size() > 0 && (b.pool_ops_used() & ~pool_ops) == 0)
            return b.finish(fmt::format("random_{}_{}", seed, index));
    }
}

}  // namespace

std::vector<RandomGroup> draw_random_cases(uint64_t seed, int count, int per_config) {
    std::vector<RandomGroup> groups;
    per_config = std::max(1, per_config);
    for (int j = 0; j * per_config < count; ++j) {
        Draw d(mix(seed, uint64_t(j)));
        RandomGroup g;
        g.index = j;
        const DrawnConfig c = draw_config(d, seed, j);
        g.config_yaml = c.yaml;
        g.summary = c.summary;
        for (int k = 0; k < per_config && j * per_config + k < count; ++k)
            g.cases.push_back(draw_case(d, j * per_config + k, seed, c.functions, c.pool_ops));
        groups.push_back(std::move(g));
    }
    return groups;
}

}  // namespace edgesa::verify
