#pragma once
// Runs an external tool (yosys, Verilator's make, the RTL runner) from an argv vector: no shell, so
// no quoting of paths and no injection through them. Used by gen/synth and verify; the sweep's
// process pool (sweep/run/process_pool.h) adds process groups and timeouts on the same pattern.
#include <string>
#include <vector>

namespace edgesa {

// Runs argv[0] (searched in PATH) with stdout and stderr appended to `log_path`, MAKEFLAGS
// removed from its environment (a parent make's jobserver must not leak into a child make).
// Returns the exit status (127 when it cannot be started, 128+n when killed by signal n).
// Throws std::runtime_error naming the log when the log cannot be opened.
int run_logged(const std::vector<std::string>& argv, const std::string& log_path);

// Decodes a waitpid() status the same way: exit code, or 128 + signal.
int decode_wait_status(int status);

}  // namespace edgesa
