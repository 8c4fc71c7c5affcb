#pragma once
// Diagnostics: one line per problem, naming file:line:col, the key, the value and the rule.
// Every input reader (configs, traces, sweep specs, model files) reports through this type so
// that users see one error style everywhere.
#include <stdexcept>
#include <string>
#include <vector>

namespace edgesa {

// A position in an input file. line and column are 1-based; 0 means "unknown".
struct SourcePos {
    std::string file;
    int line = 0;
    int column = 0;
};

// One problem in one input: "file:line:col: key = value: rule".
struct Diagnostic {
    SourcePos pos;
    std::string key;    // dotted key path or layer name; may be empty
    std::string value;  // offending value as written; may be empty
    std::string rule;   // the rule that was broken, as a sentence fragment

    std::string str() const;
};

// Collects every problem in an input before failing, so users fix them all in one pass.
class DiagnosticList {
  public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void add(const SourcePos& pos, std::string key, std::string value, std::string rule) {
        items_.push_back({pos, std::move(key), std::move(value), std::move(rule)});
    }
    bool empty() const { return items_.empty(); }
    size_t size() const { return items_.size(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    std::string str() const;  // one line per diagnostic
    // Throws InputError carrying every diagnostic when the list is not empty.
    void throw_if_any() const;

  private:
    std::vector<Diagnostic> items_;
};

// Thrown for bad user input. what() is the full multi-line report; the CLI prints it and exits 2.
class InputError : public std::runtime_error {
  public:
    explicit InputError(const DiagnosticList& list);
    explicit InputError(const Diagnostic& d);
    const std::vector<Diagnostic>& diagnostics() const { return diags_; }

  private:
    std::vector<Diagnostic> diags_;
};

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(const std::string& a, const std::string& b);
// The closest candidate within a small distance, or "" when none is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace edgesa
