#include "config/loader.h"

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/act_support.h"
#include "config/schema.h"
#include "config/storage_support.h"
#include "diag/diagnostic.h"
#include "io/input_file.h"
#include "io/yaml_input.h"
#include "numerics/storage_format.h"
#include "util/hash.h"

namespace edgesa {
namespace {

SourcePos pos_of(const std::string& file, const YAML::Mark& m) {
    if (m.is_null()) return {file, 0, 0};
    return {file, m.line + 1, m.column + 1};
}

// All section names ("array", "dram", ...) implied by the schema's dotted paths.
std::set<std::string> section_names() {
    std::set<std::string> out;
    for (const auto& p : param_schema()) {
        for (size_t i = p.path.find('.'); i != std::string::npos; i = p.path.find('.', i + 1))
            out.insert(p.path.substr(0, i));
    }
    return out;
}

struct RawValue {
    std::string text;
    SourcePos pos;
};

// Converts a scalar to the spec's type and checks its range and rules.
bool convert(const ParamSpec& spec, const RawValue& raw, ParamValue& out, DiagnosticList& diags) {
    const std::string& t = raw.text;
    auto bad = [&](const std::string& rule) {
        diags.add(raw.pos, spec.path, t.empty() ? "\"\"" : t, rule);
        return false;
    };
    switch (spec.type) {
        case ParamType::kInt: {
            int64_t v = 0;
            if (!parse_int64(t, &v)) return bad("must be an integer");
            if (double(v) < spec.min || double(v) > spec.max)
                return bad(fmt::format("must be in {}..{}", int64_t(spec.min), int64_t(spec.max)));
            if (spec.power_of_two && (v <= 0 || (v & (v - 1)) != 0))
                return bad("must be a power of two");
            out = int64_t(v);
            return true;
        }
        case ParamType::kFloat: {
            size_t used = 0;
            double v = 0;
            try {
                v = std::stod(t, &used);
            } catch (...) {
                used = 0;
            }
            if (used == 0 || used != t.size() || !std::isfinite(v)) return bad("must be a number");
            if (v < spec.min || v > spec.max) {
                if (std::isinf(spec.max)) return bad(fmt::format("must be at least {}", spec.min));
                return bad(fmt::format("must be in {}..{}", spec.min, spec.max));
            }
            out = v;
            return true;
        }
        case ParamType::kEnum: {
            for (const auto& c : spec.choices)
                if (c == t) {
                    out = t;
                    return true;
                }
            std::string rule = "must be one of " + describe_rule(spec);
            auto near = closest_match(t, spec.choices);
            if (!near.empty()) rule += " (did you mean '" + near + "'?)";
            return bad(rule);
        }
        case ParamType::kString:
            if (spec.check) {
                const std::string why = spec.check(t);
                if (!why.empty()) return bad(why);
            }
            out = t;
            return true;
    }
    return false;
}

class Loader {
  public:
    Loader(std::string file) : file_(std::move(file)), sections_(section_names()) {
        for (const auto& p : param_schema()) all_paths_.push_back(p.path);
    }

    void walk(const YAML::Node& map, const std::string& prefix) {
        std::set<std::string> seen;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const YAML::Node k = it->first;  // copies: it-> yields a temporary proxy
            const YAML::Node v = it->second;
            if (!k.IsScalar()) {
                diags_.add(pos_of(file_, k.Mark()), prefix, "", "keys must be plain names");
                continue;
            }
            const std::string key = k.Scalar();
            const std::string path = prefix.empty() ? key : prefix + "." + key;
            if (!seen.insert(key).second) {
                diags_.add(pos_of(file_, k.Mark()), path, "", "duplicate key");
                continue;
            }
            if (find_param(path)) {
                if (!v.IsScalar()) {
                    diags_.add(pos_of(file_, v.Mark()), path, "",
                               "must be a single value, not a list or mapping");
                    reported_.insert(path);
                    continue;
                }
                raw_[path] = {v.Scalar(), pos_of(file_, v.Mark())};
            } else if (sections_.count(path)) {
                if (!v.IsMap()) {
                    diags_.add(pos_of(file_, v.Mark()), path, "",
                               "must be a mapping of its parameters");
                    reported_.insert(path);
                    continue;
                }
                walk(v, path);
            } else {
                unknown(path, pos_of(file_, k.Mark()));
            }
        }
        if (prefix.empty()) root_pos_ = pos_of(file_, map.Mark());
    }

