// Reads a sweep spec from YAML and validates it, reporting every problem as file:line:col.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "config/loader.h"
#include "config/schema.h"
#include "io/input_file.h"
#include "io/yaml_input.h"
#include "spec/sweep_spec.h"

namespace edgesa::sweep {

const std::vector<std::string>& known_metrics() {
    static const std::vector<std::string> m = {"cycles",
                                               "time_ms",
                                               "macs",
                                               "utilization",
                                               "energy_pj",
                                               "dram_read_bytes",
                                               "dram_write_bytes",
                                               "dram_bytes_saved_by_compression",
                                               "stall_cycles.memory",
                                               "stall_cycles.weight_fill",
                                               "stall_cycles.decompressor",
                                               "stall_cycles.writeback"};
    return m;
}

namespace {

namespace fs = std::filesystem;

// Walks the YAML tree, collecting diagnostics instead of stopping at the first problem.
class SpecReader {
  public:
    SpecReader(std::string file) : file_(std::move(file)) {
        dir_ = fs::path(file_).parent_path();
        if (dir_.empty()) dir_ = ".";
    }

    SweepSpec read(const YAML::Node& root) {
        SweepSpec s;
        s.file = file_;
        if (!root.IsMap()) {
            diags_.add(pos(root), "", "",
                       "a sweep spec must be a mapping (base_config:, workloads:, axes:, ...)");
            diags_.throw_if_any();
        }
        static const std::vector<std::string> top = {
            "name", "base_config", "mode",   "timeout_s", "workloads",
            "axes", "constraints", "sample", "metrics",   "max_points"};
        check_keys(root, "", top);
        s.name = scalar_or(root, "name", fs::path(file_).stem().string());
        if (!root["base_config"]) {
            diags_.add(pos(root), "base_config", "",
                       "required key is missing (path of the accelerator config)");
        } else {
            s.base_config = resolve(root["base_config"]);
            std::error_code ec;
            if (!s.base_config.empty() && fs::exists(s.base_config, ec)) {
                try {
                    load_config_file(s.base_config);
                    base_ok_ = true;
                } catch (const InputError& e) {
                    for (const auto& d : e.diagnostics()) diags_.add(d);
                }
            }
        }
        if (root["mode"]) {
            s.mode = root["mode"].Scalar();
            if (s.mode != "timing" && s.mode != "functional")
                diags_.add(pos(root["mode"]), "mode", s.mode, "must be timing or functional");
        }
        if (root["timeout_s"]) {
            s.timeout_s = number(root["timeout_s"], "timeout_s");
            if (!(s.timeout_s > 0))
                diags_.add(pos(root["timeout_s"]), "timeout_s", root["timeout_s"].Scalar(),
                           "must be > 0");
        }
        if (root["max_points"]) {
            const double m = number(root["max_points"], "max_points");
            if (!(m >= 1 && m <= double(limits::kHardMaxSweepPoints)) || m != std::floor(m))
                diags_.add(
                    pos(root["max_points"]), "max_points", root["max_points"].Scalar(),
                    fmt::format("must be a whole number in 1..{}", limits::kHardMaxSweepPoints));
            else
                s.max_points = int64_t(m);
        }
        max_points_ = s.max_points;
        read_workloads(root["workloads"], root, s);
        read_axes(root["axes"], s);
        check_point_count(root, s);
        read_constraints(root["constraints"], s);
        read_sample(root["sample"], s);
        read_metrics(root["metrics"], s);
        diags_.throw_if_any();
        return s;
    }

