#pragma once
// Technology-node scaling of the 45 nm energy table and area model (docs/energy.md, "Other
// nodes"): first-order factors, one table, read by the energy and the area report.
#include <string>

namespace edgesa::sim {

struct NodeScale {
    int nm = 45;
    double vdd = 1.0;     // nominal supply used for the energy factor
    double energy = 1.0;  // dynamic energy per event relative to 45 nm: (L/45) * (V/V45)^2
    double area = 1.0;    // area relative to 45 nm: (L/45)^2
};

// `node` is one of the schema's choices ("45", "28", "16", "7").
NodeScale node_scale(const std::string& node);

}  // namespace edgesa::sim
