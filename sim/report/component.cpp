#include "report/component.h"

namespace edgesa::sim {

const char* component_name(Component c) {
    static const char* names[kComponents] = {
        "multipliers", "adder_trees", "cell_buffers", "accumulators", "decompressor", "compressor",
        "act_pool",    "fifos",       "dram",         "link",         "static"};
    return names[int(c)];
}

}  // namespace edgesa::sim
