#pragma once
// Writing a trace together with its weight tensors (docs/trace-format.md, "Tensor files").
#include <string>

#include "network.h"
#include "reference/weight_store.h"

namespace edgesa {

// Every conv2d/fc layer that `tensors` holds explicitly gets `<stem>.w.npy` (and `<stem>.b.npy`
// when it has biases) in the side directory `<trace file name>.tensors/` next to `path`, and its
// weights:/biases: keys point there; every other layer loses its keys (seeded synthetic weights).
// The tensors are written first and the trace last, each atomically. The tensor sizes are checked
// against the layers before anything is written.
void write_trace_with_tensors(const std::string& path, Network n, const WeightStore& tensors);

// True when some conv2d/fc layer of `n` names a weights file.
bool has_tensor_files(const Network& n);

}  // namespace edgesa