    void unknown(const std::string& path, const SourcePos& pos) {
        std::vector<std::string> candidates = all_paths_;
        candidates.insert(candidates.end(), sections_.begin(), sections_.end());
        std::string near = closest_match(path, candidates);
        if (near.empty()) {  // a misplaced key: same leaf name in another section
            const std::string leaf = path.substr(path.rfind('.') + 1);
            for (const auto& c : all_paths_)
                if (c.substr(c.rfind('.') + 1) == leaf) near = c;
        }
        std::string rule = "unknown key";
        if (!near.empty()) rule += " (did you mean '" + near + "'?)";
        if (!near.empty()) reported_.insert(near);  // its absence is this same mistake
        rule += "; `edgesa params` lists every key";
        diags_.add(pos, path, "", rule);
    }

    void override_value(const std::string& path, const std::string& value) {
        if (sections_.count(path)) {
            std::string keys;
            for (const auto& p : all_paths_)
                if (p.rfind(path + ".", 0) == 0) keys += (keys.empty() ? "" : ", ") + p;
            diags_.add({"--set " + path, 0, 0}, path, value,
                       "is a section, not a key; set one of " + keys);
            return;
        }
        if (!find_param(path)) {
            unknown(path, {"--set " + path, 0, 0});
            return;
        }
        // The source names the override; a huge value is cut there (Diagnostic cuts the value).
        const std::string shown = value.size() > 120 ? value.substr(0, 60) + "..." : value;
        raw_[path] = {value, {"override " + path + "=" + shown, 0, 0}};
    }

    AccelConfig build() {
        AccelConfig c;
        c.source_file = file_;
        for (const auto& spec : param_schema()) {
            auto it = raw_.find(spec.path);
            ParamValue v;
            if (it != raw_.end()) {
                if (!convert(spec, it->second, v, diags_)) continue;
            } else if (spec.default_value) {
                v = *spec.default_value;
            } else {
                if (!already_reported(spec.path))
                    diags_.add(root_pos_, spec.path, "", "required key is missing");
                continue;
            }
            spec.set(c, v);
        }
        if (diags_.empty()) cross_check(c);
        diags_.throw_if_any();
        finalize(c);
        return c;
    }

    DiagnosticList& diags() { return diags_; }

  private:
    SourcePos where(const std::string& path) const {
        auto it = raw_.find(path);
        return it == raw_.end() ? root_pos_ : it->second.pos;
    }
    bool given(const std::string& path) const { return raw_.count(path) != 0; }
    // True when an error already reported covers `path` (itself or an enclosing section), so a
    // single mistake yields a single message.
    bool already_reported(const std::string& path) const {
        for (const auto& r : reported_)
            if (path == r || path.rfind(r + ".", 0) == 0) return true;
        return false;
    }

