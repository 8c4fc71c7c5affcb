#pragma once
// Reading, validating and writing trace files (docs/trace-format.md). The writer's output is
// canonical: read -> write -> read -> write gives identical bytes.
#include <string>

#include "network.h"

namespace edgesa {

constexpr int kTraceVersion = 1;

// Parses and validates a trace. Every problem becomes a Diagnostic (file:line:col, layer, value,
// rule); all of them are thrown together as one InputError. `file` names the text in messages and
// is the base for relative tensor paths.
Network read_trace_text(const std::string& text, const std::string& file);
Network read_trace_file(const std::string& path);

// The canonical YAML text of a network.
std::string write_trace_text(const Network& n);
// Writes atomically (no half-written file on failure).
void write_trace_file(const std::string& path, const Network& n);

// Activation functions a trace may name (kActivation layers and fused activations of conv/fc).
bool is_known_activation(const std::string& name);

}  // namespace edgesa
