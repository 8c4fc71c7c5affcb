#include "stats/stats.h"

#include <stdexcept>

namespace edgesa {

Counter& StatRegistry::add(const std::string& path, const std::string& unit,
                           const std::string& description) {
    if (find(path)) throw std::logic_error("stat registered twice: " + path);
    counters_.emplace_back(path, unit, description);
    return counters_.back();
}

const Counter* StatRegistry::find(const std::string& path) const {
    for (const auto& c : counters_)
        if (c.path() == path) return &c;
    return nullptr;
}

uint64_t StatRegistry::value(const std::string& path) const {
    const Counter* c = find(path);
    return c ? c->value() : 0;
}

nlohmann::ordered_json StatRegistry::to_json() const {
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    for (const auto& c : counters_) {
        nlohmann::ordered_json* node = &root;
        std::string rest = c.path();
        for (size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1))
            node = &(*node)[rest.substr(0, dot)];
        (*node)[rest] = {
            {"value", c.value()}, {"unit", c.unit()}, {"description", c.description()}};
    }
    return root;
}

std::string StatRegistry::to_csv() const {
    std::string s = "path,value,unit,description\n";
    for (const auto& c : counters_) {
        std::string desc = c.description();
        for (auto& ch : desc)
            if (ch == '"') ch = '\'';
        s += c.path() + "," + std::to_string(c.value()) + "," + c.unit() + ",\"" + desc + "\"\n";
    }
    return s;
}

void StatRegistry::reset() {
    for (auto& c : counters_) c.set(0);
}

}  // namespace edgesa
