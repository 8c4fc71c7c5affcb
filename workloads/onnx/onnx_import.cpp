#include "onnx/onnx_import.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <onnx/onnx_pb.h>

#include "diag/diagnostic.h"
#include "io/npy.h"
#include "onnx/onnx_fold.h"
#include "onnx/onnx_tensor.h"
#include "trace/trace_io.h"

namespace edgesa {
namespace {
using namespace onnx_import;

const char* kSupported =
    "Conv, Gemm, MatMul (2-D input), BatchNormalization, Relu, Clip (0..6 or 0..inf), Sigmoid, "
    "Tanh, "
    "HardSigmoid, HardSwish, LeakyRelu (0.1), Mul, Add, MaxPool, AveragePool, GlobalAveragePool, "
    "ReduceMean (over "
    "H, W), "
    "Concat, Split, Slice (channels), Flatten, Reshape, Transpose (channel shuffle), Pad (before "
    "Conv or "
    "AveragePool), Resize/Upsample (nearest, integer factor), Softmax, Dropout, Identity, Constant "
    "and "
    "constant subgraphs (Shape, Gather, Unsqueeze, Squeeze, Cast, ConstantOfShape, arithmetic)";

// The largest graph input dimension and element count accepted (a trace must stay simulable).
constexpr int64_t kMaxInputDim = 1 << 16;
constexpr int64_t kMaxInputElements = int64_t(1) << 28;

// A non-constant tensor: the layer that produces it, the rank ONNX gives it, and what a pending
// Pad, or the first steps of a channel shuffle, still owe to its consumer.
struct Value {
    std::string layer;              // producing layer, or "input"
    int rank = 4;                   // 4 (N, C, H, W) or 2 (N, features)
    int64_t pad[4] = {0, 0, 0, 0};  // a Pad's top, left, bottom, right, folded into the consumer
    int shuffle_stage = 0;  // 1: reshaped to (N, g, C/g, H, W); 2: transposed to (N, C/g, g, H, W)
    int64_t shuffle_groups = 0;
    bool padded() const { return pad[0] || pad[1] || pad[2] || pad[3]; }
};

class Importer {
  public:
    Importer(std::string file, const ImportOptions& o) : file_(std::move(file)), opts_(o) {}

    ImportedModel run() {
        onnx::ModelProto model;
        parse(&model);
        for (const auto& op : model.opset_import())
            if (op.domain().empty() || op.domain() == "ai.onnx") opset_ = int(op.version());
        const auto& g = model.graph();
        for (const auto& t : g.initializer())
            consts_[t.name()] = checked(t, "initializer " + t.name());
        graph_input(g);
        count_uses(g);
        m_.net.name = g.name().empty() ? std::filesystem::path(file_).stem().string() : g.name();
        for (const auto& node : g.node()) convert(node);
        if (m_.net.layers.empty()) fail("graph", "", "has no layer that computes anything");
        m_.net.source_file = file_;
        infer_shapes(m_.net);  // already consistent; names the file if not
        m_.net.source_file.clear();
        return std::move(m_);
    }

  private:
    std::string file_;
    ImportOptions opts_;
    int opset_ = 13;
    ImportedModel m_;
    std::map<std::string, ConstTensor> consts_;
    std::map<std::string, Value> values_;
    std::map<std::string, std::string> alias_;  // Identity/Dropout output -> input (pre-pass)
    std::map<std::string, int> uses_;  // tensor (alias root) -> consuming nodes and graph outputs
    std::map<std::string, std::string> raw_;  // layer -> its own output tensor (alias root)

    [[noreturn]] void fail(const std::string& key, const std::string& value,
                           const std::string& rule) const {
        throw InputError(Diagnostic{{file_, 0, 0}, key, value, rule});
    }

    void parse(onnx::ModelProto* model) {
        std::ifstream in(file_, std::ios::binary);
        if (!in) fail("", "", "cannot open ONNX file");
        std::error_code ec;
        const auto size = std::filesystem::file_size(file_, ec);
        if (ec || size == 0) fail("", "", "the file is empty (0 bytes), not an ONNX model");
        if (size > (uint64_t(2) << 30))
            fail("", std::to_string(size), "ONNX files larger than 2 GiB are not supported");
        if (!model->ParseFromIstream(&in))
            fail("", "", "not a valid ONNX model (protobuf parse failed)");
        if (!model->has_graph() || model->graph().node_size() == 0)
            fail("graph", "", "the model has no graph nodes");
    }

    ConstTensor checked(const onnx::TensorProto& t, const std::string& what) const {
        std::string why;
        ConstTensor c = read_tensor(t, &why);
        if (!why.empty()) fail(what, fmt::format("dims {}", dims_text(c.dims)), why);
        return c;
    }

    static std::string dims_text(const std::vector<int64_t>& d) {
        std::string s;
        for (auto x : d) s += (s.empty() ? "" : ", ") + std::to_string(x);
        return "[" + s + "]";
    }

