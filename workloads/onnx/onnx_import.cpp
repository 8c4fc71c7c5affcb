#include "onnx/onnx_import.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include "diag/diagnostic.h"
#include "io/npy.h"
#include "trace/trace_io.h"

namespace edgesa {
namespace {

const char* kSupported =
    "Conv, Gemm, MatMul, Relu, Clip (0..6), MaxPool, AveragePool, GlobalAveragePool, Add, Concat, Flatten, "
    "Reshape (to 2-D), BatchNormalization (after Conv), Dropout, Identity, Softmax";

struct Tensor {
    std::vector<int64_t> dims;
    std::vector<float> data;
};

// Converts one ONNX graph, node by node (ONNX graphs are topologically sorted).
class Importer {
public:
    explicit Importer(std::string file) : file_(std::move(file)) {}

    ImportedModel run() {
        onnx::ModelProto model;
        std::ifstream in(file_, std::ios::binary);
        if (!in) fail("", "", "cannot open ONNX file");
        if (!model.ParseFromIstream(&in)) fail("", "", "not a valid ONNX model (protobuf parse failed)");
        const auto& g = model.graph();
        for (const auto& t : g.initializer()) init_[t.name()] = tensor(t);
        for (const auto& vi : g.input()) {
            if (init_.count(vi.name())) continue;
            const auto& shp = vi.type().tensor_type().shape();
            if (shp.dim_size() != 4) fail(vi.name(), "", "the graph input must be 4-D (N, C, H, W)");
            m_.net.input = Shape{shp.dim(1).dim_value(), shp.dim(2).dim_value(), shp.dim(3).dim_value()};
            producer_[vi.name()] = "input";
            break;
        }
        m_.net.name = g.name().empty() ? std::filesystem::path(file_).stem().string() : g.name();
        for (const auto& node : g.node()) convert(node);
        infer_shapes(m_.net);
        return std::move(m_);
    }

private:
    std::string file_;
    ImportedModel m_;
    std::map<std::string, Tensor> init_;
    std::map<std::string, std::string> producer_;  // tensor name -> layer name ("input")

    [[noreturn]] void fail(const std::string& key, const std::string& value, const std::string& rule) const {
        throw InputError(Diagnostic{{file_, 0, 0}, key, value, rule});
    }

    Tensor tensor(const onnx::TensorProto& t) const {
        Tensor r;
        r.dims.assign(t.dims().begin(), t.dims().end());
        int64_t n = 1;
        for (auto d : r.dims) n *= d;
        if (t.data_type() == onnx::TensorProto::FLOAT) {
            if (!t.raw_data().empty()) {
                r.data.resize(size_t(n));
                std::memcpy(r.data.data(), t.raw_data().data(), std::min(t.raw_data().size(), size_t(n) * 4));
            } else {
                r.data.assign(t.float_data().begin(), t.float_data().end());
            }
        } else if (t.data_type() == onnx::TensorProto::INT64) {  // shapes (Reshape), kept as floats
            if (!t.raw_data().empty()) {
                std::vector<int64_t> v(static_cast<size_t>(n));
                std::memcpy(v.data(), t.raw_data().data(), std::min(t.raw_data().size(), size_t(n) * 8));
                for (auto x : v) r.data.push_back(float(x));
            } else {
                for (auto x : t.int64_data()) r.data.push_back(float(x));
            }
        }
        return r;
    }

    std::string node_name(const onnx::NodeProto& n) const { return n.name().empty() ? n.output(0) : n.name(); }
    std::string src(const onnx::NodeProto& n, int i) {
        auto p = producer_.find(n.input(i));
        if (p == producer_.end())
            fail(node_name(n), n.input(i), fmt::format("{} input {} is not produced by a supported node", n.op_type(), i));
        return p->second;
    }
    const Tensor& init(const onnx::NodeProto& n, int i) {
        if (i >= n.input_size() || !init_.count(n.input(i)))
            fail(node_name(n), n.op_type(), fmt::format("input {} must be an initializer", i));
        return init_.at(n.input(i));
    }
    static const onnx::AttributeProto* attr(const onnx::NodeProto& n, const std::string& name) {
        for (const auto& a : n.attribute())
            if (a.name() == name) return &a;
        return nullptr;
    }
    static std::vector<int64_t> ints(const onnx::NodeProto& n, const std::string& name, std::vector<int64_t> def) {
        const auto* a = attr(n, name);
        return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : def;
    }
    static int64_t int1(const onnx::NodeProto& n, const std::string& name, int64_t def) {
        const auto* a = attr(n, name);
        return a ? a->i() : def;
    }
    static float float1(const onnx::NodeProto& n, const std::string& name, float def) {
        const auto* a = attr(n, name);
        return a ? a->f() : def;
    }

