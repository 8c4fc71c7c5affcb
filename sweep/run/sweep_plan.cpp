// Planning of a sweep: expansion, workload preparation, config resolution, point ids.
#include "run/sweep_plan.h"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "config/loader.h"
#include "diag/diagnostic.h"
#include "run/workload_prep.h"
#include "util/hash.h"
#include "version.h"

namespace edgesa::sweep {
namespace {

std::string params_json(const SweepPoint& p) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [k, v] : p.params) j[k] = v;
    return j.dump();
}

// config_to_yaml() ends with a `derived:` section that the loader does not accept as input; the
// worker's config file is everything before it (all parameters, resolved).
std::string loadable_yaml(const std::string& resolved) {
    const size_t at = resolved.find("\nderived:");
    return at == std::string::npos ? resolved : resolved.substr(0, at + 1);
}

std::string cut(const std::string& s, size_t n = 300) {
    return s.size() > n ? s.substr(0, n) + "..." : s;
}

std::string one_line(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    for (char& c : s)
        if (c == '\n') c = ';';
    return s;
}

}  // namespace

SweepPlan make_plan(const std::string& spec_path, const std::string& work_dir, bool timing_only) {
    SweepPlan plan;
    plan.spec = parse_sweep_spec_file(spec_path);
    if (timing_only) plan.spec.mode = "timing";
    plan.expansion = expand_points(plan.spec);
    const std::string base_text = config_to_yaml(load_config_file(plan.spec.base_config));
    WorkloadPreparer prep(plan.spec, work_dir);
    std::set<std::string> seen;
    for (const SweepPoint& sp : plan.expansion.points) {
        PlannedPoint pp;
        PointResult& r = pp.result;
        r.seq = sp.seq;
        r.sweep = plan.spec.name;
        r.workload = plan.spec.workloads[sp.workload].name;
        r.params = params_json(sp);
        r.edgesa_version = EDGESA_VERSION;
        pp.mode = plan.spec.mode;
        pp.timeout_s = plan.spec.timeout_s;
        pp.metrics = plan.spec.metrics;
        const PreparedWorkload& w = prep.get(sp);
        r.workload_hash = w.hash;
        pp.trace = w.trace;
        std::string identity;
        try {
            const AccelConfig c = load_config_file(plan.spec.base_config, sp.config_overrides);
            const std::string resolved = config_to_yaml(c);
            pp.config_yaml = loadable_yaml(resolved);
            r.config = config_to_json(c).dump();
            r.config_hash = c.derived.hash;  // the same hash `edgesa run --json` reports
            identity = resolved;
        } catch (const InputError& e) {
            // A combination the config rules reject: recorded as invalid, never run.
            r.status = "invalid";
            r.error = one_line(e.what());
            identity = "invalid\n" + base_text + r.params;
        }
        if (!w.error.empty() && r.status.empty()) {
            r.status = "failed";
            r.error = w.error;
            identity += "\nworkload-error:" + r.workload + r.params;
        }
        r.point_id = hash_hex(identity + "\n" + r.workload + "\n" + w.hash);
        if (!seen.insert(r.point_id).second) {
            ++plan.duplicates;
            continue;
        }
        pp.dir = work_dir + "/points/" + r.point_id;
        plan.points.push_back(std::move(pp));
    }
    return plan;
}

void refuse_if_nothing_can_run(const std::string& spec, const SweepPlan& plan) {
    if (plan.points.empty())
        throw InputError(Diagnostic{
            {spec, 0, 0},
            "constraints",
            "",
            fmt::format("no point to run: the constraints drop all {} combinations of the axes",
                        plan.expansion.total)});
    for (const auto& p : plan.points)
        if (p.result.status != "invalid") return;
    throw InputError(Diagnostic{
        {spec, 0, 0},
        "axes",
        "",
        fmt::format("the config rules refuse every one of the {} points, so nothing would run; "
                    "the first: {}",
                    plan.points.size(), cut(plan.points.front().result.error))});
}

nlohmann::json to_json(const PlannedPoint& p) {
    return {{"result", to_json(p.result)},
            {"dir", p.dir},
            {"config_yaml", p.config_yaml},
            {"trace", p.trace},
            {"mode", p.mode},
            {"timeout_s", p.timeout_s},
            {"metrics", p.metrics}};
}

PlannedPoint planned_point_from_json(const nlohmann::json& j) {
    PlannedPoint p;
    p.result = point_result_from_json(j.at("result"));
    p.dir = j.at("dir");
    p.config_yaml = j.at("config_yaml");
    p.trace = j.at("trace");
    p.mode = j.at("mode");
    p.timeout_s = j.at("timeout_s");
    p.metrics = j.at("metrics").get<std::vector<std::string>>();
    return p;
}

SweepPlan plan_in_work(const std::string& spec_path, const std::string& work,
                       const std::string& dir, bool timing_only) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool fresh = !fs::exists(work, ec);
    fs::create_directories(dir);
    try {
        SweepPlan plan = make_plan(spec_path, work, timing_only);
        refuse_if_nothing_can_run(spec_path, plan);
        return plan;
    } catch (...) {
        if (fresh) fs::remove_all(work, ec);
        throw;
    }
}

}  // namespace edgesa::sweep
