#pragma once
// Process helpers for `edgesa verify`: running an external tool with its output in a log file, and
// running a function in a forked child (the SystemC kernel runs once per process, so every
// simulation of a verify run is its own child).
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgesa::verify {

// Runs argv[0] (searched in PATH) with stdout and stderr appended to `log_path`, MAKEFLAGS
// removed from its environment (a parent make's jobserver must not leak into Verilator's make).
// Returns the exit status (127 when it cannot be started, 128+n when killed by signal n).
int run_logged(const std::vector<std::string>& argv, const std::string& log_path);

// Runs `fn` in a forked child and returns its JSON result. The child's own exceptions come back
// as std::runtime_error with the child's message; a crash as "child killed by signal N".
nlohmann::json run_forked(const std::function<nlohmann::json()>& fn,
                          const std::string& result_path);

// The last `lines` lines of a text file (for error messages that point into a log).
std::string tail_file(const std::string& path, int lines);

}  // namespace edgesa::verify