    // The first graph input that is not an initializer is the image: (N, C, H, W) with N = 1.
    void graph_input(const onnx::GraphProto& g) {
        for (const auto& vi : g.input()) {
            if (consts_.count(vi.name())) continue;
            const auto& shp = vi.type().tensor_type().shape();
            std::vector<std::string> text;
            std::vector<int64_t> dims;
            bool dynamic = false;
            for (const auto& d : shp.dim()) {
                const bool known = d.has_dim_value() && d.dim_value() > 0;
                dynamic |= !known;
                text.push_back(known               ? std::to_string(d.dim_value())
                               : d.has_dim_param() ? d.dim_param()
                                                   : "?");
                dims.push_back(known ? d.dim_value() : 0);
            }
            std::string shown;
            for (const auto& t : text) shown += (shown.empty() ? "" : ", ") + t;
            shown = "[" + shown + "]";
            if (dims.size() != 4)
                fail(vi.name(), shown, "the graph input must be 4-D (N, C, H, W)");
            if (dims[0] > 1)
                fail(vi.name(), shown, "the batch dimension must be 1 (traces are per image)");
            Shape s{dims[1], dims[2], dims[3]};
            if (opts_.input_shape) {
                const Shape& o = *opts_.input_shape;
                if ((s.c && s.c != o.c) || (s.h && s.h != o.h) || (s.w && s.w != o.w))
                    fail(vi.name(), shown,
                         fmt::format("--input-shape {},{},{} contradicts the model's fixed dims",
                                     o.c, o.h, o.w));
                s = o;
            } else if (dynamic && (s.c == 0 || s.h == 0 || s.w == 0)) {
                fail(vi.name(), shown,
                     "the input has symbolic dims; give them with --input-shape C,H,W");
            }
            if (s.c > kMaxInputDim || s.h > kMaxInputDim || s.w > kMaxInputDim ||
                s.c * s.h * s.w > kMaxInputElements)
                fail(vi.name(), shown,
                     fmt::format("each dim must be at most {} and C*H*W at most {}", kMaxInputDim,
                                 kMaxInputElements));
            m_.net.input = s;
            values_[vi.name()] = Value{"input", 4};
            return;
        }
        fail("graph", "", "has no input that is not an initializer");
    }

    std::string root(std::string t) const {
        for (auto a = alias_.find(t); a != alias_.end(); a = alias_.find(t)) t = a->second;
        return t;
    }
    void count_uses(const onnx::GraphProto& g) {
        for (const auto& n : g.node())
            if ((n.op_type() == "Identity" || n.op_type() == "Dropout") && n.input_size() >= 1 &&
                n.output_size() >= 1)
                alias_[n.output(0)] = n.input(0);
        for (const auto& n : g.node()) {
            if (n.op_type() == "Identity" || n.op_type() == "Dropout") continue;
            for (const auto& i : n.input())
                if (!i.empty()) ++uses_[root(i)];
        }
        for (const auto& o : g.output()) ++uses_[root(o.name())];
    }

    // ---- node helpers
    std::string node_name(const onnx::NodeProto& n) const {
        if (!n.name().empty()) return n.name();
        return n.output_size() > 0 ? n.output(0) : n.op_type();
    }
    const ConstTensor* constant(const onnx::NodeProto& n, int i) const {
        if (i >= n.input_size() || n.input(i).empty()) return nullptr;
        auto c = consts_.find(n.input(i));
        return c == consts_.end() ? nullptr : &c->second;
    }
    const ConstTensor& need_const(const onnx::NodeProto& n, int i, const char* what) const {
        const ConstTensor* c = constant(n, i);
        if (!c)
            fail(node_name(n), n.op_type(),
                 fmt::format("input {} ({}) must be a constant", i, what));
        return *c;
    }
    Value& value(const onnx::NodeProto& n, int i) {
        if (i >= n.input_size() || n.input(i).empty())
            fail(node_name(n), n.op_type(), fmt::format("input {} is missing", i));
        auto v = values_.find(n.input(i));
        if (v == values_.end())
            fail(node_name(n), n.input(i),
                 fmt::format("{} input {} is not produced by an earlier supported node",
                             n.op_type(), i));
        return v->second;
    }
    // A plain layer tensor: no pending Pad or channel shuffle (those only feed specific ops).
    const Value& plain(const onnx::NodeProto& n, int i) {
        const Value& v = value(n, i);
        if (v.padded())
            fail(node_name(n), n.op_type(),
                 "a Pad may only feed a Conv or an AveragePool (zero padding)");
        if (v.shuffle_stage)
            fail(node_name(n), n.op_type(),
                 "a 5-D Reshape/Transpose is supported only as a channel shuffle "
                 "(Reshape to (N, g, C/g, H, W), Transpose (0, 2, 1, 3, 4), Reshape back)");
        return v;
    }
    Shape shape_of(const std::string& layer) const {
        return layer == "input" ? m_.net.input : m_.net.find(layer)->out;
    }
    std::vector<int64_t> dims_of(const Value& v) const {
        const Shape s = shape_of(v.layer);
        return v.rank == 2 ? std::vector<int64_t>{1, s.elements()}
                           : std::vector<int64_t>{1, s.c, s.h, s.w};
    }
    std::vector<int64_t> ints_exact(const onnx::NodeProto& n, const char* name, size_t size,
                                    std::vector<int64_t> def) {
        const auto v = attr_ints(n, name, std::move(def));
        if (v.size() != size)
            fail(node_name(n) + "." + name, dims_text(v),
                 fmt::format("{} needs exactly {} values", n.op_type(), size));
        return v;
    }
    void output(const onnx::NodeProto& n, Value v) {
        if (n.output_size() < 1 || n.output(0).empty())
            fail(node_name(n), n.op_type(), "the node has no output");
        values_[n.output(0)] = std::move(v);
    }

    // Appends a layer (shapes computed at once: errors name the node) and binds output 0 to it.
    Layer& add(Layer l, const onnx::NodeProto& n, int rank = 4, int out_index = 0) {
        l.name = node_name(n) + (out_index ? "#" + std::to_string(out_index) : "");
        if (l.name == "input" || m_.net.find(l.name))
            l.name += "#" + std::to_string(m_.net.layers.size());
        std::vector<Shape> ins;
        for (const auto& i : l.inputs) ins.push_back(shape_of(i));
        std::string why;
        const Shape out = infer_output_shape(l, ins, &why);
        if (!why.empty()) fail(node_name(n), n.op_type(), why);
        l.in = ins.empty() ? Shape{} : ins[0];
        l.out = out;
        if (out_index >= n.output_size())
            fail(node_name(n), n.op_type(), "the node has too few outputs");
        values_[n.output(out_index)] = Value{l.name, rank};
        raw_[l.name] = root(n.output(out_index));
        m_.net.layers.push_back(std::move(l));
        return m_.net.layers.back();
    }
    Layer unary(LayerType t, const onnx::NodeProto& n) {
        Layer l;
        l.type = t;
        l.inputs = {plain(n, 0).layer};
        return l;
    }
    void activation(const onnx::NodeProto& n, const std::string& f) {
        Layer l = unary(LayerType::kActivation, n);
        l.activation = f;
        add(l, n, value(n, 0).rank);
    }

