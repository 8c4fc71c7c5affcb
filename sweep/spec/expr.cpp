// Recursive-descent parser and tree evaluator for constraint expressions.
#include "spec/expr.h"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "io/limits.h"

namespace edgesa::sweep {

// One node of the expression tree.
struct ExprNode {
    enum Kind { kNumber, kString, kName, kUnary, kBinary, kCall } kind = kNumber;
    double number = 0;
    std::string text;  // string literal, name, operator or function name
    int column = 0;
    std::vector<std::shared_ptr<const ExprNode>> args;
};

namespace {

using NodePtr = std::shared_ptr<const ExprNode>;

// Tokenizes and parses one expression; precedence: || < && < comparisons < + - < * / % < unary.
class Parser {
  public:
    explicit Parser(const std::string& s) : s_(s) {}

    NodePtr parse_all() {
        NodePtr n = parse_or();
        skip_ws();
        if (i_ < s_.size()) fail(fmt::format("unexpected '{}'", s_[i_]));
        return n;
    }

  private:
    [[noreturn]] void fail(const std::string& msg) const { throw ExprError{int(i_) + 1, msg}; }
    void skip_ws() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    bool accept(const char* op) {
        skip_ws();
        const std::string o(op);
        if (s_.compare(i_, o.size(), o) != 0) return false;
        // do not read "<" out of "<=" or "=" out of "=="
        if (o.size() == 1 && i_ + 1 < s_.size() && (o == "<" || o == ">" || o == "!" || o == "=") &&
            s_[i_ + 1] == '=')
            return false;
        i_ += o.size();
        return true;
    }
    // Bounds the tree, so neither this parser nor eval_node nor the tree's destructor (all
    // recursive) can exhaust the stack: depth counts nested parentheses, calls and unary
    // operators; every node counts towards the size.
    std::shared_ptr<ExprNode> node() {
        if (++nodes_ > limits::kMaxExprNodes)
            fail(fmt::format("more than {} operators and operands in one expression",
                             limits::kMaxExprNodes));
        return std::make_shared<ExprNode>();
    }
    struct Nest {
        Parser& p;
        explicit Nest(Parser& parser) : p(parser) {
            if (++p.depth_ > limits::kMaxExprDepth)
                p.fail(fmt::format("nested more than {} levels deep", limits::kMaxExprDepth));
        }
        ~Nest() { --p.depth_; }
    };
    NodePtr binary(const std::string& op, int col, NodePtr a, NodePtr b) {
        auto n = node();
        n->kind = ExprNode::kBinary;
        n->text = op;
        n->column = col;
        n->args = {std::move(a), std::move(b)};
        return n;
    }
    NodePtr parse_or() {
        NodePtr a = parse_and();
        for (;;) {
            skip_ws();
            const int col = int(i_) + 1;
            if (!accept("||")) return a;
            a = binary("||", col, a, parse_and());
        }
    }
    NodePtr parse_and() {
        NodePtr a = parse_cmp();
        for (;;) {
            skip_ws();
            const int col = int(i_) + 1;
            if (!accept("&&")) return a;
            a = binary("&&", col, a, parse_cmp());
        }
    }
    NodePtr parse_cmp() {
        NodePtr a = parse_add();
        for (;;) {
            skip_ws();
            const int col = int(i_) + 1;
            const char* ops[] = {"<=", ">=", "==", "!=", "<", ">"};
            const char* found = nullptr;
            for (const char* op : ops)
                if (accept(op)) {
                    found = op;
                    break;
                }
            if (!found) {
                if (i_ < s_.size() && s_[i_] == '=') fail("use '==' to compare");
                return a;
            }
            a = binary(found, col, a, parse_add());
        }
    }
    NodePtr parse_add() {
        NodePtr a = parse_mul();
        for (;;) {
            skip_ws();
            const int col = int(i_) + 1;
            if (accept("+"))
                a = binary("+", col, a, parse_mul());
            else if (accept("-"))
                a = binary("-", col, a, parse_mul());
            else
                return a;
        }
    }
    NodePtr parse_mul() {
        NodePtr a = parse_unary();
        for (;;) {
            skip_ws();
            const int col = int(i_) + 1;
            if (accept("*"))
                a = binary("*", col, a, parse_unary());
            else if (accept("/"))
                a = binary("/", col, a, parse_unary());
            else if (accept("%"))
                a = binary("%", col, a, parse_unary());
            else
                return a;
        }
    }
    NodePtr parse_unary() {
        skip_ws();
        const int col = int(i_) + 1;
        for (const char* op : {"-", "!"}) {
            if (accept(op)) {
                Nest nest(*this);
                auto n = node();
                n->kind = ExprNode::kUnary;
                n->text = op;
                n->column = col;
                n->args = {parse_unary()};
                return n;
            }
        }
        return parse_primary();
    }
    NodePtr parse_primary() {
        skip_ws();
        auto n = node();
        n->column = int(i_) + 1;
        if (i_ >= s_.size()) fail("expression ends early");
        const char c = s_[i_];
        Nest nest(*this);
        if (c == '(') {
            ++i_;
            NodePtr inner = parse_or();
            if (!accept(")")) fail("missing ')'");
            return inner;
        }
        if (c == '"') {
            const size_t end = s_.find('"', i_ + 1);
            if (end == std::string::npos) fail("unterminated string");
            n->kind = ExprNode::kString;
            n->text = s_.substr(i_ + 1, end - i_ - 1);
            i_ = end + 1;
            return n;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            size_t used = 0;
            try {
                n->number = std::stod(s_.substr(i_), &used);
            } catch (...) {
                fail("bad number");
            }
            n->kind = ExprNode::kNumber;
            i_ += used;
            return n;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t j = i_;
            while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) ||
                                     s_[j] == '_' || s_[j] == '.'))
                ++j;
            n->text = s_.substr(i_, j - i_);
            i_ = j;
            skip_ws();
            if (i_ < s_.size() && s_[i_] == '(') {
                if (n->text != "min" && n->text != "max" && n->text != "log2")
                    throw ExprError{n->column,
                                    "unknown function '" + n->text + "' (min, max, log2)"};
                ++i_;
                n->kind = ExprNode::kCall;
                n->args.push_back(parse_or());
                while (accept(",")) n->args.push_back(parse_or());
                if (!accept(")")) fail("missing ')'");
                const size_t want = n->text == "log2" ? 1 : 2;
                if (n->args.size() != want)
                    throw ExprError{n->column,
                                    fmt::format("{}() takes {} argument(s)", n->text, want)};
                return n;
            }
            n->kind = ExprNode::kName;
            return n;
        }
        fail(fmt::format("unexpected '{}'", c));
    }

    const std::string& s_;
    size_t i_ = 0;
    int depth_ = 0;
    int nodes_ = 0;
};

