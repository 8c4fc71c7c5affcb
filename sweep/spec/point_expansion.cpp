// Cartesian expansion, constraint filtering and seeded sampling of sweep points.
#include "spec/point_expansion.h"

#include <random>

#include "config/loader.h"
#include "config/schema.h"

namespace edgesa::sweep {
namespace {

ExprValue to_expr_value(const ParamValue& v) {
    if (auto i = std::get_if<int64_t>(&v)) return ExprValue::num(double(*i));
    if (auto d = std::get_if<double>(&v)) return ExprValue::num(*d);
    return ExprValue::str(std::get<std::string>(v));
}

std::string describe(const SweepSpec& spec, const SweepPoint& p) {
    std::string s = "workload=" + spec.workloads[p.workload].name;
    for (const auto& [k, v] : p.params) s += " " + k + "=" + v;
    return s;
}

}  // namespace

Expansion expand_points(const SweepSpec& spec) {
    Expansion out;
    const AccelConfig base = load_config_file(spec.base_config);

    // Odometer over the groups; the last group varies fastest.
    std::vector<size_t> sizes;
    for (const auto& g : spec.groups) sizes.push_back(g.axes.front().values.size());
    std::vector<size_t> idx(sizes.size(), 0);
    int64_t seq = 0;
    for (size_t w = 0; w < spec.workloads.size(); ++w) {
        std::fill(idx.begin(), idx.end(), 0);
        for (bool more = true; more; ++seq) {
            SweepPoint p;
            p.seq = seq;
            p.workload = w;
            for (size_t g = 0; g < spec.groups.size(); ++g)
                for (const auto& ax : spec.groups[g].axes) {
                    const AxisValue& v = ax.values[idx[g]];
                    p.params.emplace_back(ax.name, v.text);
                    if (ax.is_transform)
                        p.transform_args.emplace_back(ax.target.substr(9), v.text);
                    else
                        p.config_overrides.emplace_back(ax.target, v.text);
                }
            ++out.total;
            bool keep = true;
            for (const auto& c : spec.constraints) {
                auto lookup = [&](const std::string& name, int col) -> ExprValue {
                    if (name == "workload") return ExprValue::str(spec.workloads[w].name);
                    for (size_t g = 0; g < spec.groups.size(); ++g)
                        for (const auto& ax : spec.groups[g].axes)
                            if (ax.name == name || ax.target == name) {
                                const AxisValue& v = ax.values[idx[g]];
                                return v.is_number ? ExprValue::num(v.number)
                                                   : ExprValue::str(v.text);
                            }
                    if (const ParamSpec* ps = find_param(name)) return to_expr_value(ps->get(base));
                    throw ExprError{col, "unknown name '" + name + "'"};
                };
                try {
                    if (!c.expr.holds(lookup)) {
                        keep = false;
                        break;
                    }
                } catch (const ExprError& e) {
                    SourcePos at = c.pos;
                    at.column += e.column - 1;
                    throw InputError(Diagnostic{at, "constraints", c.expr.text(),
                                                e.message + " at point " + describe(spec, p)});
                }
            }
            if (keep)
                out.points.push_back(std::move(p));
            else
                ++out.dropped_by_constraints;
            // advance the odometer
            more = false;
            for (size_t g = sizes.size(); g-- > 0;) {
                if (++idx[g] < sizes[g]) {
                    more = true;
                    break;
                }
                idx[g] = 0;
            }
        }
    }

    if (spec.sample_count && size_t(*spec.sample_count) < out.points.size()) {
        // Partial Fisher-Yates with mt19937_64 (its output sequence is fixed by the standard,
        // unlike std::uniform_int_distribution), then restore expansion order.
        std::mt19937_64 rng(spec.sample_seed);
        std::vector<size_t> order(out.points.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        const size_t n = size_t(*spec.sample_count);
        for (size_t i = 0; i < n; ++i) {
            const size_t j = i + size_t(rng() % (order.size() - i));
            std::swap(order[i], order[j]);
        }
        order.resize(n);
        std::sort(order.begin(), order.end());
        std::vector<SweepPoint> picked;
        for (size_t i : order) picked.push_back(out.points[i]);
        out.points = std::move(picked);
    }
    return out;
}

}  // namespace edgesa::sweep
