#pragma once
// Documented input limits and overflow-checked 64-bit arithmetic for every count, shape and size
// read from a user file (configs, traces, .npy tensors, sweep specs). docs/input-limits.md lists
// each limit with its reason; a value past one is bad input (exit 2), never a wrap or a crash.
#include <cstdint>
#include <optional>

namespace edgesa::limits {

// Bytes of one input file (config, trace, sweep spec, .npy tensor, raw float file).
constexpr uint64_t kMaxTextFileBytes = 16ull << 20;   // YAML inputs: 16 MiB
constexpr uint64_t kMaxTensorFileBytes = 1ull << 30;  // .npy / raw float32: 1 GiB
// YAML structure.
constexpr int kMaxYamlDepth = 32;           // nesting of mappings and lists
constexpr uint64_t kMaxLineBytes = 65536;   // one line of a YAML input
constexpr int64_t kMaxYamlNodes = 2000000;  // values of one document, aliases counted per use
// Any single integer in a trace (a dimension, kernel, stride, pad, dilation, filter count, slice
// start or count): 2^24, so sums and products of a few of them stay far from 2^63.
constexpr int64_t kMaxTraceInt = int64_t(1) << 24;
// Elements of one tensor (a layer's input, output or weights; a .npy array): 2^28, 1 GiB of fp32.
constexpr int64_t kMaxTensorElements = int64_t(1) << 28;
// Multiply-accumulates of one layer (2^40, about 1.1e12) and of one whole network (2^50).
constexpr int64_t kMaxLayerMacs = int64_t(1) << 40;
constexpr int64_t kMaxNetworkMacs = int64_t(1) << 50;
// Layers of one trace.
constexpr int64_t kMaxTraceLayers = 100000;
// Dimensions of one .npy array.
constexpr int kMaxNpyDims = 8;
// Length of a number-format name ("e4m3b15", "q3.13") and of a sweep constraint expression.
constexpr size_t kMaxFormatNameBytes = 32;
constexpr size_t kMaxExprBytes = 4096;
constexpr int kMaxExprDepth = 64;    // nested parentheses and unary operators
constexpr int kMaxExprNodes = 2000;  // operators and operands of one expression
// Points one sweep may expand to, unless the spec's `max_points` raises it (up to the hard cap).
constexpr int64_t kDefaultMaxSweepPoints = 100000;
constexpr int64_t kHardMaxSweepPoints = 10000000;

// a * b, or nullopt when the exact result does not fit in int64_t.
inline std::optional<int64_t> mul(int64_t a, int64_t b) {
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
    return r;
}
inline std::optional<int64_t> add(int64_t a, int64_t b) {
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
    return r;
}
// Product of a list, or nullopt on overflow or when it exceeds `cap`.
template <typename It>
std::optional<int64_t> product_capped(It first, It last, int64_t cap) {
    int64_t p = 1;
    for (; first != last; ++first) {
        auto r = mul(p, int64_t(*first));
        if (!r || *r > cap) return std::nullopt;
        p = *r;
    }
    return p;
}

}  // namespace edgesa::limits