    // kernel, strides, pads and dilations of a 2-D window (attributes checked for length).
    void window(const onnx::NodeProto& n, Layer& l, std::vector<int64_t> kernel) {
        const auto k = ints_exact(n, "kernel_shape", 2, std::move(kernel));
        l.kernel_h = k[0], l.kernel_w = k[1];
        const auto s = ints_exact(n, "strides", 2, {1, 1});
        l.stride_h = s[0], l.stride_w = s[1];
        const auto p =
            ints_exact(n, "pads", 4, {0, 0, 0, 0});  // ONNX: h_begin, w_begin, h_end, w_end
        l.pad_top = p[0], l.pad_left = p[1], l.pad_bottom = p[2], l.pad_right = p[3];
        const auto d = ints_exact(n, "dilations", 2, {1, 1});
        l.dilation_h = d[0], l.dilation_w = d[1];
        for (const auto* list : {&k, &s, &p, &d})  // bounds that keep the shape arithmetic exact
            for (int64_t v : *list)
                if (v < 0 || v > kMaxInputDim)
                    fail(node_name(n), dims_text(*list),
                         fmt::format("{} window attributes must be in 0..{}", n.op_type(),
                                     kMaxInputDim));
        const std::string ap = attr_string(n, "auto_pad", "NOTSET");
        if (ap == "VALID") {
            l.pad_top = l.pad_left = l.pad_bottom = l.pad_right = 0;
        } else if (ap != "NOTSET") {
            fail(node_name(n) + ".auto_pad", ap,
                 "only NOTSET and VALID are supported; export with explicit pads");
        }
        const Value& in = value(n, 0);
        l.pad_top += in.pad[0], l.pad_left += in.pad[1], l.pad_bottom += in.pad[2],
            l.pad_right += in.pad[3];
        l.inputs = {in.layer};
        if (in.shuffle_stage) plain(n, 0);
    }

    void convert(const onnx::NodeProto& n) {
        const std::string& op = n.op_type();
        if (!n.domain().empty() && n.domain() != "ai.onnx")
            fail(node_name(n), n.domain() + "." + op, "only the default ONNX domain is supported");
        if (n.output_size() < 1 || n.output(0).empty())
            fail(node_name(n), op, "the node has no output");
        if (op == "Constant") return constant_node(n);
        if (try_fold(n)) return;
        if (op == "Identity" || op == "Dropout") {
            if (op == "Dropout" && constant(n, 2) && !constant(n, 2)->v.empty() &&
                constant(n, 2)->v[0] != 0)
                fail(node_name(n), op, "training_mode must be false");
            values_[n.output(0)] = value(n, 0);
        } else if (op == "Conv") {
            conv(n);
        } else if (op == "ConvTranspose") {
            fail(node_name(n), op,
                 "transposed convolution is not supported (docs/trace-format.md): export the "
                 "model with nearest upsampling followed by a Conv instead");
        } else if (op == "BatchNormalization") {
            batch_norm(n);
        } else if (op == "Relu") {
            activation(n, "relu");
        } else if (op == "Clip") {
            clip(n);
        } else if (op == "Sigmoid") {
            activation(n, "sigmoid");
        } else if (op == "Tanh") {
            activation(n, "tanh");
        } else if (op == "LeakyRelu") {
            const float a = attr_float(n, "alpha", 0.01f);
            if (a != 0.1f)
                fail(node_name(n), fmt::format("LeakyRelu(alpha {})", a),
                     "only alpha = 0.1 (Darknet's leaky) is supported");
            activation(n, "leaky_relu");
        } else if (op == "HardSwish") {
            activation(n, "hard_swish");
        } else if (op == "HardSigmoid") {
            const float a = attr_float(n, "alpha", 0.2f), b = attr_float(n, "beta", 0.5f);
            if (std::fabs(a - 1.0f / 6.0f) > 1e-6f || b != 0.5f)
                fail(node_name(n), fmt::format("HardSigmoid(alpha {}, beta {})", a, b),
                     "only alpha = 1/6, beta = 0.5 (PyTorch's hardsigmoid) is supported");
            activation(n, "hard_sigmoid");
        } else if (op == "Mul" || op == "Add") {
            binary(n);
        } else if (op == "MaxPool" || op == "AveragePool") {
            pool(n);
        } else if (op == "GlobalAveragePool") {
            add(unary(LayerType::kGlobalAvgPool, n), n);
        } else if (op == "ReduceMean") {
            reduce_mean(n);
        } else if (op == "Concat") {
            concat(n);
        } else if (op == "Split" || op == "Slice") {
            split(n);
        } else if (op == "Flatten") {
            const Value& v = plain(n, 0);
            if (normalize_axis(attr_int(n, "axis", 1), size_t(v.rank)) != 1)
                fail(node_name(n), op,
                     "Flatten must use axis 1 (keep the batch, flatten the rest)");
            add(unary(LayerType::kFlatten, n), n, 2);
        } else if (op == "Reshape") {
            reshape(n);
        } else if (op == "Transpose") {
            transpose(n);
        } else if (op == "Squeeze" || op == "Unsqueeze") {
            squeeze(n);
        } else if (op == "Pad") {
            pad(n);
        } else if (op == "Resize" || op == "Upsample") {
            resize(n);
        } else if (op == "Gemm" || op == "MatMul") {
            gemm(n);
        } else if (op == "Softmax") {
            softmax(n);
        } else {
            fail(node_name(n), op,
                 fmt::format("unsupported ONNX operator; supported: {}", kSupported));
        }
    }

