#include "onnx/onnx_fold.h"

#include <cmath>

#include <fmt/format.h>

namespace edgesa::onnx_import {

const onnx::AttributeProto* find_attr(const onnx::NodeProto& n, const std::string& name) {
    for (const auto& a : n.attribute())
        if (a.name() == name) return &a;
    return nullptr;
}
std::vector<int64_t> attr_ints(const onnx::NodeProto& n, const std::string& name,
                               std::vector<int64_t> def) {
    const auto* a = find_attr(n, name);
    return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : def;
}
int64_t attr_int(const onnx::NodeProto& n, const std::string& name, int64_t def) {
    const auto* a = find_attr(n, name);
    return a ? a->i() : def;
}
float attr_float(const onnx::NodeProto& n, const std::string& name, float def) {
    const auto* a = find_attr(n, name);
    return a ? a->f() : def;
}
std::string attr_string(const onnx::NodeProto& n, const std::string& name, const std::string& def) {
    const auto* a = find_attr(n, name);
    return a ? a->s() : def;
}

int normalize_axis(int64_t axis, size_t rank) {
    const int64_t r = int64_t(rank);
    if (axis < -r || axis >= r) return -1;
    return int(axis < 0 ? axis + r : axis);
}

bool resolve_reshape(const std::vector<int64_t>& in, const std::vector<double>& shape,
                     bool allowzero, std::vector<int64_t>* out, std::string* why) {
    std::string w;
    const int64_t total = checked_elements(in, &w);
    out->clear();
    int infer = -1;
    int64_t known = 1;
    for (size_t i = 0; i < shape.size(); ++i) {
        int64_t d = int64_t(shape[i]);
        if (d == 0 && !allowzero) {
            if (i >= in.size()) return *why = "a 0 in the shape has no input dim to copy", false;
            d = in[i];
        }
        if (d == -1) {
            if (infer >= 0) return *why = "the shape has more than one -1", false;
            infer = int(i);
        } else if (d < 0) {
            return *why = fmt::format("shape entry {} is negative", d), false;
        } else {
            if (d != 0 && known > total / std::max<int64_t>(d, 1) + 1)
                return *why = "the shape is too large", false;
            known *= d;
        }
        out->push_back(d);
    }
    if (infer >= 0) {
        if (known == 0 || total % known != 0)
            return *why = fmt::format("-1 cannot be inferred: {} elements over {}", total, known),
                   false;
        (*out)[size_t(infer)] = total / known;
    } else if (known != total) {
        return *why = fmt::format("the shape holds {} elements, the input {}", known, total), false;
    }
    return true;
}

namespace {
std::vector<int64_t> as_ints(const ConstTensor& t) {
    std::vector<int64_t> r;
    for (double d : t.v) r.push_back(int64_t(d));
    return r;
}

ConstTensor ints_tensor(const std::vector<int64_t>& v) {
    ConstTensor t;
    t.integer = true;
    t.dims = {int64_t(v.size())};
    t.v.assign(v.begin(), v.end());
    return t;
}
}  // namespace

bool fold_constant(const onnx::NodeProto& n, const std::vector<const ConstTensor*>& in, int opset,
                   ConstTensor* out, std::string* why) {
    why->clear();
    const std::string& op = n.op_type();
    auto need = [&](size_t k) {
        if (in.size() < k || !in[0]) return *why = fmt::format("needs {} input(s)", k), false;
        for (size_t i = 0; i < k; ++i)
            if (!in[i]) return *why = fmt::format("input {} is missing", i), false;
        return true;
    };
    if (op == "Identity" || op == "Dropout") {
        if (!need(1)) return true;
        *out = *in[0];
    } else if (op == "Shape") {
        if (!need(1)) return true;
        *out = ints_tensor(in[0]->dims);
    } else if (op == "Cast") {
        if (!need(1)) return true;
        *out = *in[0];
        const int64_t to = attr_int(n, "to", onnx::TensorProto::FLOAT);
        out->integer = to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32 ||
                       to == onnx::TensorProto::INT8 || to == onnx::TensorProto::UINT8 ||
                       to == onnx::TensorProto::BOOL;
        for (auto& x : out->v) x = out->integer ? std::trunc(x) : double(float(x));
    } else if (op == "Gather") {
        if (!need(2)) return true;
        const ConstTensor& d = *in[0];
        if (d.dims.empty() || normalize_axis(attr_int(n, "axis", 0), d.dims.size()) != 0)
            return *why = "only a Gather along axis 0 of a constant is folded", true;
        int64_t inner = 1;
        for (size_t i = 1; i < d.dims.size(); ++i) inner *= d.dims[i];
        out->integer = d.integer;
        out->dims = in[1]->dims;
        out->dims.insert(out->dims.end(), d.dims.begin() + 1, d.dims.end());
        for (double x : in[1]->v) {
            int64_t i = int64_t(x);
            if (i < 0) i += d.dims[0];
            if (i < 0 || i >= d.dims[0])
                return *why = fmt::format("index {} is out of range", int64_t(x)), true;
            out->v.insert(out->v.end(), d.v.begin() + i * inner, d.v.begin() + (i + 1) * inner);
        }
    } else if (op == "Unsqueeze" || op == "Squeeze") {
        if (!need(1)) return true;
        std::vector<int64_t> axes = attr_ints(n, "axes", {});
        if (opset >= 13 && in.size() > 1 && in[1]) axes = as_ints(*in[1]);
        *out = *in[0];
        if (op == "Unsqueeze") {
            const size_t rank = in[0]->dims.size() + axes.size();
            std::vector<bool> is_new(rank, false);
            for (int64_t a : axes) {
                const int k = normalize_axis(a, rank);
                if (k < 0) return *why = fmt::format("axis {} is out of range", a), true;
                is_new[size_t(k)] = true;
            }
            out->dims.clear();
            size_t j = 0;
            for (size_t k = 0; k < rank; ++k) out->dims.push_back(is_new[k] ? 1 : in[0]->dims[j++]);
        } else {
            std::vector<bool> drop(in[0]->dims.size(), axes.empty());
            for (int64_t a : axes) {
                const int k = normalize_axis(a, in[0]->dims.size());
                if (k < 0 || in[0]->dims[size_t(k)] != 1)
                    return *why = fmt::format("axis {} is not of size 1", a), true;
                drop[size_t(k)] = true;
            }
            out->dims.clear();
            for (size_t k = 0; k < drop.size(); ++k)
                if (!(drop[k] && in[0]->dims[k] == 1)) out->dims.push_back(in[0]->dims[k]);
        }
    } else if (op == "Concat") {
        if (in.empty()) return *why = "needs inputs", true;
        for (auto* t : in)
            if (!t) return *why = "an input is missing", true;
        const size_t rank = in[0]->dims.size();
        const int axis = normalize_axis(attr_int(n, "axis", 0), rank);
        if (axis < 0) return *why = "axis is out of range", true;
        int64_t outer = 1;
        for (int i = 0; i < axis; ++i) outer *= in[0]->dims[size_t(i)];
        *out = ConstTensor{};
        out->integer = in[0]->integer;
        out->dims = in[0]->dims;
        out->dims[size_t(axis)] = 0;
        for (auto* t : in) {
            if (t->dims.size() != rank) return *why = "inputs differ in rank", true;
            out->dims[size_t(axis)] += t->dims[size_t(axis)];
        }
        for (int64_t o = 0; o < outer; ++o)
            for (auto* t : in) {
                const int64_t chunk = outer ? t->elements() / outer : 0;
                out->v.insert(out->v.end(), t->v.begin() + o * chunk,
                              t->v.begin() + (o + 1) * chunk);
            }
    } else if (op == "Reshape") {
        if (!need(2)) return true;
        *out = *in[0];
        resolve_reshape(in[0]->dims, in[1]->v, attr_int(n, "allowzero", 0) != 0, &out->dims, why);
    } else if (op == "Slice") {
        if (!need(1)) return true;
        if (in[0]->dims.size() != 1) return *why = "only a Slice of a 1-D constant is folded", true;
        std::vector<int64_t> starts = attr_ints(n, "starts", {}), ends = attr_ints(n, "ends", {}),
                             steps{1};
        if (opset >= 10) {
            if (!need(3)) return true;
            starts = as_ints(*in[1]), ends = as_ints(*in[2]);
            if (in.size() > 4 && in[4]) steps = as_ints(*in[4]);
        }
        if (starts.size() != 1 || ends.size() != 1 || steps.size() != 1 || steps[0] != 1)
            return *why = "only a one-axis Slice with step 1 is folded", true;
        const int64_t len = in[0]->dims[0];
        auto clampi = [&](int64_t x) {
            return std::max<int64_t>(0, std::min(len, x < 0 ? x + len : x));
        };
        const int64_t s = clampi(starts[0]), e = std::max(s, clampi(ends[0]));
        *out = ConstTensor{};
        out->integer = in[0]->integer;
        out->dims = {e - s};
        out->v.assign(in[0]->v.begin() + s, in[0]->v.begin() + e);
    } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
        if (!need(2)) return true;
        const ConstTensor &a = *in[0], &b = *in[1];
        if (a.elements() != 1 && b.elements() != 1 && a.dims != b.dims)
            return *why = "only equal shapes or a scalar operand are folded", true;
        const bool a_big = a.elements() >= b.elements();
        *out = a_big ? a : b;
        out->integer = a.integer && b.integer;
        for (size_t i = 0; i < out->v.size(); ++i) {
            const double x = a.v[a.elements() == 1 ? 0 : i], y = b.v[b.elements() == 1 ? 0 : i];
            double r = op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : 0.0;
            if (op == "Div") {
                if (y == 0 && out->integer) return *why = "integer division by zero", true;
                r = out->integer ? std::trunc(x / y) : x / y;
            }
            out->v[i] = out->integer ? r : double(float(r));
        }
    } else if (op == "ConstantOfShape") {
        if (!need(1)) return true;
        *out = ConstTensor{};
        out->dims = as_ints(*in[0]);
        const int64_t count = checked_elements(out->dims, why);
        if (!why->empty()) return true;
        if (count > (int64_t(1) << 20))
            return *why = "a folded constant may hold at most 2^20 values", true;
        double value = 0;
        if (const auto* a = find_attr(n, "value")) {
            std::string w;
            const ConstTensor t = read_tensor(a->t(), &w);
            if (!w.empty() || t.v.size() != 1)
                return *why = "value must be a one-element tensor", true;
            value = t.v[0];
            out->integer = t.integer;
        }
        out->v.assign(size_t(count), value);
    } else {
        return false;
    }
    return true;
}

}  // namespace edgesa::onnx_import