    // Rules that involve more than one key.
    void cross_check(const AccelConfig& c) {
        auto err = [&](const std::string& path, const std::string& value, const std::string& rule) {
            diags_.add(where(path), path, value, rule);
        };
        const bool fixed = c.compute.type != "fp32";
        if (!fixed) {
            // The resolved config prints every key, these two at their default (32) for fp32:
            // that value reads back; any other is a mistake.
            const std::pair<const char*, int64_t> keys[] = {
                {"compute.product_bits", c.compute.product_bits},
                {"compute.accumulator_bits", c.compute.accumulator_bits}};
            for (const auto& [k, v] : keys)
                if (given(k) && v != std::get<int64_t>(*find_param(k)->default_value))
                    err(k, raw_.at(k).text,
                        "only applies to fixed compute, but compute.type = fp32");
        } else {
            std::string why;
            const FixedFormat op = StorageFormat::parse(c.compute.type, &why)->fixed();
            const int w = op.total_bits();
            if (c.compute.product_bits > 2 * w)
                err("compute.product_bits", std::to_string(c.compute.product_bits),
                    fmt::format(
                        "must be at most 2 x {} = {} bits, the exact product of {} operands", w,
                        2 * w, c.compute.type));
            else if (2 * op.frac_bits - (2 * w - c.compute.product_bits) < 0)
                err("compute.product_bits", std::to_string(c.compute.product_bits),
                    fmt::format(
                        "keeps fewer than the {} integer bits of a {} product; must be at least {}",
                        2 * op.int_bits, c.compute.type, 2 * op.int_bits));
            if (c.compute.accumulator_bits < c.compute.product_bits)
                err("compute.accumulator_bits", std::to_string(c.compute.accumulator_bits),
                    fmt::format("must be at least compute.product_bits = {}",
                                c.compute.product_bits));
        }
        const int levels = int(std::ceil(std::log2(double(c.array.width))));
        if (c.array.tree_levels_per_stage > levels)
            err("array.tree_levels_per_stage", std::to_string(c.array.tree_levels_per_stage),
                fmt::format("must be at most the tree's {} levels (array.width = {})", levels,
                            c.array.width));
        if (c.decompressor.engines > c.array.width)
            err("decompressor.engines", std::to_string(c.decompressor.engines),
                fmt::format("exceeds array.width = {}: row 0 takes at most width values per cycle",
                            c.array.width));
        if (c.compressor.engines > c.array.rows)
            err("compressor.engines", std::to_string(c.compressor.engines),
                fmt::format("exceeds array.rows = {}: results leave at most rows values per cycle",
                            c.array.rows));
        if (c.act_pool.lanes > c.array.rows)
            err("act_pool.lanes", std::to_string(c.act_pool.lanes),
                fmt::format("exceeds array.rows = {}: results leave at most rows values per cycle",
                            c.array.rows));
        if (c.storage.lane_bits != 0 && c.storage.lane_bits != 32 &&
            split_storage_kinds_has(c.storage.kinds, "fp32"))
            err("storage.lane_bits", std::to_string(c.storage.lane_bits),
                "fp32 storage is 32 bits: use 0 or 32, or drop fp32 from storage.kinds");
        const double bpc = c.dram.bandwidth_gbps * 1e3 / c.clock.mhz;
        if (bpc < 0.001)
            err("dram.bandwidth_gbps", fmt::format("{}", c.dram.bandwidth_gbps),
                fmt::format("gives less than 0.001 bytes per cycle at clock.mhz = {}",
                            c.clock.mhz));
    }

    std::string file_;
    std::set<std::string> sections_;
    std::vector<std::string> all_paths_;
    std::map<std::string, RawValue> raw_;
    std::set<std::string> reported_;
    SourcePos root_pos_{};
    DiagnosticList diags_;

  public:
    static void finalize(AccelConfig& c) {
        auto& d = c.derived;
        d.tree_levels = int(std::ceil(std::log2(double(c.array.width))));
        d.tree_stages = (d.tree_levels + int(c.array.tree_levels_per_stage) - 1) /
                        int(c.array.tree_levels_per_stage);
        d.peak_macs_per_cycle = c.array.rows * c.array.width;
        d.dram_bytes_per_cycle = c.dram.bandwidth_gbps * 1e3 / c.clock.mhz;
        d.dram_millibytes_per_cycle = std::llround(c.dram.bandwidth_gbps * 1e6 / c.clock.mhz);
        d.dram_latency_cycles = int64_t(std::ceil(c.dram.latency_ns * c.clock.mhz / 1e3 - 1e-9));
        d.fixed_compute = c.compute.type != "fp32";
        if (d.fixed_compute) {
            d.fixed.operand = StorageFormat::parse(c.compute.type, nullptr)->fixed();
            d.fixed.product_bits = int(c.compute.product_bits);
            d.fixed.accumulator_bits = int(c.compute.accumulator_bits);
            d.operand_bits = d.fixed.operand.total_bits();
        } else {
            d.operand_bits = 32;
        }
        d.rounding = *parse_rounding(c.rounding);
        d.storage_fp32 = split_storage_kinds_has(c.storage.kinds, "fp32");
        d.storage_custom = split_storage_kinds_has(c.storage.kinds, "custom");
        d.storage_fixed = split_storage_kinds_has(c.storage.kinds, "fixed");
        d.act_functions = act_function_mask(c.act_pool.functions);
        d.pool_ops = pool_op_mask(c.act_pool.ops);
        d.link_bytes_per_second = c.system.link_mbps * 1e6 / 8.0;
        nlohmann::ordered_json params;
        for (const auto& p : param_schema())
            if (p.path != "name" && p.path != "description" &&
                !(p.hash_only_if_set && p.default_value && p.get(c) == *p.default_value))
                params[p.path] = format_value(p.get(c));
        d.hash = hash_hex(params.dump());
    }
};

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
    return parse_yaml_checked(text, file);
}

