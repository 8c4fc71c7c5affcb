#pragma once
// IEEE binary32 helpers and the compute policy shared by the simulator, the RTL tests and the
// reference model (docs/numerics.md): inputs that are subnormal are read as zero (DAZ), results
// are rounded to nearest even and a subnormal result is flushed to zero of the same sign (FTZ),
// and every NaN result is the canonical quiet NaN 0x7fc00000.
#include <cmath>
#include <cstdint>
#include <cstring>

namespace edgesa::fp32 {

constexpr uint32_t kCanonicalNan = 0x7fc00000u;

inline uint32_t bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}
inline float from_bits(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}
inline uint32_t exp_field(uint32_t u) {
    return (u >> 23) & 0xffu;
}
inline uint32_t frac_field(uint32_t u) {
    return u & 0x7fffffu;
}
inline bool is_subnormal_bits(uint32_t u) {
    return exp_field(u) == 0 && frac_field(u) != 0;
}
inline bool is_nan_bits(uint32_t u) {
    return exp_field(u) == 0xff && frac_field(u) != 0;
}

// Subnormal -> signed zero; everything else unchanged.
inline uint32_t daz(uint32_t u) {
    return is_subnormal_bits(u) ? (u & 0x80000000u) : u;
}
// Applies the result policy: FTZ and canonical NaN.
inline uint32_t canonical_result(uint32_t u) {
    if (is_nan_bits(u)) return kCanonicalNan;
    return daz(u);
}

// The compute-type operations. The generated RTL must agree with these bit for bit.
inline float mul(float a, float b) {
    float r = from_bits(daz(bits(a))) * from_bits(daz(bits(b)));
    return from_bits(canonical_result(bits(r)));
}
inline float add(float a, float b) {
    float r = from_bits(daz(bits(a))) + from_bits(daz(bits(b)));
    return from_bits(canonical_result(bits(r)));
}
// Brings an arbitrary float (e.g. from a weights file) under the policy.
inline float canonicalize(float a) {
    return from_bits(canonical_result(bits(a)));
}

}  // namespace edgesa::fp32
