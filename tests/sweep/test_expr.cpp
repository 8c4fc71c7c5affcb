// Constraint expression language: precedence, names, strings and error columns.
#include <catch2/catch.hpp>

#include <map>

#include "spec/expr.h"

using edgesa::sweep::Expr;
using edgesa::sweep::ExprError;
using edgesa::sweep::ExprValue;

namespace {

ExprValue lookup(const std::string& name, int column) {
    static const std::map<std::string, ExprValue> vars = {{"rows", ExprValue::num(64)},
                                                          {"width", ExprValue::num(32)},
                                                          {"array.buffer_depth", ExprValue::num(4)},
                                                          {"workload", ExprValue::str("resnet18")}};
    auto it = vars.find(name);
    if (it == vars.end()) throw ExprError{column, "unknown name " + name};
    return it->second;
}

double value(const std::string& text) {
    return Expr::parse(text).eval(lookup).number;
}
bool holds(const std::string& text) {
    return Expr::parse(text).holds(lookup);
}

}  // namespace

TEST_CASE("expr: arithmetic follows the usual precedence", "[sweep][expr]") {
    CHECK(value("1 + 2 * 3") == 7);
    CHECK(value("(1 + 2) * 3") == 9);
    CHECK(value("10 - 4 - 3") == 3);  // left associative
    CHECK(value("-2 * 3") == -6);
    CHECK(value("7 % 4") == 3);
    CHECK(value("min(rows, width) + max(1, 2)") == 34);
    CHECK(value("log2(width)") == 5);
}

TEST_CASE("expr: comparisons and logic over axis names", "[sweep][expr]") {
    CHECK(holds("rows * width <= 2048"));
    CHECK_FALSE(holds("rows * width < 2048"));
    CHECK(holds("rows * width <= 4096 && width != 12"));
    CHECK(holds("rows > 100 || array.buffer_depth == 4"));
    CHECK_FALSE(holds("!(rows == 64)"));
    CHECK(holds("workload == \"resnet18\""));
    CHECK(holds("workload != \"vgg16\" && rows >= 64"));
}

TEST_CASE("expr: syntax errors carry the column of the problem", "[sweep][expr]") {
    auto column_of = [](const std::string& text) {
        try {
            Expr::parse(text);
        } catch (const ExprError& e) {
            return e.column;
        }
        return -1;
    };
    CHECK(column_of("rows * width <= ") == 17);
    CHECK(column_of("rows = 4") == 6);    // single '='
    CHECK(column_of("(rows + 1") == 10);  // missing ')'
    CHECK(column_of("rows $ 2") == 6);
    CHECK(column_of("sqrt(rows)") == 1);  // unknown function
    CHECK(column_of("rows <= 4") == -1);  // fine
}

TEST_CASE("expr: type errors and unknown names are reported and never defaulted", "[sweep][expr]") {
    CHECK_THROWS_AS(Expr::parse("workload < 3").eval(lookup), ExprError);
    CHECK_THROWS_AS(Expr::parse("workload == 3").eval(lookup), ExprError);
    CHECK_THROWS_AS(Expr::parse("rows / 0").eval(lookup), ExprError);
    try {
        Expr::parse("rows * colums").eval(lookup);
        FAIL("expected an error");
    } catch (const ExprError& e) {
        CHECK(e.column == 8);
    }
    const auto names = Expr::parse("rows * width <= 4096").names();
    REQUIRE(names.size() == 2);
    CHECK(names[1] == std::make_pair(std::string("width"), 8));
}