    void constant_node(const onnx::NodeProto& n) {
        ConstTensor t;
        if (const auto* a = find_attr(n, "value")) {
            t = checked(a->t(), node_name(n) + ".value");
        } else if (const auto* f = find_attr(n, "value_float")) {
            t.v = {double(f->f())};
        } else if (const auto* i = find_attr(n, "value_int")) {
            t.v = {double(i->i())}, t.integer = true;
        } else if (const auto* fs = find_attr(n, "value_floats")) {
            t.v.assign(fs->floats().begin(), fs->floats().end()), t.dims = {int64_t(t.v.size())};
        } else if (const auto* is = find_attr(n, "value_ints")) {
            t.v.assign(is->ints().begin(), is->ints().end()), t.dims = {int64_t(t.v.size())},
                                                              t.integer = true;
        } else {
            fail(node_name(n), "Constant",
                 "needs a value, value_float(s) or value_int(s) attribute");
        }
        consts_[n.output(0)] = std::move(t);
    }

    // Folds a node whose inputs are all constants; Shape of a layer tensor is a constant too.
    bool try_fold(const onnx::NodeProto& n) {
        std::vector<const ConstTensor*> ins;
        bool all = n.input_size() > 0;
        for (int i = 0; i < n.input_size(); ++i) {
            const ConstTensor* c = constant(n, i);
            if (!c && !n.input(i).empty()) all = false;
            ins.push_back(c);
        }
        if (n.op_type() == "Shape" && !all) {
            ConstTensor t;
            t.integer = true;
            const auto d = dims_of(plain(n, 0));
            const int64_t r = int64_t(d.size());
            int64_t s = attr_int(n, "start", 0), e = attr_int(n, "end", r);
            s = std::max<int64_t>(0, std::min(r, s < 0 ? s + r : s));
            e = std::max<int64_t>(s, std::min(r, e < 0 ? e + r : e));
            t.v.assign(d.begin() + s, d.begin() + e);
            t.dims = {e - s};
            consts_[n.output(0)] = std::move(t);
            return true;
        }
        if (!all) return false;
        ConstTensor out;
        std::string why;
        if (!fold_constant(n, ins, opset_, &out, &why))
            fail(node_name(n), n.op_type(),
                 fmt::format("a constant subgraph through {} is not supported", n.op_type()));
        if (!why.empty()) fail(node_name(n), n.op_type(), "cannot fold this constant: " + why);
        consts_[n.output(0)] = std::move(out);
        return true;
    }

    void conv(const onnx::NodeProto& n) {
        Layer l;
        l.type = LayerType::kConv2d;
        const ConstTensor& w = need_const(n, 1, "weights");
        if (w.dims.size() != 4)
            fail(node_name(n), dims_text(w.dims), "Conv weights must be 4-D (K, C/g, kh, kw)");
        window(n, l, {w.dims[2], w.dims[3]});
        if (l.kernel_h != w.dims[2] || l.kernel_w != w.dims[3])
            fail(node_name(n) + ".kernel_shape", fmt::format("[{}, {}]", l.kernel_h, l.kernel_w),
                 fmt::format("does not match the weights' {}", dims_text(w.dims)));
        l.groups = attr_int(n, "group", 1);
        l.out.c = w.dims[0];
        const Shape in = shape_of(l.inputs[0]);
        if (l.groups < 1 || l.groups > in.c || w.dims[1] * l.groups != in.c)
            fail(node_name(n), dims_text(w.dims),
                 fmt::format(
                     "weights' input channels {} x group {} must equal the input's {} channels",
                     w.dims[1], l.groups, in.c));
        std::vector<float> b;
        if (const ConstTensor* bias = constant(n, 2)) {
            if (bias->elements() != w.dims[0])
                fail(node_name(n) + ".bias", dims_text(bias->dims),
                     fmt::format("must hold {} values", w.dims[0]));
            b = bias->floats();
        } else if (n.input_size() > 2 && !n.input(2).empty()) {
            need_const(n, 2, "bias");
        }
        l.has_bias = !b.empty();
        m_.tensors[add(l, n).name] = {w.floats(), b};
    }

    // BN folds into the conv producing its input when that conv's raw output feeds nothing else;
    // otherwise it is a standalone scale_shift layer.
    void batch_norm(const onnx::NodeProto& n) {
        if (attr_int(n, "training_mode", 0) != 0)
            fail(node_name(n), "BatchNormalization", "training_mode must be 0");
        const Value& v = plain(n, 0);
        const int64_t C = shape_of(v.layer).c;
        std::vector<std::vector<float>> p;
        const char* names[] = {"scale", "B", "mean", "var"};
        for (int i = 1; i <= 4; ++i) {
            const ConstTensor& t = need_const(n, i, names[i - 1]);
            if (t.elements() != C)
                fail(node_name(n) + "." + names[i - 1], dims_text(t.dims),
                     fmt::format("must hold {} values, one per channel", C));
            p.push_back(t.floats());
        }
        const float eps = attr_float(n, "epsilon", 1e-5f);
        std::vector<float> scale(static_cast<size_t>(C)), shift(static_cast<size_t>(C));
        for (size_t k = 0; k < size_t(C); ++k) {
            const float var = p[3][k] + eps;
            if (!(var > 0))
                fail(node_name(n) + ".var", std::to_string(p[3][k]),
                     "var + epsilon must be positive");
            scale[k] = p[0][k] / std::sqrt(var);
            shift[k] = p[1][k] - p[2][k] * scale[k];
        }
        Layer* conv = v.layer == "input" ? nullptr : m_.net.find(v.layer);
        if (conv && conv->type == LayerType::kConv2d && !conv->batch_norm &&
            conv->activation.empty() && raw_[conv->name] == root(n.input(0)) &&
            uses_[root(n.input(0))] == 1) {
            auto& [w, b] = m_.tensors[conv->name];
            const size_t per = w.size() / size_t(C);
            if (b.empty()) b.assign(size_t(C), 0.0f);
            for (size_t k = 0; k < size_t(C); ++k) {
                for (size_t i = 0; i < per; ++i) w[k * per + i] *= scale[k];
                b[k] = b[k] * scale[k] + shift[k];
            }
            conv->has_bias = conv->batch_norm = true;
            output(n, Value{conv->name, 4});
            return;
        }
        Layer l = unary(LayerType::kScaleShift, n);
        l.has_bias = true;
        m_.tensors[add(l, n).name] = {scale, shift};
    }

