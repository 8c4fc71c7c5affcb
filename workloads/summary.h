#pragma once
// Per-layer and total counts of a network for `edgesa trace show` (text table and JSON).
#include <string>

#include <nlohmann/json.hpp>

#include "network.h"

namespace edgesa {

// {"name", "input", "layers": [{name, type, in, out, macs, weights, biases, weight_bytes,
//   out_bytes, weight_format, out_format, density, branch, device}], "totals": {...}}
nlohmann::ordered_json network_summary_json(const Network& n);
// The same as an aligned text table followed by totals.
std::string network_summary_text(const Network& n);

}  // namespace edgesa
