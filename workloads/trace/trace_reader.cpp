// Trace reader and validator: YAML -> Network, with every problem reported as file:line:col,
// the layer, the value and the rule (same style as the config loader).
#include <filesystem>
#include <fstream>
#include <map>
#include <queue>
#include <set>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "diag/diagnostic.h"
#include "io/input_file.h"
#include "io/yaml_input.h"
#include "numerics/activation.h"
#include "trace/trace_io.h"

namespace edgesa {
namespace {

const std::vector<std::string> kTopKeys = {"edgesa_trace", "name", "input", "layers"};
const std::vector<std::string> kInputKeys = {"shape", "format"};
const std::vector<std::string> kCommonKeys = {"name", "type",       "inputs", "in",
                                              "out",  "out_format", "branch", "device"};
const std::vector<std::string> kWeightedKeys = {
    "bias", "batch_norm", "activation", "weight_format", "density", "weights", "biases"};
const std::vector<std::string> kWindowKeys = {"kernel", "stride", "pad"};

std::vector<std::string> keys_for(LayerType t) {
    std::vector<std::string> k = kCommonKeys;
    auto add = [&](const std::vector<std::string>& more) {
        k.insert(k.end(), more.begin(), more.end());
    };
    switch (t) {
        case LayerType::kConv2d:
            add({"filters", "dilation", "groups"});
            add(kWindowKeys);
            add(kWeightedKeys);
            break;
        case LayerType::kFc:
            add({"units"});
            add(kWeightedKeys);
            break;
        case LayerType::kMaxPool:
        case LayerType::kAvgPool:
            add(kWindowKeys);
            add({"ceil_mode"});
            break;
        case LayerType::kActivation:
            add({"function"});
            break;
        case LayerType::kConcat:
            add({"axis"});
            break;
        case LayerType::kSlice:
            add({"channels", "rows"});
            break;
        case LayerType::kScaleShift:  // scales as `weights`, shifts as `biases`
            add({"weight_format", "weights", "biases"});
            break;
        case LayerType::kUpsample:
            add({"factor"});
            break;
        case LayerType::kChannelShuffle:
            add({"groups"});
            break;
        default:
            break;
    }
    return k;
}

std::vector<std::string> all_layer_keys() {
    std::set<std::string> s;
    for (int t = 0; t < kLayerTypeCount; ++t)
        for (const auto& k : keys_for(LayerType(t))) s.insert(k);
    return {s.begin(), s.end()};
}

std::string layer_type_names() {
    std::string s;
    for (int t = 0; t < kLayerTypeCount; ++t)
        s += std::string(s.empty() ? "" : ", ") + to_string(LayerType(t));
    return s;
}

// Parses one trace; collects diagnostics instead of stopping at the first.
class TraceReader {
  public:
    explicit TraceReader(std::string file) : file_(std::move(file)) {}

    Network read(const std::string& text) {
        const YAML::Node root = parse_yaml_checked(text, file_);
        if (!root.IsMap())
            throw InputError(
                Diagnostic{{file_, 1, 1},
                           "",
                           "",
                           "a trace must be a mapping with edgesa_trace, name, input and layers"});
        net_.source_file = file_;
        auto top = entries(root, "", kTopKeys, "trace");
        if (!require(top, root, "edgesa_trace", "") || !require(top, root, "layers", "") ||
            !require(top, root, "input", "") || !require(top, root, "name", ""))
            diags_.throw_if_any();
        const YAML::Node& ver = top["edgesa_trace"];
        int64_t v = 0;
        if (integer(ver, "edgesa_trace", &v) && (v < 1 || v > kTraceVersion))
            bad(ver, "edgesa_trace", ver.Scalar(),
                fmt::format("this edgesa reads trace versions 1 to {}", kTraceVersion));
        net_.version = int(v);
        string(top["name"], "name", &net_.name);
        read_input(top["input"]);
        const YAML::Node& layers = top["layers"];
        if (!layers.IsSequence() || layers.size() == 0) {
            bad(layers, "layers", "", "must be a non-empty list of layers");
            diags_.throw_if_any();
        }
        if (int64_t(layers.size()) > limits::kMaxTraceLayers) {
            bad(layers, "layers", std::to_string(layers.size()),
                fmt::format("a trace holds at most {} layers", limits::kMaxTraceLayers));
            diags_.throw_if_any();
        }
        for (const auto& ln : layers) read_layer(ln);
        diags_.throw_if_any();
        check_graph();
        diags_.throw_if_any();
        check_shapes();
        diags_.throw_if_any();
        return std::move(net_);
    }

