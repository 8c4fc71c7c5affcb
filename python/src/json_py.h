#pragma once
// nlohmann JSON trees to Python objects (dicts keep the key order), without a JSON text.
#include <pybind11/pybind11.h>
#include <nlohmann/json.hpp>

namespace edgesa::py {

pybind11::object to_py(const nlohmann::ordered_json& j);

}  // namespace edgesa::py
