#pragma once
// Helpers shared by the trace bindings: a layer by name (with "did you mean"), a derived trace.
#include <string>

#include "bindings.h"

namespace edgesa::py {

const Layer& find_layer(const PyTrace& t, const std::string& name, const std::string& what);
// A new trace from a transform of `parent`: the network, its tensors when it carries any, and a
// label naming the step ("lenet5 | prune").
PyTrace derived(const PyTrace& parent, Network net, const std::string& step);

}  // namespace edgesa::py