    void clip(const onnx::NodeProto& n) {
        float lo = attr_float(n, "min", -INFINITY), hi = attr_float(n, "max", INFINITY);
        if (const ConstTensor* c = constant(n, 1)) lo = c->elements() == 1 ? float(c->v[0]) : NAN;
        if (const ConstTensor* c = constant(n, 2)) hi = c->elements() == 1 ? float(c->v[0]) : NAN;
        for (int i = 1; i < std::min(3, n.input_size()); ++i)
            if (!n.input(i).empty()) need_const(n, i, i == 1 ? "min" : "max");
        if (lo == 0.0f && hi == 6.0f) return activation(n, "relu6");
        if (lo == 0.0f && std::isinf(hi) && hi > 0) return activation(n, "relu");
        fail(node_name(n), fmt::format("Clip({}, {})", lo, hi),
             "only Clip(0, 6) (relu6) and Clip(0, inf) (relu) are supported");
    }

    // Mul/Add of two layer tensors (equal shapes; Mul also per-channel (N, C, 1, 1) broadcast), or
    // of a layer tensor and a constant scalar/per-channel vector (a scale_shift).
    void binary(const onnx::NodeProto& n) {
        const std::string& op = n.op_type();
        if (n.input_size() != 2) fail(node_name(n), op, "needs exactly two inputs");
        const int ci = constant(n, 0) ? 0 : constant(n, 1) ? 1 : -1;
        if (ci >= 0) {
            const Value& v = plain(n, 1 - ci);
            const ConstTensor& c = *constant(n, ci);
            const Shape s = shape_of(v.layer);
            const bool per_channel = v.rank == 4 && c.elements() == s.c &&
                                     (c.dims == std::vector<int64_t>{s.c, 1, 1} ||
                                      c.dims == std::vector<int64_t>{1, s.c, 1, 1});
            if (c.elements() != 1 && !per_channel)
                fail(node_name(n), dims_text(c.dims),
                     fmt::format(
                         "a constant {} operand must be a scalar or per channel [1, {}, 1, 1]", op,
                         s.c));
            std::vector<float> scale(static_cast<size_t>(s.c), 1.0f),
                shift(static_cast<size_t>(s.c), 0.0f);
            for (size_t k = 0; k < size_t(s.c); ++k)
                (op == "Mul" ? scale : shift)[k] = float(c.v[c.elements() == 1 ? 0 : k]);
            Layer l = unary(LayerType::kScaleShift, n);
            l.inputs = {v.layer};
            l.has_bias = true;
            m_.tensors[add(l, n, v.rank).name] = {scale, shift};
            return;
        }
        const Value a = plain(n, 0), b = plain(n, 1);
        const Shape sa = shape_of(a.layer), sb = shape_of(b.layer);
        Layer l;
        l.type = op == "Add" ? LayerType::kAdd : LayerType::kMul;
        l.inputs = {a.layer, b.layer};
        if (op == "Mul" && sa == Shape{sb.c, 1, 1} && sb != sa) std::swap(l.inputs[0], l.inputs[1]);
        if (op == "Mul" && fuse_gated(n, a, b)) return;
        if (a.rank != b.rank) fail(node_name(n), op, "the operands must have the same rank");
        add(l, n, a.rank);
    }

    // x * sigmoid(x) -> silu, x * hard_sigmoid(x) -> hard_swish: the gate layer becomes the
    // product when x feeds it directly and nothing else reads the gate.
    bool fuse_gated(const onnx::NodeProto& n, const Value& a, const Value& b) {
        for (int g = 0; g < 2; ++g) {
            const Value& gate = g ? b : a;
            const Value& x = g ? a : b;
            Layer* gl = gate.layer == "input" ? nullptr : m_.net.find(gate.layer);
            if (!gl || gl->type != LayerType::kActivation || gl->inputs[0] != x.layer ||
                raw_[gl->name] != root(n.input(g ? 1 : 0)) ||
                uses_[root(n.input(g ? 1 : 0))] != 1 || &m_.net.layers.back() != gl)
                continue;
            if (gl->activation != "sigmoid" && gl->activation != "hard_sigmoid") continue;
            gl->activation = gl->activation == "sigmoid" ? "silu" : "hard_swish";
            output(n, Value{gl->name, x.rank});
            return true;
        }
        return false;
    }

    void pool(const onnx::NodeProto& n) {
        const bool maxp = n.op_type() == "MaxPool";
        Layer l;
        l.type = maxp ? LayerType::kMaxPool : LayerType::kAvgPool;
        if (!find_attr(n, "kernel_shape")) fail(node_name(n), n.op_type(), "needs a kernel_shape");
        if (maxp && value(n, 0).padded())
            fail(node_name(n), "MaxPool",
                 "a zero Pad before a MaxPool is not max pooling's padding; not supported");
        if (n.output_size() > 1 && !n.output(1).empty())
            fail(node_name(n), "MaxPool", "the Indices output is not supported");
        window(n, l, {});
        if (l.dilation_h != 1 || l.dilation_w != 1)
            fail(node_name(n) + ".dilations", fmt::format("[{}, {}]", l.dilation_h, l.dilation_w),
                 "pooling with dilation is not supported");
        if (attr_int(n, "storage_order", 0) != 0)
            fail(node_name(n), "MaxPool", "storage_order must be 0");
        l.ceil_mode = attr_int(n, "ceil_mode", 0) != 0;
        if (!maxp) {
            // Ours divides by kh * kw with the padding counted (count_include_pad = 1).
            const bool attr_pads = find_attr(n, "pads") &&
                                   attr_string(n, "auto_pad", "NOTSET") != "VALID" &&
                                   (attr_ints(n, "pads", {}) != std::vector<int64_t>{0, 0, 0, 0});
            if (attr_pads && attr_int(n, "count_include_pad", 0) == 0)
                fail(node_name(n) + ".count_include_pad", "0",
                     "average pooling that excludes the padding from the divisor is not supported "
                     "(the avgpool layer divides by kh * kw, docs/numerics.md)");
            if (l.ceil_mode) {  // a last window hanging past the padding would be divided by kh *
                                // kw
                Layer floor = l;
                floor.ceil_mode = false;
                std::string w1, w2;
                const Shape in = shape_of(l.inputs[0]);
                if (infer_output_shape(floor, {in}, &w1) != infer_output_shape(l, {in}, &w2))
                    fail(node_name(n) + ".ceil_mode", "1",
                         "average pooling whose ceil-mode windows reach past the padding is not "
                         "supported");
            }
        }
        add(l, n);
    }

