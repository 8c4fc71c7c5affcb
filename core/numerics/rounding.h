#pragma once
// Rounding modes named in configs and on the command line.
#include <optional>
#include <string>

namespace edgesa {

// trunc: drop the low bits (the cheap hardware default; toward zero for sign-magnitude
// custom floats, toward minus infinity for two's-complement fixed point).
// rne: round to nearest, ties to even.
enum class Rounding { kTrunc, kRne };

inline const char* to_string(Rounding r) {
    return r == Rounding::kTrunc ? "trunc" : "rne";
}
inline std::optional<Rounding> parse_rounding(const std::string& s) {
    if (s == "trunc") return Rounding::kTrunc;
    if (s == "rne") return Rounding::kRne;
    return std::nullopt;
}

}  // namespace edgesa
