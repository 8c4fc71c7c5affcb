#pragma once
// edgesa.InputError: the CLI's one-line diagnostics ("file:line:col: key = value: rule") as a
// Python exception (a ValueError) whose .diagnostics lists them as dicts.
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"

namespace edgesa::py {

// The diagnostics as plain data (sent from a forked run back to the parent) and back.
nlohmann::json diagnostics_to_json(const std::vector<Diagnostic>& d);
InputError input_error_from_json(const nlohmann::json& j);

}  // namespace edgesa::py
