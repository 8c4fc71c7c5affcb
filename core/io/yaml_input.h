#pragma once
// The checked front end every YAML input goes through (configs, traces, sweep specs): size, line
// length, valid UTF-8 and nesting depth are bounded before yaml-cpp sees the text, parse errors
// become file:line:col diagnostics, and duplicate keys in any mapping are reported. The readers
// then check their own keys, types and ranges against their schemas.
#include <string>

#include <yaml-cpp/yaml.h>

#include "diag/diagnostic.h"

namespace edgesa {

// Parses `text` (read from `file`) with the limits in io/limits.h. Throws InputError.
YAML::Node parse_yaml_checked(const std::string& text, const std::string& file);

// file:line:col of a yaml-cpp mark (0:0 when the mark is unknown).
SourcePos yaml_pos(const std::string& file, const YAML::Mark& m);

// Parses a whole decimal integer ("12", "-3"); false for anything else, including overflow.
bool parse_int64(const std::string& text, int64_t* out);

}  // namespace edgesa