using Lookup = std::function<ExprValue(const std::string&, int)>;

double as_number(const ExprValue& v, int column, const std::string& op) {
    if (!v.is_number)
        throw ExprError{column, "'" + op + "' needs numbers, got the string \"" + v.text + "\""};
    return v.number;
}

ExprValue eval_node(const ExprNode& n, const Lookup& lookup) {
    switch (n.kind) {
        case ExprNode::kNumber:
            return ExprValue::num(n.number);
        case ExprNode::kString:
            return ExprValue::str(n.text);
        case ExprNode::kName:
            return lookup(n.text, n.column);
        case ExprNode::kUnary: {
            const ExprValue a = eval_node(*n.args[0], lookup);
            const double x = as_number(a, n.column, n.text);
            return ExprValue::num(n.text == "-" ? -x : (x == 0 ? 1 : 0));
        }
        case ExprNode::kCall: {
            const double a = as_number(eval_node(*n.args[0], lookup), n.column, n.text);
            if (n.text == "log2") return ExprValue::num(std::log2(a));
            const double b = as_number(eval_node(*n.args[1], lookup), n.column, n.text);
            return ExprValue::num(n.text == "min" ? std::min(a, b) : std::max(a, b));
        }
        case ExprNode::kBinary:
            break;
    }
    const std::string& op = n.text;
    const ExprValue a = eval_node(*n.args[0], lookup);
    if (op == "&&" || op == "||") {  // short-circuit
        const bool left = as_number(a, n.column, op) != 0;
        if (op == "&&" && !left) return ExprValue::num(0);
        if (op == "||" && left) return ExprValue::num(1);
        return ExprValue::num(as_number(eval_node(*n.args[1], lookup), n.column, op) != 0);
    }
    const ExprValue b = eval_node(*n.args[1], lookup);
    if (op == "==" || op == "!=") {
        bool eq;
        if (a.is_number != b.is_number)
            throw ExprError{n.column, "cannot compare a number with a string"};
        eq = a.is_number ? a.number == b.number : a.text == b.text;
        return ExprValue::num((op == "==") == eq);
    }
    const double x = as_number(a, n.column, op), y = as_number(b, n.column, op);
    if (op == "<") return ExprValue::num(x < y);
    if (op == "<=") return ExprValue::num(x <= y);
    if (op == ">") return ExprValue::num(x > y);
    if (op == ">=") return ExprValue::num(x >= y);
    if (op == "+") return ExprValue::num(x + y);
    if (op == "-") return ExprValue::num(x - y);
    if (op == "*") return ExprValue::num(x * y);
    if (y == 0 && (op == "/" || op == "%")) throw ExprError{n.column, "division by zero"};
    if (op == "/") return ExprValue::num(x / y);
    return ExprValue::num(std::fmod(x, y));
}

void collect_names(const ExprNode& n, std::vector<std::pair<std::string, int>>& out) {
    if (n.kind == ExprNode::kName) out.emplace_back(n.text, n.column);
    for (const auto& a : n.args) collect_names(*a, out);
}

}  // namespace

Expr Expr::parse(const std::string& text) {
    if (text.size() > limits::kMaxExprBytes)
        throw ExprError{
            1, fmt::format("an expression is at most {} characters long", limits::kMaxExprBytes)};
    Expr e;
    e.text_ = text;
    e.root_ = Parser(e.text_).parse_all();
    return e;
}

std::vector<std::pair<std::string, int>> Expr::names() const {
    std::vector<std::pair<std::string, int>> out;
    if (root_) collect_names(*root_, out);
    return out;
}

ExprValue Expr::eval(const Lookup& lookup) const {
    return eval_node(*root_, lookup);
}

bool Expr::holds(const Lookup& lookup) const {
    const ExprValue v = eval(lookup);
    if (!v.is_number)
        throw ExprError{1, "a constraint must be a comparison, not the string \"" + v.text + "\""};
    return v.number != 0;
}

}  // namespace edgesa::sweep
