// Parsing of `edgesa run --json` output and (de)serialisation of point results.
#include "run/point_result.h"

#include <fstream>

namespace edgesa::sweep {
namespace {

void flatten(const nlohmann::json& j, const std::string& prefix,
             std::vector<std::pair<std::string, double>>& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object())
            flatten(*it, name, out);
        else if (it->is_number())
            out.emplace_back(name, it->get<double>());
    }
}

const nlohmann::json* at_path(const nlohmann::json& j, const std::string& dotted) {
    const nlohmann::json* n = &j;
    size_t start = 0;
    while (start <= dotted.size()) {
        const size_t dot = dotted.find('.', start);
        const std::string part =
            dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!n->is_object() || !n->contains(part)) return nullptr;
        n = &(*n)[part];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return n;
}

}  // namespace

std::string read_run_json(const std::string& path, const std::vector<std::string>& wanted,
                          PointResult& r) {
    std::ifstream in(path);
    if (!in) return "the worker wrote no result file " + path;
    nlohmann::json j;
    try {
        in >> j;
    } catch (const nlohmann::json::exception& e) {
        return std::string("result file is not valid JSON: ") + e.what();
    }
    if (!j.is_object() || !j.contains("totals") || !j["totals"].is_object())
        return "result file has no \"totals\" object";
    r.edgesa_version = j.value("edgesa_version", "");
    r.metrics.clear();
    if (wanted.empty()) {
        flatten(j["totals"], "", r.metrics);
    } else {
        for (const auto& name : wanted) {
            const bool stat = name.rfind("stats.", 0) == 0;
            const nlohmann::json* v =
                stat ? at_path(j["stats"], name.substr(6)) : at_path(j["totals"], name);
            if (v && v->is_object() && v->contains("value")) v = &(*v)["value"];
            if (!v || !v->is_number()) return "result file has no numeric metric " + name;
            r.metrics.emplace_back(name, v->get<double>());
        }
    }
    r.layers.clear();
    if (j.contains("layers") && j["layers"].is_array())
        for (const auto& l : j["layers"]) {
            LayerRow row;
            row.name = l.value("name", "");
            row.type = l.value("type", "");
            row.device = l.value("device", int64_t(0));
            row.cycles = l.value("cycles", int64_t(0));
            row.macs = l.value("macs", int64_t(0));
            row.utilization = l.value("utilization", 0.0);
            row.energy_pj = l.value("energy_pj", 0.0);
            r.layers.push_back(row);
        }
    return "";
}

nlohmann::json to_json(const PointResult& r) {
    nlohmann::json j;
    j["point_id"] = r.point_id;
    j["seq"] = r.seq;
    j["sweep"] = r.sweep;
    j["workload"] = r.workload;
    j["config_hash"] = r.config_hash;
    j["workload_hash"] = r.workload_hash;
    j["edgesa_version"] = r.edgesa_version;
    j["params"] = r.params;
    j["config"] = r.config;
    j["status"] = r.status;
    j["error"] = r.error;
    j["wall_s"] = r.wall_s;
    j["metrics"] = nlohmann::json::array();
    for (const auto& [k, v] : r.metrics) j["metrics"].push_back({k, v});
    j["layers"] = nlohmann::json::array();
    for (const auto& l : r.layers)
        j["layers"].push_back({{"name", l.name},
                               {"type", l.type},
                               {"device", l.device},
                               {"cycles", l.cycles},
                               {"macs", l.macs},
                               {"utilization", l.utilization},
                               {"energy_pj", l.energy_pj}});
    return j;
}

PointResult point_result_from_json(const nlohmann::json& j) {
    PointResult r;
    r.point_id = j.at("point_id");
    r.seq = j.at("seq");
    r.sweep = j.at("sweep");
    r.workload = j.at("workload");
    r.config_hash = j.at("config_hash");
    r.workload_hash = j.at("workload_hash");
    r.edgesa_version = j.at("edgesa_version");
    r.params = j.at("params");
    r.config = j.at("config");
    r.status = j.at("status");
    r.error = j.at("error");
    r.wall_s = j.at("wall_s");
    for (const auto& m : j.at("metrics"))
        r.metrics.emplace_back(m.at(0).get<std::string>(), m.at(1).get<double>());
    for (const auto& l : j.at("layers"))
        r.layers.push_back({l.at("name"), l.at("type"), l.at("device"), l.at("cycles"),
                            l.at("macs"), l.at("utilization"), l.at("energy_pj")});
    return r;
}

}  // namespace edgesa::sweep
