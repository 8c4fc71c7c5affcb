#pragma once
// Process helpers for `edgesa verify`: running an external tool with its output in a log file, and
// running a function in a forked child (the SystemC kernel runs once per process, so every
// simulation of a verify run is its own child).
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/subprocess.h"

namespace edgesa::verify {

// The one subprocess helper (core/io/subprocess.h): argv, no shell, output to a log.
using ::edgesa::run_logged;

// Runs `fn` in a forked child (core/io/forked_call.h) and returns its JSON result. The child's own
// exceptions come back as std::runtime_error with the child's message; a crash as "the child
// process ended without a result (killed by signal N)".
nlohmann::json run_forked(const std::function<nlohmann::json()>& fn);

// The last `lines` lines of a text file (for error messages that point into a log).
std::string tail_file(const std::string& path, int lines);

}  // namespace edgesa::verify