    void reduce_mean(const onnx::NodeProto& n) {
        const Value& v = plain(n, 0);
        std::vector<int64_t> axes = attr_ints(n, "axes", {});
        if (const ConstTensor* c = constant(n, 1))
            for (double x : c->v) axes.push_back(int64_t(x));
        std::set<int> norm;
        for (auto a : axes) norm.insert(normalize_axis(a, size_t(v.rank)));
        if (v.rank != 4 || norm != std::set<int>{2, 3})
            fail(node_name(n), fmt::format("axes {}", dims_text(axes)),
                 "only ReduceMean over H and W (axes 2, 3) is supported");
        add(unary(LayerType::kGlobalAvgPool, n), n, attr_int(n, "keepdims", 1) ? 4 : 2);
    }

    void concat(const onnx::NodeProto& n) {
        Layer l;
        l.type = LayerType::kConcat;
        const int rank = plain(n, 0).rank;
        const int axis = normalize_axis(attr_int(n, "axis", 1), size_t(rank));
        if (axis != 1)
            fail(node_name(n), fmt::format("axis {}", attr_int(n, "axis", 1)),
                 "Concat must be along the channels (axis 1)");
        for (int i = 0; i < n.input_size(); ++i) {
            const Value& v = plain(n, i);
            if (v.rank != rank) fail(node_name(n), "Concat", "the inputs must have the same rank");
            l.inputs.push_back(v.layer);
        }
        add(l, n, rank);
    }

    // Split along channels -> one slice layer per output; Slice of channels -> one slice layer.
    void split(const onnx::NodeProto& n) {
        const Value& v = plain(n, 0);
        const Shape s = shape_of(v.layer);
        const bool is_split = n.op_type() == "Split";
        if (v.rank != 4)
            fail(node_name(n), n.op_type(), "only 4-D (N, C, H, W) inputs are supported");
        std::vector<std::pair<int64_t, int64_t>> parts;  // start, count
        if (is_split) {
            if (normalize_axis(attr_int(n, "axis", 0), 4) != 1)
                fail(node_name(n), "Split",
                     "only a Split along the channels (axis 1) is supported");
            std::vector<int64_t> sizes = attr_ints(n, "split", {});
            if (const ConstTensor* c = constant(n, 1))
                for (double x : c->v) sizes.push_back(int64_t(x));
            const int outs = n.output_size();
            if (sizes.empty()) {
                if (s.c % outs != 0)
                    fail(node_name(n), "Split",
                         fmt::format("{} channels do not split evenly into {}", s.c, outs));
                sizes.assign(size_t(outs), s.c / outs);
            }
            int64_t at = 0, total = 0;
            for (auto z : sizes) total += z;
            if (int(sizes.size()) != outs || total != s.c)
                fail(node_name(n), dims_text(sizes),
                     fmt::format("split sizes must be {} values summing to {}", outs, s.c));
            for (auto z : sizes) parts.push_back({at, z}), at += z;
        } else {
            const ConstTensor& st = need_const(n, 1, "starts");
            const ConstTensor& en = need_const(n, 2, "ends");
            std::vector<double> axes{1};
            if (const ConstTensor* a = constant(n, 3)) axes = a->v;
            if (const ConstTensor* p = constant(n, 4))
                for (double x : p->v)
                    if (x != 1) fail(node_name(n), "Slice", "only step 1 is supported");
            if (st.elements() != 1 || en.elements() != 1 || axes.size() != 1 ||
                normalize_axis(int64_t(axes[0]), 4) != 1)
                fail(node_name(n), "Slice", "only a Slice of the channels (axis 1) is supported");
            auto clampc = [&](double x) {
                return std::max<int64_t>(
                    0, std::min<int64_t>(
                           s.c, x < 0 ? int64_t(x) + s.c : int64_t(std::min<double>(x, 1e15))));
            };
            const int64_t a = clampc(st.v[0]), e = clampc(en.v[0]);
            if (e <= a) fail(node_name(n), "Slice", "the channel range is empty");
            parts.push_back({a, e - a});
        }
        for (size_t i = 0; i < parts.size(); ++i) {
            Layer l = unary(LayerType::kSlice, n);
            l.slice_c0 = parts[i].first;
            l.slice_c = parts[i].second;
            add(l, n, 4, int(i));
        }
    }