  private:
    std::string file_;
    Network net_;
    DiagnosticList diags_;
    std::map<std::string, YAML::Node> layer_nodes_;  // name -> its mapping, for error positions
    std::map<std::string, std::map<std::string, YAML::Node>> layer_keys_;
    std::set<std::string> suggested_;  // key paths offered as "did you mean"

    SourcePos pos(const YAML::Mark& m) const {
        if (m.is_null()) return {file_, 0, 0};
        return {file_, m.line + 1, m.column + 1};
    }
    void bad(const YAML::Node& n, const std::string& key, const std::string& value,
             const std::string& rule) {
        diags_.add(pos(n.Mark()), key, value, rule);
    }

    // Keys of a mapping, checked against `allowed` (unknown and duplicate keys are errors).
    std::map<std::string, YAML::Node> entries(const YAML::Node& map, const std::string& prefix,
                                              const std::vector<std::string>& allowed,
                                              const std::string& what) {
        std::map<std::string, YAML::Node> out;
        for (const auto& kv : map) {
            const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
            const std::string path = prefix.empty() ? k : prefix + "." + k;
            if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
                const auto all = all_layer_keys();
                const bool layer = what != "trace" && what != "input";
                std::string rule = fmt::format("unknown key for {}", what);
                if (layer && std::find(all.begin(), all.end(), k) != all.end()) {
                    rule = fmt::format("not a key of {}", what);
                } else {
                    const std::string near = closest_match(k, allowed);
                    if (!near.empty()) {
                        rule += fmt::format(" (did you mean '{}'?)", near);
                        suggested_.insert(path.substr(0, path.size() - k.size()) + near);
                    }
                }
                diags_.add(pos(kv.first.Mark()), path, k, rule);
                continue;
            }
            if (out.count(k)) {
                diags_.add(pos(kv.first.Mark()), path, k, "duplicate key");
                continue;
            }
            out[k] = kv.second;
        }
        return out;
    }
    bool require(const std::map<std::string, YAML::Node>& m, const YAML::Node& where,
                 const std::string& key, const std::string& prefix) {
        if (m.count(key)) return true;
        // a misspelling already reported with "did you mean KEY" says it all
        if (suggested_.count(prefix.empty() ? key : prefix + "." + key)) return false;
        diags_.add(pos(where.Mark()), prefix.empty() ? key : prefix + "." + key, "", "is required");
        return false;
    }

