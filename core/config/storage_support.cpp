#include "config/storage_support.h"

#include <fmt/format.h>

namespace edgesa {

std::vector<std::string> split_storage_kinds(const std::string& kinds) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        const auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
        if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (char c : kinds) {
        if (c == ',')
            flush();
        else
            cur += c;
    }
    flush();
    return out;
}

bool split_storage_kinds_has(const std::string& kinds, const std::string& kind) {
    for (const auto& k : split_storage_kinds(kinds))
        if (k == kind) return true;
    return false;
}

const char* storage_kind(const StorageFormat& f) {
    return f.is_fp32() ? "fp32" : f.is_custom_float() ? "custom" : "fixed";
}

std::string storage_unsupported(const AccelConfig& cfg, const StorageFormat& f) {
    const std::string where = cfg.source_file.empty() ? cfg.name : cfg.source_file;
    if (!split_storage_kinds_has(cfg.storage.kinds, storage_kind(f)))
        return fmt::format(
            "the design has no {} storage converters (storage.kinds = {} in {}); "
            "add {} to storage.kinds",
            storage_kind(f), cfg.storage.kinds, where, storage_kind(f));
    if (cfg.storage.lane_bits != 0 && f.bits() != cfg.storage.lane_bits)
        return fmt::format(
            "is {} bits, the design stores exactly {} (storage.lane_bits in {}); "
            "set storage.lane_bits to 0 or {}",
            f.bits(), cfg.storage.lane_bits, where, f.bits());
    return "";
}

}  // namespace edgesa