    Layer& add(Layer l, const onnx::NodeProto& n) {
        l.name = node_name(n);
        if (m_.net.find(l.name)) l.name += "#" + std::to_string(m_.net.layers.size());
        producer_[n.output(0)] = l.name;
        m_.net.layers.push_back(std::move(l));
        return m_.net.layers.back();
    }

    void window(const onnx::NodeProto& n, Layer& l) {
        const auto k = ints(n, "kernel_shape", {});
        if (k.size() != 2) fail(node_name(n), n.op_type(), "needs a 2-D kernel_shape");
        l.kernel_h = k[0], l.kernel_w = k[1];
        const auto s = ints(n, "strides", {1, 1});
        l.stride_h = s[0], l.stride_w = s[1];
        const auto p = ints(n, "pads", {0, 0, 0, 0});
        l.pad_top = p[0], l.pad_left = p[1], l.pad_bottom = p[2], l.pad_right = p[3];
        const auto d = ints(n, "dilations", {1, 1});
        l.dilation_h = d[0], l.dilation_w = d[1];
        const auto* ap = attr(n, "auto_pad");
        if (ap && ap->s() != "NOTSET") fail(node_name(n), ap->s(), "auto_pad is not supported; export with explicit pads");
    }

    void convert(const onnx::NodeProto& n) {
        const std::string op = n.op_type();
        Layer l;
        if (op == "Identity" || op == "Dropout") {
            if (init_.count(n.input(0))) {
                init_[n.output(0)] = init_.at(n.input(0));
                return;
            }
            producer_[n.output(0)] = src(n, 0);
        } else if (op == "Conv") {
            l.type = LayerType::kConv2d;
            l.inputs = {src(n, 0)};
            window(n, l);
            l.groups = int1(n, "group", 1);
            const Tensor& w = init(n, 1);
            if (w.dims.size() != 4) fail(node_name(n), op, "weights must be 4-D");
            l.out.c = w.dims[0];
            std::vector<float> b;
            if (n.input_size() > 2) b = init(n, 2).data;
            l.has_bias = !b.empty();
            m_.tensors[add(l, n).name] = {w.data, b};
        } else if (op == "BatchNormalization") {
            const std::string p = src(n, 0);
            Layer* conv = m_.net.find(p);
            if (!conv || conv->type != LayerType::kConv2d || conv->batch_norm)
                fail(node_name(n), op, "BatchNormalization must directly follow a Conv to be folded");
            const auto& gamma = init(n, 1).data;
            const auto& beta = init(n, 2).data;
            const auto& mean = init(n, 3).data;
            const auto& var = init(n, 4).data;
            const float eps = float1(n, "epsilon", 1e-5f);
            auto& [w, b] = m_.tensors[p];
            const size_t K = size_t(conv->out.c), per = w.size() / K;
            if (b.empty()) b.assign(K, 0.0f);
            for (size_t k = 0; k < K; ++k) {
                const float s = gamma[k] / std::sqrt(var[k] + eps);
                for (size_t i = 0; i < per; ++i) w[k * per + i] *= s;
                b[k] = (b[k] - mean[k]) * s + beta[k];
            }
            conv->has_bias = conv->batch_norm = true;
            producer_[n.output(0)] = p;
        } else if (op == "Relu" || op == "Clip") {
            l.type = LayerType::kActivation;
            l.inputs = {src(n, 0)};
            l.activation = "relu";
            if (op == "Clip") {
                float lo = float1(n, "min", -INFINITY), hi = float1(n, "max", INFINITY);
                if (n.input_size() > 1 && !n.input(1).empty()) lo = init(n, 1).data.at(0);
                if (n.input_size() > 2 && !n.input(2).empty()) hi = init(n, 2).data.at(0);
                if (lo != 0.0f || hi != 6.0f)
                    fail(node_name(n), fmt::format("Clip({}, {})", lo, hi), "only Clip(0, 6) (relu6) is supported");
                l.activation = "relu6";
            }
            add(l, n);
        } else if (op == "MaxPool" || op == "AveragePool") {
            l.type = op == "MaxPool" ? LayerType::kMaxPool : LayerType::kAvgPool;
            l.inputs = {src(n, 0)};
            window(n, l);
            l.ceil_mode = int1(n, "ceil_mode", 0) != 0;
            add(l, n);
        } else if (op == "GlobalAveragePool") {
            l.type = LayerType::kGlobalAvgPool;
            l.inputs = {src(n, 0)};
            add(l, n);
        } else if (op == "Add" || op == "Concat") {
            l.type = op == "Add" ? LayerType::kAdd : LayerType::kConcat;
            if (op == "Concat" && int1(n, "axis", 1) != 1) fail(node_name(n), op, "Concat must be along axis 1 (channels)");
            for (int i = 0; i < n.input_size(); ++i) l.inputs.push_back(src(n, i));
            add(l, n);
        } else if (op == "Flatten" || op == "Reshape") {
            if (op == "Flatten" && int1(n, "axis", 1) != 1) fail(node_name(n), op, "Flatten must use axis 1");
            if (op == "Reshape") {
                const auto& s = init(n, 1).data;
                if (s.size() != 2) fail(node_name(n), op, "only a Reshape to 2-D (N, features) is supported");
            }
            l.type = LayerType::kFlatten;
            l.inputs = {src(n, 0)};
            add(l, n);
        } else if (op == "Gemm" || op == "MatMul") {
            l.type = LayerType::kFc;
            l.inputs = {src(n, 0)};
            const Tensor& w = init(n, 1);
            if (w.dims.size() != 2) fail(node_name(n), op, "weights must be 2-D");
            const bool transB = op == "Gemm" && int1(n, "transB", 0) != 0;
            if (op == "Gemm" && (int1(n, "transA", 0) != 0 || float1(n, "alpha", 1) != 1 || float1(n, "beta", 1) != 1))
                fail(node_name(n), op, "Gemm needs transA = 0, alpha = 1 and beta = 1");
            const int64_t K = transB ? w.dims[1] : w.dims[0], N = transB ? w.dims[0] : w.dims[1];
            std::vector<float> wt(size_t(K * N));  // ours: [units][inputs]
            for (int64_t o = 0; o < N; ++o)
                for (int64_t i = 0; i < K; ++i) wt[size_t(o * K + i)] = transB ? w.data[size_t(o * K + i)] : w.data[size_t(i * N + o)];
            l.out.c = N;
            std::vector<float> b;
            if (op == "Gemm" && n.input_size() > 2) b = init(n, 2).data;
            l.has_bias = !b.empty();
            m_.tensors[add(l, n).name] = {wt, b};
        } else if (op == "Softmax") {
            l.type = LayerType::kSoftmax;
            l.inputs = {src(n, 0)};
            add(l, n);
        } else {
            fail(node_name(n), op, fmt::format("unsupported ONNX operator; supported: {}", kSupported));
        }
    }
};

std::string file_stem(const std::string& layer) {
    std::string s;
    for (char c : layer) s += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    return s;
}

}  // namespace

ImportedModel import_onnx(const std::string& path) { return Importer(path).run(); }

void write_imported(const std::string& trace_path, ImportedModel m) {
    namespace fs = std::filesystem;
    const std::string dir_name = fs::path(trace_path).filename().string() + ".tensors";
    const fs::path dir = fs::path(trace_path).parent_path() / dir_name;
    fs::create_directories(dir);
    for (auto& l : m.net.layers) {
        auto t = m.tensors.find(l.name);
        if (t == m.tensors.end()) continue;
        const std::string stem = file_stem(l.name);
        write_npy((dir / (stem + ".w.npy")).string(), FloatTensor{{int64_t(t->second.first.size())}, t->second.first});
        l.weights_file = dir_name + "/" + stem + ".w.npy";
        if (!t->second.second.empty()) {
            write_npy((dir / (stem + ".b.npy")).string(), FloatTensor{{int64_t(t->second.second.size())}, t->second.second});
            l.bias_file = dir_name + "/" + stem + ".b.npy";
        }
    }
    write_trace_file(trace_path, m.net);
}

}  // namespace edgesa
