#include "config/act_support.h"

#include <fmt/format.h>

#include "config/storage_support.h"
#include "numerics/activation.h"

namespace edgesa {

uint32_t act_function_mask(const std::string& functions) {
    uint32_t mask = 0;
    for (const auto& n : split_storage_kinds(functions))
        if (is_activation_function(n)) mask |= uint32_t(1) << activation_code(n);
    return mask;
}

std::string act_function_unsupported(const AccelConfig& cfg, const std::string& name) {
    if (!is_activation_function(name)) return "";
    if (act_function_mask(cfg.act_pool.functions) >> activation_code(name) & 1u) return "";
    const std::string where = cfg.source_file.empty() ? cfg.name : cfg.source_file;
    return fmt::format("not in act_pool.functions ({} in {}); add {} to act_pool.functions",
                       cfg.act_pool.functions, where, name);
}

}  // namespace edgesa
