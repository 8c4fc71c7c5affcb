#include "config/act_support.h"

#include <fmt/format.h>

#include "config/storage_support.h"
#include "numerics/activation.h"

namespace edgesa {

namespace {
const char* const kPoolOpNames[kPoolOpCount] = {"max_pool", "avg_pool", "add", "mul",
                                                "scale_shift"};

std::string config_where(const AccelConfig& cfg) {
    return cfg.source_file.empty() ? cfg.name : cfg.source_file;
}
}  // namespace

uint32_t act_function_mask(const std::string& functions) {
    uint32_t mask = 0;
    for (const auto& n : split_storage_kinds(functions))
        if (is_activation_function(n)) mask |= uint32_t(1) << activation_code(n);
    return mask;
}

std::string act_function_unsupported(const AccelConfig& cfg, const std::string& name) {
    if (!is_activation_function(name)) return "";
    if (act_function_mask(cfg.act_pool.functions) >> activation_code(name) & 1u) return "";
    return fmt::format("not in act_pool.functions ({} in {}); add {} to act_pool.functions",
                       cfg.act_pool.functions, config_where(cfg), name);
}

const char* pool_op_names() {
    return "max_pool, avg_pool, add, mul, scale_shift";
}

const char* pool_op_name(int bit) {
    return bit >= 0 && bit < kPoolOpCount ? kPoolOpNames[bit] : "?";
}

int pool_op_bit(const std::string& name) {
    for (int b = 0; b < kPoolOpCount; ++b)
        if (name == kPoolOpNames[b]) return b;
    return -1;
}

uint32_t pool_op_mask(const std::string& ops) {
    uint32_t mask = 0;
    for (const auto& n : split_storage_kinds(ops))
        if (pool_op_bit(n) >= 0) mask |= uint32_t(1) << pool_op_bit(n);
    return mask;
}

std::string pool_op_unsupported(const AccelConfig& cfg, const std::string& name) {
    const int bit = pool_op_bit(name);
    if (bit < 0) return "";
    if (pool_op_mask(cfg.act_pool.ops) >> bit & 1u) return "";
    return fmt::format("not in act_pool.ops ({} in {}); add {} to act_pool.ops", cfg.act_pool.ops,
                       config_where(cfg), name);
}

}  // namespace edgesa