    bool integer(const YAML::Node& n, const std::string& key, int64_t* out) {
        if (!n.IsScalar()) {
            bad(n, key, "", "must be an integer");
            return false;
        }
        const std::string& t = n.Scalar();
        if (!parse_int64(t, out)) {
            bad(n, key, t, "must be an integer");
            return false;
        }
        if (*out > limits::kMaxTraceInt || *out < -limits::kMaxTraceInt) {
            bad(n, key, t,
                fmt::format("must be at most {} in size (2^24, the trace integer limit)",
                            limits::kMaxTraceInt));
            return false;
        }
        return true;
    }
    bool boolean(const YAML::Node& n, const std::string& key, bool* out) {
        if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) {
            *out = n.Scalar() == "true";
            return true;
        }
        bad(n, key, n.IsScalar() ? n.Scalar() : "", "must be true or false");
        return false;
    }
    bool string(const YAML::Node& n, const std::string& key, std::string* out) {
        if (!n.IsScalar() || n.Scalar().empty()) {
            bad(n, key, "", "must be a non-empty string");
            return false;
        }
        *out = n.Scalar();
        return true;
    }
    bool format(const YAML::Node& n, const std::string& key, StorageFormat* out) {
        std::string text, why;
        if (!string(n, key, &text)) return false;
        auto f = StorageFormat::parse(text, &why);
        if (!f) {
            bad(n, key, text, why);
            return false;
        }
        *out = *f;
        return true;
    }
    // An integer or a list of `sizes` integers (each a legal count), e.g. kernel: 3 or [3, 5].
    bool int_list(const YAML::Node& n, const std::string& key, const std::vector<size_t>& sizes,
                  std::vector<int64_t>* out, int64_t min_value) {
        if (!int_list_raw(n, key, sizes, out)) return false;
        for (int64_t v : *out)
            if (v < min_value) {
                bad(n, key, n.IsScalar() ? n.Scalar() : std::to_string(v),
                    fmt::format("must be at least {}", min_value));
                return false;
            }
        return true;
    }
    bool int_list_raw(const YAML::Node& n, const std::string& key, const std::vector<size_t>& sizes,
                      std::vector<int64_t>* out) {
        out->clear();
        if (n.IsScalar()) {
            int64_t v;
            if (!integer(n, key, &v)) return false;
            out->push_back(v);
            return true;
        }
        std::string counts;
        for (size_t s : sizes) counts += (counts.empty() ? "" : " or ") + std::to_string(s);
        if (!n.IsSequence() || std::find(sizes.begin(), sizes.end(), n.size()) == sizes.end()) {
            bad(n, key, "", fmt::format("must be an integer or a list of {} integers", counts));
            return false;
        }
        for (const auto& e : n) {
            int64_t v;
            if (!integer(e, key, &v)) return false;
            out->push_back(v);
        }
        return true;
    }
    bool shape(const YAML::Node& n, const std::string& key, Shape* out) {
        if (!n.IsSequence() || n.size() != 3) {
            bad(n, key, "", "must be a list [channels, height, width]");
            return false;
        }
        int64_t v[3];
        for (size_t i = 0; i < 3; ++i) {
            if (!integer(n[i], key, &v[i])) return false;
            if (v[i] < 1) {
                bad(n[i], key, n[i].Scalar(), "shape sizes must be at least 1");
                return false;
            }
        }
        *out = Shape{v[0], v[1], v[2]};
        return true;
    }

    void read_input(const YAML::Node& n) {
        if (!n.IsMap()) {
            bad(n, "input", "", "must be a mapping with shape (and optionally format)");
            return;
        }
        auto m = entries(n, "input", kInputKeys, "input");
        if (require(m, n, "shape", "input")) shape(m["shape"], "input.shape", &net_.input);
        if (m.count("format")) format(m["format"], "input.format", &net_.input_format);
    }