AccelConfig load(const std::string& text, const std::string& file,
                 const std::vector<std::pair<std::string, std::string>>& overrides) {
    YAML::Node root = parse_yaml(text, file);
    if (root.IsNull() || (root.IsScalar() && root.Scalar().empty()))
        throw InputError(Diagnostic{
            {file, 1, 1},
            "",
            "",
            "empty config: expected a mapping with at least array.rows and array.width"});
    if (!root.IsMap())
        throw InputError(
            Diagnostic{pos_of(file, root.Mark()), "", "",
                       "the top level must be a mapping of sections (array:, dram:, ...)"});
    Loader l(file);
    l.walk(root, "");
    for (const auto& [k, v] : overrides) l.override_value(k, v);
    return l.build();
}

std::string read_text(const std::string& path) {
    return read_input_file(path, "config file");
}

}  // namespace

AccelConfig load_config_text(const std::string& yaml_text, const std::string& file_name) {
    return load(yaml_text, file_name, {});
}

AccelConfig load_config_text(const std::string& yaml_text, const std::string& file_name,
                             const std::vector<std::pair<std::string, std::string>>& overrides) {
    return load(yaml_text, file_name, overrides);
}

AccelConfig load_config_file(const std::string& path) {
    return load(read_text(path), path, {});
}

AccelConfig load_config_file(const std::string& path,
                             const std::vector<std::pair<std::string, std::string>>& overrides) {
    return load(read_text(path), path, overrides);
}

std::vector<std::pair<std::string, std::string>> parse_set_options(
    const std::vector<std::string>& sets) {
    std::vector<std::pair<std::string, std::string>> ov;
    for (const auto& s : sets) {
        const auto eq = s.find('=');
        if (eq == std::string::npos)
            throw InputError(Diagnostic{{"--set", 0, 0}, "--set", s, "must be key.path=value"});
        ov.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    }
    return ov;
}

nlohmann::ordered_json config_to_json(const AccelConfig& c) {
    nlohmann::ordered_json j;
    for (const auto& p : param_schema()) {
        // Nest by dotted path so the JSON mirrors the YAML.
        nlohmann::ordered_json* node = &j;
        std::string rest = p.path;
        for (size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1))
            node = &(*node)[rest.substr(0, dot)];
        std::visit([&](const auto& v) { (*node)[rest] = v; }, p.get(c));
    }
    const auto& d = c.derived;
    j["derived"] = {{"tree_levels", d.tree_levels},
                    {"tree_stages", d.tree_stages},
                    {"peak_macs_per_cycle", d.peak_macs_per_cycle},
                    {"peak_gmacs_per_second", double(d.peak_macs_per_cycle) * c.clock.mhz / 1e3},
                    {"dram_bytes_per_cycle", d.dram_bytes_per_cycle},
                    {"dram_millibytes_per_cycle", d.dram_millibytes_per_cycle},
                    {"dram_latency_cycles", d.dram_latency_cycles},
                    {"operand_bits", d.operand_bits},
                    {"product_frac_bits", d.fixed_compute ? d.fixed.product_frac_bits() : 0},
                    {"config_hash", d.hash}};
    return j;
}

namespace {
void emit_yaml(YAML::Emitter& out, const nlohmann::ordered_json& j) {
    out << YAML::BeginMap;
    for (auto it = j.begin(); it != j.end(); ++it) {
        out << YAML::Key << it.key() << YAML::Value;
        const auto& v = it.value();
        if (v.is_object())
            emit_yaml(out, v);
        else if (v.is_string())
            out << YAML::DoubleQuoted << v.get<std::string>();
        else if (v.is_number_integer())
            out << v.get<int64_t>();
        else if (v.is_number_float())
            out << fmt::format("{}", v.get<double>());
        else
            out << v.dump();
    }
    out << YAML::EndMap;
}
}  // namespace

std::string config_to_yaml(const AccelConfig& c) {
    YAML::Emitter out;
    emit_yaml(out, config_to_json(c));
    return std::string(out.c_str()) + "\n";
}

}  // namespace edgesa
