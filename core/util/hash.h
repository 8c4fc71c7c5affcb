#pragma once
// Stable content hashes for cache keys and result provenance (FNV-1a, 64 bit). Not cryptographic.
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace edgesa {

inline uint64_t fnv1a64(const std::string& data, uint64_t h = 0xcbf29ce484222325ull) {
    for (unsigned char c : data) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}
inline std::string hash_hex(const std::string& data) {
    return fmt::format("{:016x}", fnv1a64(data));
}

}  // namespace edgesa