    void read_layer(const YAML::Node& n) {
        if (!n.IsMap()) {
            bad(n, "layers", "",
                "each layer must be a mapping with at least name, type and inputs");
            return;
        }
        Layer l;
        l.source_line = int(n.Mark().line) + 1;
        // name and type first: they decide which keys are legal and name every later message.
        const YAML::Node name_node = n["name"];
        if (!name_node || !string(name_node, "name", &l.name)) {
            if (!name_node) bad(n, "name", "", "every layer needs a name");
            return;
        }
        if (l.name == "input")
            bad(name_node, l.name, l.name, "'input' is reserved for the network input");
        const YAML::Node type_node = n["type"];
        std::string type_text;
        if (!type_node) {
            bad(n, l.name, "", "type is required (one of " + layer_type_names() + ")");
            return;
        }
        if (!string(type_node, l.name + ".type", &type_text)) return;
        if (!parse_layer_type(type_text, &l.type)) {
            std::vector<std::string> names;
            for (int t = 0; t < kLayerTypeCount; ++t) names.push_back(to_string(LayerType(t)));
            std::string rule = "unknown layer type; one of " + layer_type_names();
            const std::string near = closest_match(type_text, names);
            if (!near.empty()) rule += fmt::format(" (did you mean '{}'?)", near);
            bad(type_node, l.name + ".type", type_text, rule);
            return;
        }
        auto m = entries(n, l.name, keys_for(l.type), std::string(to_string(l.type)) + " layers");
        const std::string& L = l.name;
        if (require(m, n, "inputs", L)) {
            const YAML::Node& in = m["inputs"];
            if (in.IsScalar()) {
                l.inputs.push_back(in.Scalar());
            } else if (in.IsSequence() && in.size() > 0) {
                for (const auto& e : in) {
                    std::string s;
                    if (string(e, L + ".inputs", &s)) l.inputs.push_back(s);
                }
            } else {
                bad(in, L + ".inputs", "",
                    "must be a layer name or a non-empty list of layer names");
            }
        }
        int64_t v = 0;
        auto positive = [&](const char* key, int64_t* dst) {
            if (!m.count(key)) return;
            if (integer(m[key], L + "." + key, &v)) {
                if (v < 1)
                    bad(m[key], L + "." + key, m[key].Scalar(), "must be at least 1");
                else
                    *dst = v;
            }
        };
        if (l.type == LayerType::kConv2d && require(m, n, "filters", L))
            positive("filters", &l.out.c);
        if (l.type == LayerType::kFc && require(m, n, "units", L)) positive("units", &l.out.c);
        positive("groups", &l.groups);
        if (l.type == LayerType::kUpsample && require(m, n, "factor", L))
            positive("factor", &l.factor);
        if (l.type == LayerType::kChannelShuffle) require(m, n, "groups", L);
        if (l.type == LayerType::kScaleShift) l.has_bias = true;  // the shifts
        std::vector<int64_t> xs;
        if (l.type == LayerType::kConv2d || l.type == LayerType::kMaxPool ||
            l.type == LayerType::kAvgPool) {
            if (require(m, n, "kernel", L) && int_list(m["kernel"], L + ".kernel", {2}, &xs, 1)) {
                l.kernel_h = xs[0];
                l.kernel_w = xs.back();
            }
            l.stride_h = l.stride_w = 1;
            if (l.type != LayerType::kConv2d) {  // pooling's stride defaults to its kernel
                l.stride_h = l.kernel_h;
                l.stride_w = l.kernel_w;
            }
            if (m.count("stride") && int_list(m["stride"], L + ".stride", {2}, &xs, 1)) {
                l.stride_h = xs[0];
                l.stride_w = xs.back();
            }
            if (m.count("pad") && int_list(m["pad"], L + ".pad", {2, 4}, &xs, 0)) {
                if (xs.size() == 4) {
                    l.pad_top = xs[0], l.pad_left = xs[1], l.pad_bottom = xs[2],
                    l.pad_right = xs[3];
                } else {
                    l.pad_top = l.pad_bottom = xs[0];
                    l.pad_left = l.pad_right = xs.back();
                }
            }
        }
        if (m.count("dilation") && int_list(m["dilation"], L + ".dilation", {2}, &xs, 1)) {
            l.dilation_h = xs[0];
            l.dilation_w = xs.back();
        }
        if (m.count("ceil_mode")) boolean(m["ceil_mode"], L + ".ceil_mode", &l.ceil_mode);
        if (m.count("bias")) boolean(m["bias"], L + ".bias", &l.has_bias);
        if (m.count("batch_norm")) boolean(m["batch_norm"], L + ".batch_norm", &l.batch_norm);
        if (l.type == LayerType::kActivation && require(m, n, "function", L) &&
            string(m["function"], L + ".function", &l.activation) &&
            !is_known_activation(l.activation))
            bad(m["function"], L + ".function", l.activation,
                fmt::format("unknown activation; one of {}, transfer",
                            activation_function_names()));
        if (m.count("activation") && string(m["activation"], L + ".activation", &l.activation) &&
            (!is_known_activation(l.activation) || l.activation == "transfer"))
            bad(m["activation"], L + ".activation", l.activation,
                fmt::format("unknown fused activation; one of {}", activation_function_names()));
        if (m.count("axis")) {
            std::string axis;
            if (string(m["axis"], L + ".axis", &axis)) {
                if (axis != "channels" && axis != "rows")
                    bad(m["axis"], L + ".axis", axis, "must be channels or rows");
                l.concat_rows = axis == "rows";
            }
        }
        for (const char* key : {"channels", "rows"}) {
            if (!m.count(key)) continue;
            if (!m[key].IsSequence() || m[key].size() != 2) {
                bad(m[key], L + "." + key, "", "must be a list [start, count]");
                continue;
            }
            int64_t start = 0, count = 0;
            if (!integer(m[key][0], L + "." + key, &start) ||
                !integer(m[key][1], L + "." + key, &count))
                continue;
            if (start < 0 || count < 1) {
                bad(m[key], L + "." + key, fmt::format("[{}, {}]", start, count),
                    "start must be at least 0 and count at least 1");
                continue;
            }
            (std::string(key) == "rows" ? l.slice_r0 : l.slice_c0) = start;
            (std::string(key) == "rows" ? l.slice_r : l.slice_c) = count;
        }
        if (net_.version < 2 && (l.type == LayerType::kSlice || m.count("axis")))
            bad(type_node, L + ".type", type_text,
                fmt::format("{} needs edgesa_trace: 2 (this trace says {})",
                            l.type == LayerType::kSlice ? "a slice layer" : "a concat axis",
                            net_.version));
        if (m.count("weight_format"))
            format(m["weight_format"], L + ".weight_format", &l.weight_format);
        if (m.count("out_format")) format(m["out_format"], L + ".out_format", &l.out_format);
        if (m.count("density")) {
            const YAML::Node& d = m["density"];
            double x = -1;
            try {
                x = d.as<double>();
            } catch (...) {
            }
            if (!(x > 0 && x <= 1))
                bad(d, L + ".density", d.IsScalar() ? d.Scalar() : "",
                    "must be a number in (0, 1]");
            else
                l.density = x;
        }
        if (m.count("branch") && integer(m["branch"], L + ".branch", &v)) {
            if (v < -1 || v > 1000000)
                bad(m["branch"], L + ".branch", m["branch"].Scalar(),
                    "must be -1 (no branch) or a branch id >= 0");
            else
                l.branch = int(v);
        }
        if (m.count("device") && integer(m["device"], L + ".device", &v)) {
            if (v < 0 || v > 1000000)
                bad(m["device"], L + ".device", m["device"].Scalar(), "must be a device id >= 0");
            else
                l.device = int(v);
        }
        for (const char* key : {"weights", "biases"}) {
            if (!m.count(key)) continue;
            std::string f;
            if (!string(m[key], L + "." + key, &f)) continue;
            const std::filesystem::path base = std::filesystem::path(file_).parent_path();
            if (!std::filesystem::exists(base / f))
                bad(m[key], L + "." + key, f,
                    "tensor file does not exist (paths are relative to the trace)");
            (std::string(key) == "weights" ? l.weights_file : l.bias_file) = f;
        }
        if (layer_nodes_.count(l.name)) {
            bad(name_node, l.name, l.name,
                fmt::format("duplicate layer name (first defined at line {})",
                            layer_nodes_[l.name].Mark().line + 1));
            return;
        }
        layer_nodes_[l.name] = n;
        layer_keys_[l.name] = m;
        net_.layers.push_back(std::move(l));
    }

