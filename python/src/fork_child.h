#pragma once
// Runs a function in a forked child of the Python process (fork, no exec; core/io/forked_call.h)
// and returns the bytes it produced. The SystemC kernel cannot restart within a process, so each
// simulation gets a fresh copy of this one (docs/python.md, "One process per run"). While it waits
// the GIL is released (other Python threads run, and may start runs of their own); Ctrl-C kills the
// child and raises KeyboardInterrupt.
#include <functional>
#include <string>

namespace edgesa::py {

// `child` runs in the child only and must not touch Python objects. Throws std::runtime_error
// when the child dies without a result (a crash: "killed by signal N").
std::string run_in_child(const std::function<std::string()>& child);

}  // namespace edgesa::py