  private:
    SourcePos pos(const YAML::Node& n) const {
        const auto m = n.Mark();
        return {file_, m.line + 1, m.column + 1};
    }
    std::string scalar_or(const YAML::Node& map, const char* key, std::string dflt) {
        const YAML::Node n = map[key];
        if (!n) return dflt;
        if (!n.IsScalar()) {
            diags_.add(pos(n), key, "", "must be a single value");
            return dflt;
        }
        return n.Scalar();
    }
    double number(const YAML::Node& n, const std::string& key) {
        if (n.IsScalar()) {
            try {
                size_t used = 0;
                const double d = std::stod(n.Scalar(), &used);
                if (used == n.Scalar().size()) return d;
            } catch (...) {
            }
        }
        diags_.add(pos(n), key, n.IsScalar() ? n.Scalar() : "", "must be a number");
        return 0;
    }
    void check_keys(const YAML::Node& map, const std::string& where,
                    const std::vector<std::string>& allowed) {
        for (const auto& kv : map) {
            const std::string k = kv.first.Scalar();
            bool ok = false;
            for (const auto& a : allowed) ok = ok || a == k;
            if (ok) continue;
            std::string rule = "unknown key";
            const std::string near = closest_match(k, allowed);
            if (!near.empty()) rule += " (did you mean '" + near + "'?)";
            rule += "; allowed: ";
            for (size_t i = 0; i < allowed.size(); ++i) rule += (i ? ", " : "") + allowed[i];
            diags_.add(pos(kv.first), where.empty() ? k : where + "." + k, "", rule);
        }
    }
    std::string resolve(const YAML::Node& n) {
        if (!n.IsScalar() || n.Scalar().empty()) {
            diags_.add(pos(n), "path", "", "must be a file path");
            return "";
        }
        fs::path p = n.Scalar();
        if (p.is_relative()) p = dir_ / p;
        p = p.lexically_normal();
        std::error_code ec;
        const fs::path abs = fs::absolute(p, ec);
        // The error_code overload: a path the OS refuses (too long, a NUL) is "does not exist",
        // not an exception (fuzz_sweep_spec found the throwing one).
        if (ec || !fs::exists(abs, ec) || ec)
            diags_.add(pos(n), "path", n.Scalar(),
                       "file does not exist (relative paths start at the spec's folder)");
        return abs.string();
    }

