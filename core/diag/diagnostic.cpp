#include "diag/diagnostic.h"

#include <algorithm>

namespace edgesa {

std::string Diagnostic::str() const {
    std::string s = pos.file.empty() ? std::string("<input>") : pos.file;
    if (pos.line > 0) {
        s += ":" + std::to_string(pos.line);
        if (pos.column > 0) s += ":" + std::to_string(pos.column);
    }
    s += ": ";
    if (!key.empty()) {
        s += key;
        // A value pasted whole would bury the message (a 30,000-digit format name): cut it.
        if (value.size() > 120)
            s += " = " + value.substr(0, 60) + "... (" + std::to_string(value.size()) +
                 " characters)";
        else if (!value.empty())
            s += " = " + value;
        s += ": ";
    }
    s += rule;
    return s;
}

std::string DiagnosticList::str() const {
    std::string s;
    for (const auto& d : items_) s += d.str() + "\n";
    return s;
}

void DiagnosticList::throw_if_any() const {
    if (!items_.empty()) throw InputError(*this);
}

InputError::InputError(const DiagnosticList& list)
    : std::runtime_error(list.str()), diags_(list.items()) {}

InputError::InputError(const Diagnostic& d) : std::runtime_error(d.str() + "\n"), diags_{d} {}

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace edgesa
