#pragma once
// Loads and validates an accelerator config from YAML. Every problem is collected and reported
// as "file:line:col: key = value: rule"; then InputError is thrown. Nothing is defaulted silently:
// absent keys take the schema's documented default, unknown keys are errors.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/accel_config.h"

namespace edgesa {

AccelConfig load_config_file(const std::string& path);
AccelConfig load_config_text(const std::string& yaml_text, const std::string& file_name);
// The same on a text (the Python module's Config keeps the text it loaded; docs/python.md).
AccelConfig load_config_text(const std::string& yaml_text, const std::string& file_name,
                             const std::vector<std::pair<std::string, std::string>>& overrides);
// Applies "key.path=value" overrides (sweeps, command line) on top of a file, validated the same
// way; errors name the override as the source.
AccelConfig load_config_file(const std::string& path,
                             const std::vector<std::pair<std::string, std::string>>& overrides);

// The resolved config: every parameter (defaults filled in), then the derived values.
nlohmann::ordered_json config_to_json(const AccelConfig& c);
std::string config_to_yaml(const AccelConfig& c);

}  // namespace edgesa