    // Unknown inputs and cycles; then reorders the layers topologically, stable in file order
    // (the ready layer that comes first in the file goes next). O(E log N) in the layer count.
    void check_graph() {
        const size_t n = net_.layers.size();
        std::unordered_map<std::string, size_t> index;
        std::vector<std::string> names;
        for (size_t i = 0; i < n; ++i) {
            index.emplace(net_.layers[i].name, i);
            names.push_back(net_.layers[i].name);
        }
        std::vector<std::vector<size_t>> users(n);
        std::vector<int> pending(n, 0);
        int suggestions = 0;
        for (size_t i = 0; i < n; ++i)
            for (const auto& in : net_.layers[i].inputs) {
                if (in == "input") continue;
                const auto it = index.find(in);
                if (it == index.end()) {
                    std::string rule = "input names no layer";
                    // suggestions cost O(N) each: offer them for the first few only
                    const std::string near = suggestions++ < 20 ? closest_match(in, names) : "";
                    if (!near.empty()) rule += fmt::format(" (did you mean '{}'?)", near);
                    bad(layer_keys_[net_.layers[i].name]["inputs"], net_.layers[i].name + ".inputs",
                        in, rule);
                    continue;
                }
                users[it->second].push_back(i);
                ++pending[i];
            }
        if (!diags_.empty()) return;
        std::priority_queue<size_t, std::vector<size_t>, std::greater<size_t>> ready;
        for (size_t i = 0; i < n; ++i)
            if (pending[i] == 0) ready.push(i);
        std::vector<bool> done(n, false);
        std::vector<Layer> order;
        order.reserve(n);
        while (!ready.empty()) {
            const size_t i = ready.top();
            ready.pop();
            done[i] = true;
            for (size_t j : users[i])
                if (--pending[j] == 0) ready.push(j);
            order.push_back(net_.layers[i]);
        }
        if (order.size() < n) {
            std::string cycle;
            for (size_t i = 0; i < n; ++i)
                if (!done[i]) cycle += (cycle.empty() ? "" : ", ") + net_.layers[i].name;
            for (size_t i = 0; i < n; ++i)
                if (!done[i]) {
                    bad(layer_nodes_[net_.layers[i].name], net_.layers[i].name, cycle,
                        "the layers form a cycle (a trace must be a DAG)");
                    break;
                }
            return;
        }
        net_.layers = std::move(order);
    }