    void read_workloads(const YAML::Node& n, const YAML::Node& root, SweepSpec& s) {
        if (!n) {
            diags_.add(pos(root), "workloads", "",
                       "required key is missing (a list of traces or zoo networks)");
            return;
        }
        if (!n.IsSequence() || n.size() == 0) {
            diags_.add(pos(n), "workloads", "", "must be a non-empty list");
            return;
        }
        std::set<std::string> names;
        for (size_t i = 0; i < n.size(); ++i) {
            const YAML::Node w = n[i];
            const std::string key = fmt::format("workloads[{}]", i);
            if (!w.IsMap()) {
                diags_.add(pos(w), key, "", "must be a mapping with trace: or zoo:");
                continue;
            }
            check_keys(w, key, {"name", "trace", "zoo", "transforms"});
            WorkloadSpec ws;
            ws.pos = pos(w);
            if (w["trace"] && w["zoo"])
                diags_.add(pos(w), key, "", "give either trace: or zoo:, not both");
            else if (w["trace"])
                ws.trace = resolve(w["trace"]);
            else if (w["zoo"])
                ws.zoo = scalar_or(w, "zoo", "");
            else
                diags_.add(pos(w), key, "", "needs trace: (a file) or zoo: (a network name)");
            ws.name =
                scalar_or(w, "name", !ws.zoo.empty() ? ws.zoo : fs::path(ws.trace).stem().string());
            if (!names.insert(ws.name).second)
                diags_.add(pos(w), key + ".name", ws.name, "workload names must be unique");
            if (const YAML::Node t = w["transforms"]) {
                if (!t.IsSequence())
                    diags_.add(pos(t), key + ".transforms", "",
                               "must be a list of {op: NAME, ...}");
                else
                    for (size_t j = 0; j < t.size(); ++j)
                        read_transform(t[j], fmt::format("{}.transforms[{}]", key, j), ws);
            }
            s.workloads.push_back(std::move(ws));
        }
    }
    void read_transform(const YAML::Node& t, const std::string& key, WorkloadSpec& ws) {
        if (!t.IsMap() || !t["op"]) {
            diags_.add(
                pos(t), key, "",
                "must be a mapping with op: (prune, sparsify, split, compress) and its arguments");
            return;
        }
        TransformStep step;
        step.pos = pos(t);
        step.op = t["op"].Scalar();
        static const std::vector<std::string> ops = {"prune", "sparsify", "split", "compress"};
        if (std::find(ops.begin(), ops.end(), step.op) == ops.end()) {
            const std::string near = closest_match(step.op, ops);
            diags_.add(pos(t["op"]), key + ".op", step.op,
                       "unknown transform" +
                           (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                           "; one of prune, sparsify, split, compress");
        }
        for (const auto& kv : t) {
            const std::string k = kv.first.Scalar();
            if (k == "op") continue;
            if (!kv.second.IsScalar()) {
                diags_.add(pos(kv.second), key + "." + k, "",
                           "transform arguments must be single values");
                continue;
            }
            step.args.emplace_back(k, kv.second.Scalar());
        }
        ws.transforms.push_back(std::move(step));
    }

    std::vector<AxisValue> values_of(const YAML::Node& a, const std::string& key) {
        std::vector<AxisValue> out;
        int kinds = bool(a["values"]) + bool(a["range"]) + bool(a["log_range"]);
        if (kinds != 1) {
            diags_.add(pos(a), key, "", "needs exactly one of values:, range: or log_range:");
            return out;
        }
        if (const YAML::Node v = a["values"]) {
            if (!v.IsSequence() || v.size() == 0) {
                diags_.add(pos(v), key + ".values", "", "must be a non-empty list");
                return out;
            }
            if (int64_t(v.size()) > max_points_) {
                diags_.add(pos(v), key + ".values", fmt::format("{} values", v.size()),
                           fmt::format("more values than the spec's max_points ({})", max_points_));
                return out;
            }
            for (const auto& x : v) {
                if (!x.IsScalar()) {
                    diags_.add(pos(x), key + ".values", "", "each value must be a single value");
                    continue;
                }
                out.push_back(make_value(x.Scalar()));
            }
            return out;
        }
        const bool log = bool(a["log_range"]);
        const YAML::Node r = log ? a["log_range"] : a["range"];
        const std::string rk = key + (log ? ".log_range" : ".range");
        if (!r.IsMap()) {
            diags_.add(pos(r), rk, "",
                       log ? "must be {from, to, factor}" : "must be {from, to, step}");
            return out;
        }
        check_keys(r, rk, {"from", "to", log ? "factor" : "step"});
        const char* stepkey = log ? "factor" : "step";
        if (!r["from"] || !r["to"] || !r[stepkey]) {
            diags_.add(pos(r), rk, "", fmt::format("needs from, to and {}", stepkey));
            return out;
        }
        const double from = number(r["from"], rk + ".from"), to = number(r["to"], rk + ".to");
        const double step = number(r[stepkey], rk + "." + stepkey);
        const bool ints =
            is_int(r["from"].Scalar()) && is_int(r["to"].Scalar()) && is_int(r[stepkey].Scalar());
        if (log ? !(step > 1) : !(step > 0)) {
            diags_.add(pos(r[stepkey]), rk + "." + stepkey, r[stepkey].Scalar(),
                       log ? "must be > 1" : "must be > 0");
            return out;
        }
        if (log && !(from > 0)) {
            diags_.add(pos(r["from"]), rk + ".from", r["from"].Scalar(),
                       "must be > 0 for a log range");
            return out;
        }
        if (to < from) {
            diags_.add(pos(r["to"]), rk + ".to", r["to"].Scalar(), "must be >= from");
            return out;
        }
        // Count steps by index, not by accumulating, so float ranges do not drift.
        for (int64_t i = 0;; ++i) {
            const double x = log ? from * std::pow(step, double(i)) : from + step * double(i);
            if (x > to * (1 + 1e-12)) break;
            if (i >= max_points_) {
                diags_.add(
                    pos(r), rk, "",
                    fmt::format("gives more than {} values (the spec's max_points)", max_points_));
                out.clear();
                return out;
            }
            out.push_back(make_value(ints ? fmt::format("{}", int64_t(std::llround(x)))
                                          : fmt::format("{}", x)));
        }
        return out;
    }
    static bool is_int(const std::string& s) {
        if (s.empty()) return false;
        size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i == s.size()) return false;
        for (; i < s.size(); ++i)
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        return true;
    }
    static AxisValue make_value(const std::string& text) {
        AxisValue v;
        v.text = text;
        try {
            size_t used = 0;
            v.number = std::stod(text, &used);
            v.is_number = used == text.size();
        } catch (...) {
        }
        return v;
    }

