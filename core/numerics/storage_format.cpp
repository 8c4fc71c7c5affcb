#include "numerics/storage_format.h"

#include "io/limits.h"
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

namespace {

// Reads an optionally signed decimal of at most `max_digits` digits at text[*i]; false otherwise.
bool read_small_int(const std::string& text, size_t* i, bool allow_sign, size_t max_digits,
                    int* out) {
    size_t j = *i;
    const bool neg = allow_sign && j < text.size() && text[j] == '-';
    if (neg) ++j;
    const size_t first = j;
    int v = 0;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') {
        if (j - first >= max_digits) return false;
        v = v * 10 + (text[j] - '0');
        ++j;
    }
    if (j == first) return false;
    *out = neg ? -v : v;
    *i = j;
    return true;
}

}  // namespace

// Hand-written (no std::regex, which recurses per character): a name is at most
// limits::kMaxFormatNameBytes long, so any input is rejected in constant time and stack.
std::optional<StorageFormat> StorageFormat::parse(const std::string& text, std::string* why) {
    std::string problem =
        "not a format name; expected fp32, e<E>m<M>b<B> (e.g. e4m3b15, e5m2b-3) or q<I>.<F> (e.g. "
        "q3.13)";
    if (text == "fp32") return StorageFormat(Fp32Format{});
    size_t i = 1;
    int a = 0, b = 0, c = 0;
    if (text.size() > limits::kMaxFormatNameBytes) {
        problem = "a format name is at most " + std::to_string(limits::kMaxFormatNameBytes) +
                  " characters; expected fp32, e<E>m<M>b<B> or q<I>.<F>";
    } else if (!text.empty() && text[0] == 'e') {
        if (read_small_int(text, &i, false, 2, &a) && i < text.size() && text[i++] == 'm' &&
            read_small_int(text, &i, false, 2, &b) && i < text.size() && text[i++] == 'b' &&
            read_small_int(text, &i, true, 5, &c) && i == text.size()) {
            CustomFloatFormat f{a, b, c};
            problem = custom_float_problem(f);
            if (problem.empty()) return StorageFormat(f);
        }
    } else if (!text.empty() && text[0] == 'q') {
        if (read_small_int(text, &i, false, 2, &a) && i < text.size() && text[i++] == '.' &&
            read_small_int(text, &i, false, 2, &b) && i == text.size()) {
            FixedFormat f{a, b};
            problem = fixed_problem(f);
            if (problem.empty()) return StorageFormat(f);
        }
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