    void reshape(const onnx::NodeProto& n) {
        const Value& v = value(n, 0);
        const ConstTensor& shape = need_const(n, 1, "shape");
        std::string why;
        std::vector<int64_t> in_dims = dims_of(v), out;
        if (v.shuffle_stage == 2)
            in_dims = {1, shape_of(v.layer).c / v.shuffle_groups, v.shuffle_groups,
                       shape_of(v.layer).h, shape_of(v.layer).w};
        if (v.shuffle_stage == 1) plain(n, 0);
        if (!resolve_reshape(in_dims, shape.v, attr_int(n, "allowzero", 0) != 0, &out, &why))
            fail(node_name(n), dims_text(std::vector<int64_t>(shape.v.begin(), shape.v.end())),
                 why);
        const Shape s = shape_of(v.layer);
        if (v.shuffle_stage == 2) {
            if (out != std::vector<int64_t>{1, s.c, s.h, s.w}) plain(n, 0);
            Layer l;
            l.type = LayerType::kChannelShuffle;
            l.inputs = {v.layer};
            l.groups = v.shuffle_groups;
            add(l, n);
            return;
        }
        plain(n, 0);
        if (out.size() == 2 && out[0] == 1) {  // flatten
            if (v.rank == 2) return output(n, v);
            return void(add(unary(LayerType::kFlatten, n), n, 2));
        }
        if (out.size() == 4 && out == dims_of(v)) return output(n, v);
        if (out.size() == 4 && v.rank == 2 && out[0] == 1 && out[2] == 1 && out[3] == 1)
            return output(n, Value{v.layer, 4});
        if (out.size() == 5 && v.rank == 4 && out[0] == 1 && out[1] * out[2] == s.c &&
            out[3] == s.h && out[4] == s.w) {
            Value sh = v;
            sh.shuffle_stage = 1;
            sh.shuffle_groups = out[1];
            return output(n, sh);
        }
        fail(node_name(n), dims_text(out),
             fmt::format("only a Reshape to (N, features), to the same shape, or the "
                         "channel-shuffle pattern is supported (input {})",
                         dims_text(dims_of(v))));
    }

    void transpose(const onnx::NodeProto& n) {
        const Value& v = value(n, 0);
        if (v.shuffle_stage != 1 || attr_ints(n, "perm", {}) != std::vector<int64_t>{0, 2, 1, 3, 4})
            fail(node_name(n), dims_text(attr_ints(n, "perm", {})),
                 "a Transpose is supported only as the middle of a channel shuffle (perm 0, 2, 1, "
                 "3, 4 after a "
                 "Reshape to (N, g, C/g, H, W))");
        Value t = v;
        t.shuffle_stage = 2;
        output(n, t);
    }

    void squeeze(const onnx::NodeProto& n) {
        const Value& v = plain(n, 0);
        const Shape s = shape_of(v.layer);
        std::vector<int64_t> axes = attr_ints(n, "axes", {});
        if (const ConstTensor* c = constant(n, 1))
            for (double x : c->v) axes.push_back(int64_t(x));
        std::set<int> norm;
        const bool sq = n.op_type() == "Squeeze";
        for (auto a : axes)
            norm.insert(normalize_axis(a, size_t(sq ? v.rank : v.rank + int(axes.size()))));
        if (sq && v.rank == 4 && s.h == 1 && s.w == 1 && norm == std::set<int>{2, 3})
            return output(n, Value{v.layer, 2});
        if (!sq && v.rank == 2 && norm == std::set<int>{2, 3}) return output(n, Value{v.layer, 4});
        fail(node_name(n), dims_text(axes),
             "only squeezing H, W of an (N, C, 1, 1) tensor, or unsqueezing them back, is "
             "supported");
    }

    void pad(const onnx::NodeProto& n) {
        Value v = plain(n, 0);
        if (attr_string(n, "mode", "constant") != "constant")
            fail(node_name(n), attr_string(n, "mode", ""),
                 "only constant (zero) padding is supported");
        std::vector<int64_t> p = attr_ints(n, "pads", {});
        float fill = attr_float(n, "value", 0.0f);
        if (const ConstTensor* c = constant(n, 1)) p.assign(c->v.begin(), c->v.end());
        if (const ConstTensor* c = constant(n, 2)) fill = c->elements() ? float(c->v[0]) : 0.0f;
        if (n.input_size() > 3 && !n.input(3).empty())
            fail(node_name(n), "Pad", "the axes input is not supported");
        if (fill != 0.0f)
            fail(node_name(n), std::to_string(fill), "only zero padding is supported");
        // ONNX: x1_begin, x2_begin, ..., x1_end, ...; for (N, C, H, W): 8 values
        if (v.rank != 4 || p.size() != 8 || p[0] || p[1] || p[4] || p[5])
            fail(node_name(n), dims_text(p),
                 "only padding H and W of an (N, C, H, W) tensor is supported");
        for (auto x : p)
            if (x < 0 || x > kMaxInputDim)
                fail(node_name(n), dims_text(p), "pads must be in 0..65536");
        v.pad[0] += p[2], v.pad[1] += p[3], v.pad[2] += p[6], v.pad[3] += p[7];
        output(n, v);
    }

    void resize(const onnx::NodeProto& n) {
        const Value& v = plain(n, 0);
        const Shape s = shape_of(v.layer);
        const std::string mode = attr_string(n, "mode", "nearest");
        if (mode != "nearest")
            fail(node_name(n) + ".mode", mode, "only nearest-neighbour resizing is supported");
        if (n.op_type() == "Resize") {
            const std::string ct = attr_string(n, "coordinate_transformation_mode", "half_pixel");
            const std::string nm = attr_string(n, "nearest_mode", "round_prefer_floor");
            const bool ok = (ct == "asymmetric" && nm == "floor") ||
                            ((ct == "half_pixel" || ct == "pytorch_half_pixel") &&
                             (nm == "round_prefer_floor" || nm == "round_prefer_ceil"));
            if (!ok)  // with an integer factor these all read source pixel floor(dst / factor)
                fail(node_name(n), ct + "/" + nm,
                     "nearest resizing needs asymmetric/floor or half_pixel/round_prefer_*");
        }
        std::vector<double> scales;
        const int scales_at = n.op_type() == "Upsample" ? 1 : opset_ >= 11 ? 2 : 1;
        if (const ConstTensor* c = constant(n, scales_at)) scales = c->v;
        if (scales.empty() && n.op_type() == "Resize") {
            if (const ConstTensor* c = constant(n, 3)) {
                if (c->elements() != 4)
                    fail(node_name(n), dims_text(c->dims), "sizes must have 4 values");
                scales = {1, 1, c->v[2] / double(s.h), c->v[3] / double(s.w)};
            }
        }
        if (scales.size() != 4 || scales[0] != 1 || scales[1] != 1 || scales[2] != scales[3] ||
            scales[2] != std::floor(scales[2]) || scales[2] < 1 || scales[2] > 64)
            fail(node_name(n), fmt::format("scales [{}]", fmt::join(scales, ", ")),
                 "only an integer factor (1..64), equal in H and W, is supported");
        Layer l = unary(LayerType::kUpsample, n);
        l.factor = int64_t(scales[2]);
        add(l, n);
    }