    // `check_alone`: check each value against the base config on its own (a zipped axis is
    // checked per index together with its partners instead, in read_axes).
    std::optional<Axis> read_axis(const YAML::Node& a, const std::string& key, const SweepSpec& s,
                                  bool check_alone = true) {
        if (!a.IsMap() || !a["param"]) {
            diags_.add(pos(a), key, "",
                       "must be a mapping with param: and values:/range:/log_range: (or zip:)");
            return std::nullopt;
        }
        check_keys(a, key, {"param", "name", "values", "range", "log_range"});
        Axis ax;
        ax.pos = pos(a);
        ax.target = a["param"].Scalar();
        ax.values = values_of(a, key);
        const size_t errors_before = diags_.size();
        if (ax.target.rfind("workload.", 0) == 0) {
            ax.is_transform = true;
            const std::string rest = ax.target.substr(9);
            const size_t dot = rest.find('.');
            if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) {
                diags_.add(pos(a["param"]), key + ".param", ax.target,
                           "a transform axis reads workload.<op>.<argument>");
            } else {
                const std::string op = rest.substr(0, dot);
                for (const auto& w : s.workloads) {
                    bool has = false;
                    for (const auto& t : w.transforms) has = has || t.op == op;
                    if (!has)
                        diags_.add(pos(a["param"]), key + ".param", ax.target,
                                   "workload '" + w.name + "' has no '" + op +
                                       "' transform to apply it to");
                }
            }
        } else if (!find_param(ax.target)) {
            std::vector<std::string> all;
            for (const auto& p : param_schema()) all.push_back(p.path);
            const std::string near = closest_match(ax.target, all);
            diags_.add(pos(a["param"]), key + ".param", ax.target,
                       "not a config key" +
                           (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                           "; see `edgesa params`, or use workload.<op>.<argument>");
        } else if (base_ok_ && check_alone) {
            // Each value on its own must be legal for the key; combinations are checked per point.
            const YAML::Node vals = a["values"];
            for (size_t i = 0; i < ax.values.size(); ++i) {
                try {
                    load_config_file(s.base_config, {{ax.target, ax.values[i].text}});
                } catch (const InputError& e) {
                    for (const auto& d : e.diagnostics()) {
                        if (d.key != ax.target) continue;
                        const SourcePos where =
                            vals && vals.IsSequence() && i < vals.size() ? pos(vals[i]) : pos(a);
                        diags_.add(where, key + ".values", ax.values[i].text, d.rule);
                    }
                }
            }
        }
        if (diags_.size() != errors_before && ax.values.empty()) return std::nullopt;
        if (a["name"]) ax.name = a["name"].Scalar();
        return ax;
    }

