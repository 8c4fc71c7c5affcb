#pragma once
// SCALE-Sim topology CSVs (scalesim-project/scale-sim-v2, topologies/conv_nets/) as traces:
// one conv layer per row, chained, with zero-MAC adapters where a row's IFMAP is not the previous
// layer's output (docs/trace-format.md, "SCALE-Sim topologies").
#include <string>

#include "network.h"

namespace edgesa {

// Reads `path`; every malformed row is an InputError naming file:line, the column and the rule.
Network import_scalesim_topology(const std::string& path);

// True when `path` names a SCALE-Sim topology (the .csv extension, any case).
bool is_scalesim_topology(const std::string& path);

}  // namespace edgesa
