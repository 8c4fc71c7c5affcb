#pragma once
// A small expression language for sweep constraints, e.g. `rows * width <= 4096 && width != 12`.
// Numbers, double-quoted strings, identifiers (dotted names allowed), + - * / %, comparisons,
// && || !, parentheses and min(a,b) max(a,b) log2(x). The result is true when non-zero.
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace edgesa::sweep {

// A value inside an expression: a number or a string.
struct ExprValue {
    bool is_number = true;
    double number = 0;
    std::string text;
    static ExprValue num(double d) { return {true, d, {}}; }
    static ExprValue str(std::string s) { return {false, 0, std::move(s)}; }
};

// Thrown for syntax and evaluation errors; `column` is 1-based inside the expression text.
struct ExprError {
    int column = 0;
    std::string message;
};

struct ExprNode;

// A parsed expression. Parsing checks syntax only; names are bound when evaluating.
class Expr {
  public:
    // Throws ExprError on a syntax error.
    static Expr parse(const std::string& text);
    // Returns nullptr-free names referenced by the expression, with their columns.
    std::vector<std::pair<std::string, int>> names() const;
    // Evaluates; `lookup` resolves a name (it may throw ExprError for unknown names).
    ExprValue eval(const std::function<ExprValue(const std::string&, int column)>& lookup) const;
    bool holds(const std::function<ExprValue(const std::string&, int column)>& lookup) const;
    const std::string& text() const { return text_; }

  private:
    std::string text_;
    std::shared_ptr<const ExprNode> root_;
};

}  // namespace edgesa::sweep
