#pragma once
// The parameter schema: every configuration key is declared exactly once here, with its type,
// unit, default (or "required"), allowed range and description. The loader, `edgesa params`
// and docs/config.md are all driven from this table, so they cannot drift apart.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "config/accel_config.h"

namespace edgesa {

enum class ParamType { kInt, kFloat, kString, kEnum };
using ParamValue = std::variant<int64_t, double, std::string>;

struct ParamSpec {
    std::string path;  // dotted key path, e.g. "array.width"
    ParamType type = ParamType::kInt;
    std::string unit;                         // "" for dimensionless
    std::optional<ParamValue> default_value;  // nullopt: required
    double min = 0, max = 0;                  // inclusive range for numbers (min <= max)
    bool power_of_two = false;
    std::vector<std::string> choices;                      // for kEnum
    std::function<std::string(const std::string&)> check;  // extra rule for strings; "" = ok
    std::string rule_text;  // how the range/rule reads in the params table
    // Keys added after config hashes were published (rtl/ headers, verify caches, sweep
    // databases) enter the hash only when set away from their default, so old configs keep theirs.
    bool hash_only_if_set = false;
    std::string description;
    std::function<void(AccelConfig&, const ParamValue&)> set;
    std::function<ParamValue(const AccelConfig&)> get;
};

const std::vector<ParamSpec>& param_schema();
const ParamSpec* find_param(const std::string& path);
std::string format_value(const ParamValue& v);
std::string type_name(ParamType t);
// The rule column of the params table: range, power of two, choices.
std::string describe_rule(const ParamSpec& p);

}  // namespace edgesa
