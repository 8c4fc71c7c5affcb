#include "numerics/storage_format.h"

#include <regex>

#include "numerics/fp32.h"

namespace edgesa {

int StorageFormat::bits() const {
    if (is_custom_float()) return custom_float().total_bits();
    if (is_fixed()) return fixed().total_bits();
    return 32;
}

std::string StorageFormat::name() const {
    if (is_custom_float()) return custom_float().name();
    if (is_fixed()) return fixed().name();
    return "fp32";
}

std::optional<StorageFormat> StorageFormat::parse(const std::string& text, std::string* why) {
    static const std::regex cf_re(R"(e(\d+)m(\d+)b(-?\d+))");
    static const std::regex q_re(R"(q(\d+)\.(\d+))");
    std::smatch m;
    std::string problem;
    if (text == "fp32") return StorageFormat(Fp32Format{});
    if (std::regex_match(text, m, cf_re) && m[1].length() <= 2 && m[2].length() <= 2 &&
        m[3].length() <= 5) {
        CustomFloatFormat f{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
        problem = custom_float_problem(f);
        if (problem.empty()) return StorageFormat(f);
    } else if (std::regex_match(text, m, q_re) && m[1].length() <= 2 && m[2].length() <= 2) {
        FixedFormat f{std::stoi(m[1]), std::stoi(m[2])};
        problem = fixed_problem(f);
        if (problem.empty()) return StorageFormat(f);
    } else {
        problem =
            "not a format name; expected fp32, e<E>m<M>b<B> (e.g. e4m3b15, e5m2b-3) or "
            "q<I>.<F> (e.g. q3.13)";
    }
    if (why) *why = problem;
    return std::nullopt;
}

float quantize(const StorageFormat& f, float x, Rounding mode) {
    if (f.is_custom_float()) {
        const auto& cf = f.custom_float();
        return cf_decode(cf, cf_encode(cf, x, mode));
    }
    if (f.is_fixed()) return fixed_to_float(f.fixed(), fixed_from_float(f.fixed(), x, mode));
    return fp32::canonicalize(x);
}

}  // namespace edgesa
