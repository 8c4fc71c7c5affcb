#include <fnmatch.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "transforms/transforms.h"

namespace edgesa {

// POSIX shell globs (fnmatch(3), no flags): '*' and '?' match any character including '/' and
// '.', '[1-4]' and '[!0]' are classes, and a backslash quotes the next character.
bool glob_match(const std::string& p, const std::string& s) {
    return fnmatch(p.c_str(), s.c_str(), 0) == 0;
}

LayerRule parse_layer_rule(const std::string& text, const std::string& option) {
    const size_t eq = text.rfind('=');
    LayerRule r;
    if (eq == std::string::npos || eq == 0)
        throw InputError(Diagnostic{{"<command line>", 0, 0},
                                    option,
                                    text,
                                    "must be LAYERS=VALUE, e.g. 'layer1.*.conv1=0.7'"});
    r.selector = text.substr(0, eq);
    const std::string v = text.substr(eq + 1);
    char* end = nullptr;
    r.value = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0')
        throw InputError(Diagnostic{
            {"<command line>", 0, 0}, option, text, "the value after '=' must be a number"});
    return r;
}

std::vector<std::string> select_layers(const Network& n, const std::string& selector,
                                       const std::string& option) {
    std::vector<std::string> pats, out, names;
    std::stringstream ss(selector);
    for (std::string p; std::getline(ss, p, ',');) pats.push_back(p);
    for (const auto& l : n.layers) names.push_back(l.name);
    for (const auto& p : pats) {
        bool any = false;
        for (const auto& l : n.layers)
            if (glob_match(p, l.name)) {
                any = true;
                if (std::find(out.begin(), out.end(), l.name) == out.end()) out.push_back(l.name);
            }
        if (!any) {
            std::string rule = "matches no layer of " + n.name;
            const std::string near = closest_match(p, names);
            if (!near.empty()) rule += fmt::format(" (did you mean '{}'?)", near);
            throw InputError(Diagnostic{{"<command line>", 0, 0}, option, p, rule});
        }
    }
    return out;
}

}  // namespace edgesa
