#pragma once
// A tensor's storage format in memory: fp32, a custom float e<E>m<M>b<B>, or fixed q<I>.<F>.
// This is the one parser and printer of format names; configs, traces and the CLI all use it.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "numerics/custom_float.h"
#include "numerics/fixed_point.h"

namespace edgesa {

struct Fp32Format {
    bool operator==(const Fp32Format&) const { return true; }
    bool operator!=(const Fp32Format&) const { return false; }
};

class StorageFormat {
  public:
    StorageFormat() : v_(Fp32Format{}) {}
    StorageFormat(Fp32Format f) : v_(f) {}
    StorageFormat(CustomFloatFormat f) : v_(f) {}
    StorageFormat(FixedFormat f) : v_(f) {}

    bool is_fp32() const { return std::holds_alternative<Fp32Format>(v_); }
    bool is_custom_float() const { return std::holds_alternative<CustomFloatFormat>(v_); }
    bool is_fixed() const { return std::holds_alternative<FixedFormat>(v_); }
    const CustomFloatFormat& custom_float() const { return std::get<CustomFloatFormat>(v_); }
    const FixedFormat& fixed() const { return std::get<FixedFormat>(v_); }

    int bits() const;          // bits per value in memory (packed)
    std::string name() const;  // "fp32", "e4m3b15", "q3.13"
    bool operator==(const StorageFormat& o) const { return v_ == o.v_; }
    bool operator!=(const StorageFormat& o) const { return !(v_ == o.v_); }

    // Parses a format name. On failure returns nullopt and sets `why` to the broken rule.
    static std::optional<StorageFormat> parse(const std::string& text, std::string* why);

  private:
    std::variant<Fp32Format, CustomFloatFormat, FixedFormat> v_;
};

// Bytes occupied by `count` values packed back to back, rounded up to whole bytes.
inline uint64_t packed_bytes(uint64_t count, int bits) {
    return (count * uint64_t(bits) + 7) / 8;
}

// Store then load one value under a format (what a round trip through memory does to it).
// Custom floats use `mode` for the compressor; fixed uses it for fp32 -> fixed.
float quantize(const StorageFormat& f, float x, Rounding mode);

}  // namespace edgesa