    // Shapes flow through the DAG; a given `in`/`out` must equal the computed one.
    void check_shapes() {
        std::set<std::string> broken;
        std::unordered_map<std::string, const Layer*> by_name;
        for (const auto& l : net_.layers) by_name.emplace(l.name, &l);
        for (auto& l : net_.layers) {
            std::vector<Shape> ins;
            bool skip = false;
            for (const auto& in : l.inputs) {
                if (broken.count(in)) skip = true;
                ins.push_back(in == "input" ? net_.input : by_name.at(in)->out);
            }
            auto& keys = layer_keys_[l.name];
            if (skip) {
                broken.insert(l.name);
                continue;
            }
            std::string why;
            const Shape out = infer_output_shape(l, ins, &why);
            if (!why.empty()) {
                bad(layer_nodes_[l.name], l.name, "", why);
                broken.insert(l.name);
                continue;
            }
            l.in = ins[0];
            l.out = out;
            auto compare = [&](const char* key, const Shape& want) {
                if (!keys.count(key)) return;
                Shape given;
                if (!shape(keys[key], l.name + "." + key, &given)) return;
                if (given != want)
                    bad(keys[key], l.name + "." + key,
                        fmt::format("[{}, {}, {}]", given.c, given.h, given.w),
                        fmt::format(
                            "does not match the shape computed from the inputs, [{}, {}, {}]",
                            want.c, want.h, want.w));
            };
            compare("in", l.in);
            compare("out", l.out);
        }
    }
};

}  // namespace

bool is_known_activation(const std::string& name) {
    return is_activation_function(name) || name == "transfer";
}

Network read_trace_text(const std::string& text, const std::string& file) {
    return TraceReader(file).read(text);
}

Network read_trace_file(const std::string& path) {
    return read_trace_text(read_input_file(path, "trace file"), path);
}

}  // namespace edgesa
