// Trace writer: one canonical text per network (fixed key order, defaults omitted), so a
// read/write round trip is byte-identical.
#include <fmt/format.h>

#include "io/atomic_file.h"
#include "trace/trace_io.h"

namespace edgesa {
namespace {

std::string shape_text(const Shape& s) {
    return fmt::format("[{}, {}, {}]", s.c, s.h, s.w);
}

// Scalar when both sizes agree, else [h, w].
std::string pair_text(int64_t h, int64_t w) {
    return h == w ? fmt::format("{}", h) : fmt::format("[{}, {}]", h, w);
}

std::string pad_text(const Layer& l) {
    if (l.pad_top == l.pad_bottom && l.pad_left == l.pad_right)
        return pair_text(l.pad_top, l.pad_left);
    return fmt::format("[{}, {}, {}, {}]", l.pad_top, l.pad_left, l.pad_bottom, l.pad_right);
}

// Layer names are written plain when YAML would read them back unchanged, else double-quoted.
std::string name_text(const std::string& s) {
    bool plain = !s.empty();
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
              c == '-'))
            plain = false;
    if (plain && (s == "true" || s == "false" || s == "null" || s == "~" || s[0] == '-' ||
                  std::isdigit(static_cast<unsigned char>(s[0]))))
        plain = false;
    if (plain) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + "\"";
}

}  // namespace

int trace_version_needed(const Network& n) {
    for (const auto& l : n.layers)
        if (l.type == LayerType::kSlice || l.concat_rows) return 2;
    return 1;
}

std::string write_trace_text(const Network& n) {
    std::string o;
    auto line = [&](const std::string& s) { o += s + "\n"; };
    line(fmt::format("edgesa_trace: {}", trace_version_needed(n)));
    line(fmt::format("name: {}", name_text(n.name)));
    line(fmt::format("input: {{shape: {}, format: {}}}", shape_text(n.input),
                     n.input_format.name()));
    line("layers:");
    for (const auto& l : n.layers) {
        line(fmt::format("  - name: {}", name_text(l.name)));
        auto key = [&](const std::string& k, const std::string& v) {
            line(fmt::format("    {}: {}", k, v));
        };
        key("type", to_string(l.type));
        std::string ins;
        for (const auto& i : l.inputs) ins += (ins.empty() ? "" : ", ") + name_text(i);
        key("inputs", "[" + ins + "]");
        key("in", shape_text(l.in));
        key("out", shape_text(l.out));
        const bool weighted = l.type == LayerType::kConv2d || l.type == LayerType::kFc;
        const bool windowed = l.type == LayerType::kConv2d || l.type == LayerType::kMaxPool ||
                              l.type == LayerType::kAvgPool;
        if (l.type == LayerType::kConv2d) key("filters", std::to_string(l.out.c));
        if (l.type == LayerType::kFc) key("units", std::to_string(l.out.c));
        if (windowed) {
            key("kernel", pair_text(l.kernel_h, l.kernel_w));
            key("stride", pair_text(l.stride_h, l.stride_w));
            key("pad", pad_text(l));
        }
        if (l.type == LayerType::kConv2d) {
            if (l.dilation_h != 1 || l.dilation_w != 1)
                key("dilation", pair_text(l.dilation_h, l.dilation_w));
            if (l.groups != 1) key("groups", std::to_string(l.groups));
        }
        if ((l.type == LayerType::kMaxPool || l.type == LayerType::kAvgPool) && l.ceil_mode)
            key("ceil_mode", "true");
        if (l.type == LayerType::kActivation) key("function", l.activation);
        if (l.type == LayerType::kConcat && l.concat_rows) key("axis", "rows");
        if (l.type == LayerType::kUpsample) key("factor", std::to_string(l.factor));
        if (l.type == LayerType::kChannelShuffle) key("groups", std::to_string(l.groups));
        if (l.type == LayerType::kScaleShift) {
            key("weight_format", l.weight_format.name());
            if (!l.weights_file.empty()) key("weights", name_text(l.weights_file));
            if (!l.bias_file.empty()) key("biases", name_text(l.bias_file));
        }
        if (l.type == LayerType::kSlice) {
            key("channels", fmt::format("[{}, {}]", l.slice_c0, l.out.c));
            key("rows", fmt::format("[{}, {}]", l.slice_r0, l.out.h));
        }
        if (weighted) {
            key("bias", l.has_bias ? "true" : "false");
            if (l.batch_norm) key("batch_norm", "true");
            if (!l.activation.empty()) key("activation", l.activation);
            key("weight_format", l.weight_format.name());
            if (l.density != 1.0) key("density", fmt::format("{}", l.density));
            if (!l.weights_file.empty()) key("weights", name_text(l.weights_file));
            if (!l.bias_file.empty()) key("biases", name_text(l.bias_file));
        }
        key("out_format", l.out_format.name());
        if (l.branch >= 0) key("branch", std::to_string(l.branch));
        if (l.device != 0) key("device", std::to_string(l.device));
    }
    return o;
}

void write_trace_file(const std::string& path, const Network& n) {
    write_file_atomic(path, write_trace_text(n));
}

}  // namespace edgesa
