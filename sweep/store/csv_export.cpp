// CSV export of a results database.
#include "store/csv_export.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/result_store.h"

namespace edgesa::sweep {
namespace {

std::string cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

std::string export_csv(const std::string& db_path) {
    const ResultStore store(db_path);
    const auto rows = store.load_all(false);
    const auto metrics = store.metric_columns();
    std::vector<std::string> params;  // union in first-seen order
    std::set<std::string> seen;
    for (const auto& r : rows) {
        const nlohmann::ordered_json pj = nlohmann::ordered_json::parse(r.params);
        for (auto it = pj.begin(); it != pj.end(); ++it)
            if (seen.insert(it.key()).second) params.push_back(it.key());
    }
    std::string out =
        "point_id,sweep,seq,workload,status,error,wall_s,config_hash,workload_hash,edgesa_version";
    for (const auto& p : params) out += "," + cell(p);
    for (const auto& m : metrics) out += "," + cell(m);
    out += "\n";
    for (const auto& r : rows) {
        out += fmt::format("{},{},{},{},{},{},{:.3f},{},{},{}", r.point_id, cell(r.sweep), r.seq,
                           cell(r.workload), r.status, cell(r.error), r.wall_s, r.config_hash,
                           r.workload_hash, r.edgesa_version);
        const auto pj = nlohmann::json::parse(r.params);
        for (const auto& p : params)
            out += "," + (pj.contains(p) ? cell(pj[p].get<std::string>()) : "");
        for (const auto& m : metrics) {
            std::string v;
            for (const auto& [k, x] : r.metrics)
                if (k == m) v = fmt::format("{}", x);
            out += "," + v;
        }
        out += "\n";
    }
    return out;
}

}  // namespace edgesa::sweep
