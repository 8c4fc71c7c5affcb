#pragma once
// Functional-mode arithmetic on the compute type (docs/numerics.md): storage codes are decoded
// (decompressor) or encoded (compressor) with core/numerics, products and sums use fp32::mul/add
// or the saturating fixed datapath. A compute value is an int64: fp32 bits, or a fixed raw.
#include <cstdint>

#include "config/accel_config.h"
#include "numerics/storage_format.h"

namespace edgesa::sim {

// Storage <-> compute conversions and compute-type arithmetic for functional mode.
class ValueCodec {
  public:
    explicit ValueCodec(const AccelConfig& cfg) : cfg_(cfg), fixed_(cfg.derived.fixed_compute) {}
    // A float written to memory in `f` (inputs, synthetic weights): the stored code.
    int64_t encode(const StorageFormat& f, float x) const;
    float decode_to_float(const StorageFormat& f, int64_t code) const;
    // Storage code -> compute value (what the decompressor and converter engines produce).
    int64_t to_compute(const StorageFormat& f, int64_t code) const;
    int64_t mul(int64_t a, int64_t b) const;
    int64_t add(int64_t a, int64_t b) const;
    int64_t zero() const { return 0; }
    // Accumulator + bias (bias code in `bias_fmt`), activation, then the stored code in `out`.
    int64_t finish(int64_t acc, bool has_bias, const StorageFormat& bias_fmt, int64_t bias_code,
                   const std::string& activation, const StorageFormat& out) const;
    bool fixed() const { return fixed_; }

  private:
    const AccelConfig& cfg_;
    bool fixed_;
};

}  // namespace edgesa::sim
