#pragma once
// Reading, validating and writing trace files (docs/trace-format.md). The writer's output is
// canonical: read -> write -> read -> write gives identical bytes.
#include <string>

#include "network.h"

namespace edgesa {

// The newest trace version this edgesa reads and writes (it reads every version from 1). Version 2
// adds the slice layer and the concat axis; the writer writes the lowest version that holds a
// network.
constexpr int kTraceVersion = 2;
int trace_version_needed(const Network& n);

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
