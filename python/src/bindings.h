#pragma once
// The C++ side of the Python module `edgesa` (docs/python.md): the objects Python holds and one
// bind_* function per file. Everything calls the same library functions as the CLI.
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include "config/accel_config.h"
#include "diag/diagnostic.h"
#include "network.h"
#include "reference/weight_store.h"

namespace edgesa::py {

namespace pyb = pybind11;

// A validated config and what it was loaded from, so that with_() reloads it with more
// overrides exactly as `--set` does.
struct PyConfig {
    std::string text;  // the YAML text
    std::string file;  // the name diagnostics use (the path, or "<dict>")
    std::vector<std::pair<std::string, std::string>> overrides;
    AccelConfig cfg;
};

// A trace in memory with the tensors it carries (ONNX imports, .npy files, numpy arrays,
// transforms that keep tensors); layers without explicit tensors get the seeded synthetic ones.
struct PyTrace {
    enum class Origin { kZoo, kFile, kMemory };
    Network net;
    WeightStore tensors{1};
    bool carries_tensors = false;
    std::string label;  // the report's "workload": zoo spec, path, or a derived name
    std::string text;   // the trace text the report's workload hash is over
    Origin origin = Origin::kMemory;
};

void bind_errors(pyb::module_& m);
void bind_config(pyb::module_& m);
void bind_trace(pyb::module_& m);
void bind_trace_transforms(pyb::module_& m, pyb::class_<PyTrace>& cls);
void bind_run(pyb::module_& m);
void bind_tools(pyb::module_& m);  // verify, sweep database

}  // namespace edgesa::py
