#pragma once
// Shared pieces of the generated-RTL equivalence tests: a seeded generator (the seed is printed
// and can be set with EDGESA_SEED), clock and reset of a Verilated model, fp32 operands that hit
// the hard cases often, and a mismatch log that keeps the first few cases for the failure message.
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace edgesa::test {

inline uint64_t test_seed() {
    const char* s = std::getenv("EDGESA_SEED");
    return s ? std::strtoull(s, nullptr, 0) : 20261123u;
}

// fp32 values every unit must get right: signed zeros, subnormals, the normal extremes,
// infinities, quiet and signalling NaNs of both signs, and a few ordinary numbers.
inline const std::vector<uint32_t>& fp32_specials() {
    static const std::vector<uint32_t> v = {
        0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000,
        0x00800000, 0x80800000, 0x00800001, 0x00ffffff, 0x7f7fffff, 0xff7fffff, 0x7f000000,
        0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fffffff,
        0x3f800000, 0xbf800000, 0x3f800001, 0x3fffffff, 0x40000000, 0x3f000000, 0x1f800000,
        0x1f7fffff, 0x20000000, 0x5f800000, 0x5fffffff, 0x34000000, 0x33800000, 0x4b800000};
    return v;
}

// A normal fp32 with the given exponent field, random sign and a mantissa that often has many
// trailing zeros (so that products and sums land exactly on rounding ties).
inline uint32_t fp32_with_exp(std::mt19937_64& rng, uint32_t exp_field) {
    uint32_t frac = uint32_t(rng()) & 0x7fffffu;
    const int keep = int(rng() % 24);  // keep only the top `keep` fraction bits
    if (rng() % 2) frac &= ~((1u << (23 - keep)) - 1u);
    if (rng() % 16 == 0) frac = 0x7fffffu;  // all ones: carries through rounding
    return (uint32_t(rng() & 1) << 31) | (exp_field << 23) | frac;
}

inline uint32_t fp32_any(std::mt19937_64& rng) {
    switch (rng() % 4) {
        case 0:
            return uint32_t(rng());  // any bit pattern
        case 1: {
            const auto& s = fp32_specials();
            return s[rng() % s.size()];
        }
        default:
            return fp32_with_exp(rng, 1 + uint32_t(rng() % 254));
    }
}

// One clock edge of a Verilated model (clk_i low, then high).
template <class M>
void tick(M& m) {
    m.clk_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
}

// A reset pulse: a falling edge on rst_ni (the model starts with it low, which is no edge).
template <class M>
void reset(M& m) {
    m.clk_i = 0;
    m.rst_ni = 1;
    m.eval();
    m.rst_ni = 0;
    m.eval();
    m.rst_ni = 1;
    m.eval();
}

// Collects mismatches; str() shows the first few, to paste into a failure message.
struct MismatchLog {
    uint64_t checked = 0, mismatches = 0;
    std::vector<std::string> first;
    void check(bool ok, const std::string& what) {
        ++checked;
        if (ok) return;
        ++mismatches;
        if (first.size() < 8) first.push_back(what);
    }
    std::string str() const {
        std::string s =
            fmt::format("{} of {} mismatched (seed {:#x})", mismatches, checked, test_seed());
        for (const auto& w : first) s += "\n  " + w;
        return s;
    }
};

}  // namespace edgesa::test