    void read_axes(const YAML::Node& n, SweepSpec& s) {
        if (!n) return;  // no axes: one point per workload
        if (!n.IsSequence()) {
            diags_.add(pos(n), "axes", "", "must be a list of axes");
            return;
        }
        for (size_t i = 0; i < n.size(); ++i) {
            const YAML::Node a = n[i];
            const std::string key = fmt::format("axes[{}]", i);
            AxisGroup g;
            if (a.IsMap() && a["zip"]) {
                check_keys(a, key, {"zip"});
                const YAML::Node z = a["zip"];
                if (!z.IsSequence() || z.size() < 2) {
                    diags_.add(pos(z), key + ".zip", "",
                               "must list two or more axes that vary together");
                    continue;
                }
                for (size_t j = 0; j < z.size(); ++j)
                    if (auto ax = read_axis(z[j], fmt::format("{}.zip[{}]", key, j), s, false))
                        g.axes.push_back(*ax);
                bool equal = true;
                for (size_t j = 1; j < g.axes.size(); ++j)
                    if (g.axes[j].values.size() != g.axes[0].values.size()) {
                        equal = false;
                        diags_.add(g.axes[j].pos, fmt::format("{}.zip[{}]", key, j),
                                   fmt::format("{} values", g.axes[j].values.size()),
                                   fmt::format("zipped axes must have equal lengths ({} has {})",
                                               g.axes[0].target, g.axes[0].values.size()));
                    }
                if (equal) check_zip(g, key, s);
            } else if (auto ax = read_axis(a, key, s)) {
                g.axes.push_back(*ax);
            }
            if (!g.axes.empty()) s.groups.push_back(std::move(g));
        }
        name_axes(s);
    }
    // Zipped values vary together, so each index is checked as one combination (as `run --set`
    // with all of them would): q3.13 with product_bits 24 is legal although 24 alone on an fp32
    // base is not.
    void check_zip(const AxisGroup& g, const std::string& key, const SweepSpec& s) {
        if (!base_ok_ || g.axes.empty()) return;
        for (const auto& ax : g.axes)
            if (ax.is_transform || !find_param(ax.target)) return;
        for (size_t i = 0; i < g.axes[0].values.size(); ++i) {
            std::vector<std::pair<std::string, std::string>> ov;
            for (const auto& ax : g.axes) ov.emplace_back(ax.target, ax.values[i].text);
            try {
                load_config_file(s.base_config, ov);
            } catch (const InputError& e) {
                for (const auto& d : e.diagnostics())
                    for (const auto& ax : g.axes)
                        if (d.key == ax.target)
                            diags_.add(ax.pos, fmt::format("{}.zip, value {}", key, i + 1),
                                       ax.target + "=" + ax.values[i].text, d.rule);
            }
        }
    }
    // The points the axes and workloads expand to, before constraints: bounded by max_points.
    void check_point_count(const YAML::Node& root, const SweepSpec& s) {
        int64_t total = std::max<int64_t>(1, int64_t(s.workloads.size()));
        for (const auto& g : s.groups) {
            const auto t = limits::mul(total, int64_t(g.axes.front().values.size()));
            total = t && *t <= s.max_points ? *t : s.max_points + 1;
        }
        if (total > s.max_points)
            diags_.add(
                pos(root["axes"] ? root["axes"] : root), "axes", "",
                fmt::format(
                    "the workloads and axes expand to more than {} points (max_points; raise it up "
                    "to {} if you mean it)",
                    s.max_points, limits::kHardMaxSweepPoints));
    }
    // Default axis name: the last path segment when it is unique, else the full path.
    void name_axes(SweepSpec& s) {
        std::map<std::string, int> last_count;
        std::set<std::string> targets;
        for (auto& g : s.groups)
            for (auto& a : g.axes) {
                if (!targets.insert(a.target).second)
                    diags_.add(a.pos, "param", a.target, "this key is swept by two axes");
                last_count[a.target.substr(a.target.rfind('.') + 1)]++;
            }
        std::set<std::string> names;
        for (auto& g : s.groups)
            for (auto& a : g.axes) {
                if (a.name.empty()) {
                    const std::string last = a.target.substr(a.target.rfind('.') + 1);
                    a.name = last_count[last] == 1 ? last : a.target;
                }
                if (!names.insert(a.name).second)
                    diags_.add(a.pos, "name", a.name, "axis names must be unique");
            }
    }

