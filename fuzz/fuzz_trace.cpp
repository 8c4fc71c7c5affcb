// Fuzzes the trace reader: a network whose totals are computed without overflow, or an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diagnostic.h"
#include "summary.h"
#include "trace/trace_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const edgesa::Network n = edgesa::read_trace_text(text, "/nonexistent/fuzz.yaml");
        if (edgesa::network_macs(n) < 0 || edgesa::network_weights(n) < 0) __builtin_trap();
        (void)edgesa::network_summary_text(n);  // what `trace show` prints
        (void)edgesa::write_trace_text(n);
    } catch (const edgesa::InputError& e) {
        // One line per problem, and a problem reached through many aliases is one problem: the
        // lines grow with the input's bytes, not with its alias expansion (`a: &a [*a, *a]` once
        // gave a million). 256: problems of the schema itself, e.g. every required key missing.
        if (e.diagnostics().size() > 4 * size + 256) __builtin_trap();
    }
    return 0;
}