    void gemm(const onnx::NodeProto& n) {
        const std::string& op = n.op_type();
        Layer l;
        l.type = LayerType::kFc;
        const Value& v = plain(n, 0);
        if (v.rank != 2)
            fail(node_name(n), op,
                 fmt::format("{} on a 4-D tensor multiplies its last axis only; flatten it first "
                             "(only 2-D (N, features) inputs are supported)",
                             op));
        l.inputs = {v.layer};
        const ConstTensor& w = need_const(n, 1, "weights");
        if (w.dims.size() != 2) fail(node_name(n), dims_text(w.dims), "weights must be 2-D");
        const bool transB = op == "Gemm" && attr_int(n, "transB", 0) != 0;
        if (op == "Gemm" && (attr_int(n, "transA", 0) != 0 || attr_float(n, "alpha", 1) != 1 ||
                             (n.input_size() > 2 && attr_float(n, "beta", 1) != 1)))
            fail(node_name(n), op, "Gemm needs transA = 0, alpha = 1 and beta = 1");
        const int64_t K = transB ? w.dims[1] : w.dims[0], N = transB ? w.dims[0] : w.dims[1];
        if (K != shape_of(v.layer).elements())
            fail(node_name(n), dims_text(w.dims),
                 fmt::format("weights take {} inputs, the input has {}", K,
                             shape_of(v.layer).elements()));
        std::vector<float> wt(size_t(K * N));  // ours: [units][inputs]
        for (int64_t o = 0; o < N; ++o)
            for (int64_t i = 0; i < K; ++i)
                wt[size_t(o * K + i)] =
                    float(transB ? w.v[size_t(o * K + i)] : w.v[size_t(i * N + o)]);
        l.out.c = N;
        std::vector<float> b;
        if (op == "Gemm" && n.input_size() > 2 && !n.input(2).empty()) {
            const ConstTensor& c = need_const(n, 2, "bias");
            if (c.elements() != N)
                fail(node_name(n) + ".bias", dims_text(c.dims),
                     fmt::format("must hold {} values", N));
            b = c.floats();
        }
        l.has_bias = !b.empty();
        m_.tensors[add(l, n, 2).name] = {wt, b};
    }

    // Ours normalises over all of C, H, W: right when every other non-batch axis has extent 1
    // (opset 13+), or when the axis is 1 (opset < 13 flattens from the axis).
    void softmax(const onnx::NodeProto& n) {
        const Value& v = plain(n, 0);
        const int64_t def = opset_ >= 13 ? -1 : 1;
        const int axis = normalize_axis(attr_int(n, "axis", def), size_t(v.rank));
        const auto d = dims_of(v);
        bool ok = axis == 1 && (opset_ < 13 || v.rank == 2);
        if (opset_ >= 13 && axis >= 1) {
            ok = true;
            for (size_t i = 1; i < d.size(); ++i) ok &= int(i) == axis || d[i] == 1;
        }
        if (!ok)
            fail(node_name(n), fmt::format("axis {} of {}", attr_int(n, "axis", def), dims_text(d)),
                 "softmax normalises over all non-batch values: the other axes must have extent 1");
        add(unary(LayerType::kSoftmax, n), n, v.rank);
    }
};

std::string file_stem(const std::string& layer) {
    std::string s;
    for (char c : layer)
        s += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    return s;
}

}  // namespace

ImportedModel import_onnx(const std::string& path, const ImportOptions& opts) {
    return Importer(path, opts).run();
}

Shape parse_input_shape(const std::string& text) {
    std::vector<int64_t> v;
    std::stringstream ss(text);
    std::string item;
    bool ok = !text.empty();
    while (ok && std::getline(ss, item, ',')) {
        char* end = nullptr;
        const long long x = std::strtoll(item.c_str(), &end, 10);
        ok = !item.empty() && *end == '\0' && x >= 1 && x <= kMaxInputDim;
        v.push_back(x);
    }
    if (ok && v.size() == 4 && v[0] == 1) v.erase(v.begin());
    if (!ok || v.size() != 3)
        throw InputError(Diagnostic{{"<command line>", 0, 0},
                                    "--input-shape",
                                    text,
                                    "must be C,H,W (or 1,C,H,W), each in 1..65536"});
    return Shape{v[0], v[1], v[2]};
}

void write_imported(const std::string& trace_path, ImportedModel m) {
    namespace fs = std::filesystem;
    const std::string dir_name = fs::path(trace_path).filename().string() + ".tensors";
    const fs::path dir = fs::path(trace_path).parent_path() / dir_name;
    fs::create_directories(dir);
    std::set<std::string> stems;
    for (auto& l : m.net.layers) {
        auto t = m.tensors.find(l.name);
        if (t == m.tensors.end()) continue;
        std::string stem = file_stem(l.name);
        if (!stems.insert(stem).second)
            stems.insert(stem += "_" + std::to_string(&l - m.net.layers.data()));
        write_npy((dir / (stem + ".w.npy")).string(),
                  FloatTensor{{int64_t(t->second.first.size())}, t->second.first});
        l.weights_file = dir_name + "/" + stem + ".w.npy";
        if (!t->second.second.empty()) {
            write_npy((dir / (stem + ".b.npy")).string(),
                      FloatTensor{{int64_t(t->second.second.size())}, t->second.second});
            l.bias_file = dir_name + "/" + stem + ".b.npy";
        }
    }
    write_trace_file(trace_path, m.net);
}

}  // namespace edgesa
