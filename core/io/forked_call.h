#pragma once
// Runs a function in a forked child (fork without exec) and returns the bytes it produced, read
// back through a pipe. The SystemC kernel cannot restart within a process, so every simulation of
// `edgesa verify` and of the Python module runs in a fresh copy of the process. Programs are
// started by core/io/subprocess.h instead; this is the one place that forks without exec.
#include <functional>
#include <stdexcept>
#include <string>

namespace edgesa {

// Thrown when `keep_waiting` returned false: the child was killed.
struct ForkedCallCancelled : std::runtime_error {
    ForkedCallCancelled() : std::runtime_error("the child process was cancelled") {}
};

// Runs `fn` in a forked child and returns what it returned. The child ends with _exit (no atexit
// handlers or static destructors of the copy); an exception escaping `fn` in the child is a bug
// there and ends it with status 3, so `fn` reports its own errors in the bytes. `keep_waiting`,
// when given, runs in the parent about every 100 ms while the child works; returning false kills
// the child and throws ForkedCallCancelled. Throws std::runtime_error when fork fails or when the
// child ends without success ("exit status N", "killed by signal N").
std::string call_in_child(const std::function<std::string()>& fn,
                          const std::function<bool()>& keep_waiting = {});

}  // namespace edgesa
