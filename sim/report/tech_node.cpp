#include "report/tech_node.h"

#include <stdexcept>

namespace edgesa::sim {

NodeScale node_scale(const std::string& node) {
    // Supplies: 1.0 V at 45 nm (Horowitz's 0.9 V table is the energy base, so only the ratio
    // matters), 0.9 V at 28 nm, 0.8 V at 16 nm, 0.7 V at 7 nm (docs/energy.md, "Other nodes").
    struct Row {
        const char* name;
        int nm;
        double vdd;
    };
    static const Row rows[] = {{"45", 45, 1.0}, {"28", 28, 0.9}, {"16", 16, 0.8}, {"7", 7, 0.7}};
    for (const Row& r : rows)
        if (node == r.name) {
            const double l = r.nm / 45.0;
            return {r.nm, r.vdd, l * r.vdd * r.vdd, l * l};
        }
    throw std::invalid_argument("unknown technology node " + node);  // the schema rules it out
}

}  // namespace edgesa::sim
