#include "axi_regs.h"

#include "hw/hw_layout.h"

namespace edgesa::verify {

std::vector<LiteWrite> descriptor_writes(const RtlLayerJob& j) {
    // The descriptor registers follow the fixed ones, one per descriptor field, in field order.
    const auto values = descriptor_values(j);
    const auto& regs = hw::axi_lite_regs();
    const size_t first = regs.size() - values.size();
    std::vector<LiteWrite> w;
    for (size_t i = 0; i < values.size(); ++i)
        w.push_back({uint32_t(regs[first + i].offset), values[i].second, regs[first + i].bits});
    return w;
}

}  // namespace edgesa::verify
