#include "axi_regs.h"

#include <map>
#include <stdexcept>
#include <string>

#include "hw/hw_layout.h"

namespace edgesa::verify {

std::vector<LiteWrite> descriptor_writes(const RtlLayerJob& j) {
    const RtlDescriptor& d = j.desc;
    const std::map<std::string, uint32_t> value = {
        {"image_addr", uint32_t(j.image_addr)},
        {"image_bytes", uint32_t(j.image.size())},
        {"out_addr", uint32_t(j.out_addr)},
        {"k", d.k},
        {"n", d.n},
        {"kb", d.kb},
        {"rb", d.rb},
        {"g", d.g},
        {"resident", d.resident},
        {"has_bias", d.has_bias},
        {"act", d.act},
        {"w_fmt", d.w_fmt},
        {"x_fmt", d.x_fmt},
        {"p1_fmt", d.p1_fmt},
        {"o_fmt", d.o_fmt},
        {"pool_op", d.pool_op},
        {"pool_count", d.pool_count},
        {"pool_scale", d.pool_scale},
        {"pool_recip", d.pool_recip},
    };
    // The descriptor registers follow the fixed ones, one per descriptor field, in order.
    const auto& regs = hw::axi_lite_regs();
    const auto& fields = hw::descriptor_fields();
    const size_t first = regs.size() - fields.size();
    std::vector<LiteWrite> w;
    for (size_t i = 0; i < fields.size(); ++i) {
        const auto it = value.find(fields[i].name);
        if (it == value.end())
            throw std::logic_error(std::string("no job value for descriptor field ") +
                                   fields[i].name);
        w.push_back({uint32_t(regs[first + i].offset), it->second, regs[first + i].bits});
    }
    return w;
}

}  // namespace edgesa::verify
