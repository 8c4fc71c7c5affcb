#include "onnx/onnx_tensor.h"

#include <cstring>

#include <fmt/format.h>

namespace edgesa::onnx_import {

int64_t checked_elements(const std::vector<int64_t>& dims, std::string* why) {
    why->clear();
    int64_t n = 1;
    for (int64_t d : dims) {
        if (d < 0) {
            *why = fmt::format("dimension {} is negative", d);
            return 0;
        }
        if (d != 0 && n > kMaxTensorElements / d) {
            *why = fmt::format("more than {} elements", kMaxTensorElements);
            return 0;
        }
        n *= d;
    }
    return n;
}

namespace {
template <class T>
bool copy_raw(const std::string& raw, size_t n, std::vector<double>* out) {
    if (raw.size() != n * sizeof(T)) return false;
    out->resize(n);
    for (size_t i = 0; i < n; ++i) {
        T x;
        std::memcpy(&x, raw.data() + i * sizeof(T), sizeof(T));
        (*out)[i] = double(x);
    }
    return true;
}

template <class Field>
bool copy_field(const Field& f, size_t n, std::vector<double>* out) {
    if (size_t(f.size()) != n) return false;
    out->assign(f.begin(), f.end());
    return true;
}
}  // namespace

ConstTensor read_tensor(const onnx::TensorProto& t, std::string* why) {
    ConstTensor r;
    r.dims.assign(t.dims().begin(), t.dims().end());
    const int64_t n = checked_elements(r.dims, why);
    if (!why->empty()) return r;
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
        *why = "external tensor data is not supported; save the model with its weights inside";
        return r;
    }
    const std::string& raw = t.raw_data();
    const bool has_raw = t.has_raw_data();
    const size_t count = size_t(n);
    bool ok = false;
    switch (t.data_type()) {
        case onnx::TensorProto::FLOAT:
            ok = has_raw ? copy_raw<float>(raw, count, &r.v)
                         : copy_field(t.float_data(), count, &r.v);
            break;
        case onnx::TensorProto::DOUBLE:
            ok = has_raw ? copy_raw<double>(raw, count, &r.v)
                         : copy_field(t.double_data(), count, &r.v);
            break;
        case onnx::TensorProto::INT64:
            r.integer = true;
            ok = has_raw ? copy_raw<int64_t>(raw, count, &r.v)
                         : copy_field(t.int64_data(), count, &r.v);
            break;
        case onnx::TensorProto::INT32:
            r.integer = true;
            ok = has_raw ? copy_raw<int32_t>(raw, count, &r.v)
                         : copy_field(t.int32_data(), count, &r.v);
            break;
        case onnx::TensorProto::INT8:
        case onnx::TensorProto::UINT8:
        case onnx::TensorProto::BOOL:
            r.integer = true;
            if (has_raw) {
                ok = t.data_type() == onnx::TensorProto::INT8 ? copy_raw<int8_t>(raw, count, &r.v)
                                                              : copy_raw<uint8_t>(raw, count, &r.v);
            } else {
                ok = copy_field(t.int32_data(), count, &r.v);
            }
            break;
        default:
            *why = fmt::format(
                "data type {} is not supported (float, double and integer tensors are)",
                onnx::TensorProto::DataType_Name(onnx::TensorProto::DataType(t.data_type())));
            return r;
    }
    if (!ok) {
        const size_t held = has_raw ? raw.size()
                                    : size_t(std::max({t.float_data_size(), t.double_data_size(),
                                                       t.int64_data_size(), t.int32_data_size()}));
        *why = fmt::format("its dims declare {} elements but it holds {} {}", n, held,
                           has_raw ? "bytes of raw data" : "values");
    }
    return r;
}

}  // namespace edgesa::onnx_import