    void read_constraints(const YAML::Node& n, SweepSpec& s) {
        if (!n) return;
        if (!n.IsSequence()) {
            diags_.add(pos(n), "constraints", "",
                       "must be a list of expressions, e.g. - rows * width <= 4096");
            return;
        }
        for (size_t i = 0; i < n.size(); ++i) {
            const YAML::Node c = n[i];
            const std::string key = fmt::format("constraints[{}]", i);
            if (!c.IsScalar()) {
                diags_.add(pos(c), key, "", "must be an expression");
                continue;
            }
            SourcePos p = pos(c);
            if (c.Tag() == "!") p.column += 1;  // quoted: the expression starts after the quote
            try {
                Constraint con{Expr::parse(c.Scalar()), p};
                for (const auto& [name, col] : con.expr.names())
                    if (!name_known(name, s)) {
                        SourcePos at = p;
                        at.column += col - 1;
                        diags_.add(
                            at, key, name,
                            "unknown name: use an axis name, a config key path or 'workload'" +
                                suggestion(name, s));
                    }
                s.constraints.push_back(std::move(con));
            } catch (const ExprError& e) {
                SourcePos at = p;
                at.column += e.column - 1;
                diags_.add(at, key, c.Scalar(), e.message);
            }
        }
    }
    static bool name_known(const std::string& name, const SweepSpec& s) {
        if (name == "workload" || find_param(name)) return true;
        for (const auto& g : s.groups)
            for (const auto& a : g.axes)
                if (a.name == name || a.target == name) return true;
        return false;
    }
    static std::string suggestion(const std::string& name, const SweepSpec& s) {
        std::vector<std::string> all = {"workload"};
        for (const auto& g : s.groups)
            for (const auto& a : g.axes) all.push_back(a.name);
        for (const auto& p : param_schema()) all.push_back(p.path);
        const std::string near = closest_match(name, all);
        return near.empty() ? "" : " (did you mean '" + near + "'?)";
    }

    void read_sample(const YAML::Node& n, SweepSpec& s) {
        if (!n) return;
        if (!n.IsMap() || !n["count"]) {
            diags_.add(pos(n), "sample", "", "must be {count: N, seed: S}");
            return;
        }
        check_keys(n, "sample", {"count", "seed"});
        const double c = number(n["count"], "sample.count");
        if (!(c >= 1) || c != std::floor(c))
            diags_.add(pos(n["count"]), "sample.count", n["count"].Scalar(),
                       "must be a whole number >= 1");
        else
            s.sample_count = int64_t(c);
        if (n["seed"]) {
            const double sd = number(n["seed"], "sample.seed");
            if (sd < 0 || sd != std::floor(sd))
                diags_.add(pos(n["seed"]), "sample.seed", n["seed"].Scalar(),
                           "must be a whole number >= 0");
            else
                s.sample_seed = uint64_t(sd);
        }
    }

    void read_metrics(const YAML::Node& n, SweepSpec& s) {
        if (!n) return;
        if (!n.IsSequence()) {
            diags_.add(pos(n), "metrics", "", "must be a list of metric names");
            return;
        }
        for (const auto& m : n) {
            const std::string name = m.IsScalar() ? m.Scalar() : "";
            const auto& km = known_metrics();
            if (std::find(km.begin(), km.end(), name) == km.end() && name.rfind("stats.", 0) != 0) {
                const std::string near = closest_match(name, km);
                diags_.add(pos(m), "metrics", name,
                           "unknown metric" +
                               (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                               "; use a totals key of `edgesa run --json` or stats.<counter path>");
                continue;
            }
            s.metrics.push_back(name);
        }
    }

    std::string file_;
    fs::path dir_;
    DiagnosticList diags_;
    bool base_ok_ = false;
    int64_t max_points_ = limits::kDefaultMaxSweepPoints;
};

}  // namespace

SweepSpec parse_sweep_spec_text(const std::string& yaml, const std::string& file) {
    const YAML::Node root = parse_yaml_checked(yaml, file);
    if (!root || root.IsNull())
        throw InputError(Diagnostic{{file, 1, 1}, "", "", "empty sweep spec"});
    return SpecReader(file).read(root);
}

SweepSpec parse_sweep_spec_file(const std::string& path) {
    return parse_sweep_spec_text(read_input_file(path, "sweep spec"), path);
}

}  // namespace edgesa::sweep
