#include "io/yaml_input.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "io/limits.h"

namespace edgesa {
namespace {

[[noreturn]] void fail(const std::string& file, int line, int col, const std::string& rule) {
    throw InputError(Diagnostic{{file, line, col}, "", "", rule});
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
size_t utf8_len(const std::string& s, size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0)
        n = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
        n = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
        n = 4, cp = c & 0x07;
    else
        return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3F);
    }
    static const uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

// Bounds line length, UTF-8 validity and an upper estimate of the nesting depth (indentation
// levels + compact "- - " sequences + open flow brackets) before the recursive parser runs.
void prescan(const std::string& text, const std::string& file) {
    std::vector<size_t> indents;  // indentation of the open block levels
    int flow = 0;                 // open [ and { across lines
    int line = 1;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end - start > limits::kMaxLineBytes)
            fail(file, line, 1,
                 fmt::format("line is {} bytes long; the limit is {}", end - start,
                             limits::kMaxLineBytes));
        size_t i = start;
        while (i < end && text[i] == ' ') ++i;
        const bool blank = i == end || text[i] == '#' || text[i] == '\r';
        if (!blank && flow == 0) {
            const size_t indent = i - start;
            while (!indents.empty() && indents.back() >= indent) indents.pop_back();
            indents.push_back(indent);
            int dashes = 0;
            while (i + 1 < end && text[i] == '-' && text[i + 1] == ' ') {
                ++dashes;
                i += 2;
                while (i < end && text[i] == ' ') ++i;
            }
            if (int(indents.size()) + dashes > limits::kMaxYamlDepth)
                fail(file, line, int(i - start) + 1,
                     fmt::format("nested more than {} levels deep", limits::kMaxYamlDepth));
        }
        char quote = 0;
        for (size_t k = start; k < end; ++k) {
            const char c = text[k];
            if (static_cast<unsigned char>(c) >= 0x80) {
                const size_t n = utf8_len(text, k);
                if (n == 0) fail(file, line, int(k - start) + 1, "not valid UTF-8");
                k += n - 1;
                continue;
            }
            if (c == '\0') fail(file, line, int(k - start) + 1, "contains a NUL byte");
            if (quote) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '#' && (k == start || text[k - 1] == ' ')) break;
            if (c == '"' || c == '\'') {
                if (k == start || text[k - 1] == ' ' || text[k - 1] == '[' || text[k - 1] == ',' ||
                    text[k - 1] == '{' || text[k - 1] == ':')
                    quote = c;
            } else if (c == '[' || c == '{') {
                if (++flow + int(indents.size()) > limits::kMaxYamlDepth)
                    fail(file, line, int(k - start) + 1,
                         fmt::format("nested more than {} levels deep", limits::kMaxYamlDepth));
            } else if ((c == ']' || c == '}') && flow > 0) {
                --flow;
            }
        }
        start = end + 1;
        ++line;
    }
}

// Where a node sits, as a chain to its parent: the dotted path is only spelled out for an error.
struct PathLink {
    const PathLink* parent;
    const std::string* key;  // null for a list element
    size_t index;
};

std::string spell(const PathLink* p) {
    if (!p) return "";
    const std::string up = spell(p->parent);
    if (!p->key) return up + "[" + std::to_string(p->index) + "]";
    return up.empty() ? *p->key : up + "." + *p->key;
}

// The state of one walk over a document. Aliases make a node reachable by many paths (and an
// alias inside its own anchor makes a cycle), so a problem in one node is reported once, at its
// position, however often the walk reaches it: a 15-byte `a: &a [*a, *a]` once gave a million
// "nested more than 32 levels deep" lines (found by fuzz_config).
struct Walk {
    int64_t budget = limits::kMaxYamlNodes;
    bool stopped = false;  // the node budget or the depth limit was hit: the document is refused
    std::set<std::pair<size_t, size_t>> duplicates_at;  // (line, column) of reported duplicates
};

// Duplicate keys anywhere in the document (yaml-cpp keeps the first silently). Also bounds the
// node count as the readers will see it, aliases expanded ("billion laughs"), and the depth.
void check_duplicates(const YAML::Node& n, const std::string& file, const PathLink* path, int depth,
                      DiagnosticList& d, Walk& w) {
    if (w.stopped) return;
    if (--w.budget < 0) {
        d.add(yaml_pos(file, n.Mark()), "", "",
              fmt::format("more than {} values (aliases counted each time they are used)",
                          limits::kMaxYamlNodes));
        w.stopped = true;
        return;
    }
    if (depth > limits::kMaxYamlDepth) {
        d.add(yaml_pos(file, n.Mark()), "", "",
              fmt::format("nested more than {} levels deep (aliases included)",
                          limits::kMaxYamlDepth));
        w.stopped = true;
        return;
    }
    if (n.IsMap()) {
        std::set<std::string> seen;
        for (const auto& kv : n) {
            if (w.stopped) return;
            const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
            const PathLink here{path, &key, 0};
            const YAML::Mark m = kv.first.Mark();
            if (kv.first.IsScalar() && !seen.insert(key).second &&
                w.duplicates_at.insert({size_t(m.line), size_t(m.column)}).second)
                d.add(yaml_pos(file, m), spell(&here), "", "duplicate key");
            check_duplicates(kv.second, file, &here, depth + 1, d, w);
        }
    } else if (n.IsSequence()) {
        size_t i = 0;
        for (const auto& e : n) {
            if (w.stopped) return;
            const PathLink here{path, nullptr, i++};
            check_duplicates(e, file, &here, depth + 1, d, w);
        }
    }
}

}  // namespace

SourcePos yaml_pos(const std::string& file, const YAML::Mark& m) {
    if (m.is_null()) return {file, 0, 0};
    return {file, m.line + 1, m.column + 1};
}

bool parse_int64(const std::string& text, int64_t* out) {
    if (text.empty() || text.size() > 24) return false;
    const char* s = text.c_str();
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s, &end, 10);
    if (errno == ERANGE || end != s + text.size() || std::isspace(static_cast<unsigned char>(s[0])))
        return false;
    *out = int64_t(v);
    return true;
}

YAML::Node parse_yaml_checked(const std::string& text, const std::string& file) {
    if (text.size() > limits::kMaxTextFileBytes)
        fail(file, 0, 0,
             fmt::format("input is {} bytes; the limit is {}", text.size(),
                         limits::kMaxTextFileBytes));
    prescan(text, file);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw InputError(Diagnostic{yaml_pos(file, e.mark), "", "", "not valid YAML: " + e.msg});
    }
    DiagnosticList d;
    Walk walk;
    check_duplicates(root, file, nullptr, 0, d, walk);
    d.throw_if_any();
    return root;
}

}  // namespace edgesa
