#include "template.h"

#include <stdexcept>

#include <fmt/format.h>

namespace edgesa::gen {

std::string subst(const std::string& text, const Vars& vars) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find("${", i);
        if (open == std::string::npos) {
            out.append(text, i, std::string::npos);
            break;
        }
        out.append(text, i, open - i);
        const size_t close = text.find('}', open);
        if (close == std::string::npos) throw std::logic_error("unterminated ${ in template");
        const std::string key = text.substr(open + 2, close - open - 2);
        const auto it = vars.find(key);
        if (it == vars.end()) throw std::logic_error("template variable ${" + key + "} undefined");
        out += it->second;
        i = close + 1;
    }
    return out;
}

std::string sign_extend(const std::string& name, int64_t from, int64_t to) {
    if (to == from) return name;
    return fmt::format("{{{{{}{{{}[{}]}}}}, {}}}", to - from, name, from - 1, name);
}

std::string zero_extend(const std::string& expr, int64_t from, int64_t to) {
    if (to == from) return expr;
    return fmt::format("{{{{{}{{1'b0}}}}, {}}}", to - from, expr);
}

}  // namespace edgesa::gen
