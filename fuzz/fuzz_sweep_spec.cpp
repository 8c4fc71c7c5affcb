// Fuzzes the sweep-spec reader and the constraint-expression parser and evaluator.
// Input: the spec text; the same bytes are also parsed as one constraint expression.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diagnostic.h"
#include "spec/expr.h"
#include "spec/sweep_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        // Relative paths resolve next to the spec: /nonexistent keeps the fuzzer off real files.
        (void)edgesa::sweep::parse_sweep_spec_text(text, "/nonexistent/fuzz.yaml");
    } catch (const edgesa::InputError& e) {
        // One line per problem, and a problem reached through many aliases is one problem: the
        // lines grow with the input's bytes, not with its alias expansion (`a: &a [*a, *a]` once
        // gave a million). 256: problems of the schema itself, e.g. every required key missing.
        if (e.diagnostics().size() > 4 * size + 256) __builtin_trap();
    }
    try {
        const auto e = edgesa::sweep::Expr::parse(text);
        (void)e.eval([](const std::string&, int) { return edgesa::sweep::ExprValue::num(3); });
    } catch (const edgesa::sweep::ExprError&) {
    }
    return 0;
}
