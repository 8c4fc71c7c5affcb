#pragma once
// The one way edgesa starts an external program (yosys, Verilator's make, the RTL runner, sweep
// workers, gnuplot, sbatch): an argv vector and fork + exec, never a shell, so paths need no
// quoting and cannot inject commands. run_logged() runs one program to completion;
// spawn_process() starts one and returns its pid for callers that wait themselves (the sweep's
// process pool, sweep/run/process_pool.h, which adds timeouts on top).
//
// Not Boost.Process: Debian 12's Boost 1.74 needs the compiled Boost.Filesystem library for it
// (libboost-filesystem-dev, one more package), and what the sweep pool needs (its own process
// group, death with the parent, waiting for whichever child ends first) is not in its API; this
// is some 100 lines of POSIX (docs/testing.md, "One subprocess helper").
#include <sys/types.h>

#include <string>
#include <vector>

namespace edgesa {

struct SpawnOptions {
    // stdout and stderr of the child go to this file ("" keeps the parent's).
    std::string log_path;
    bool truncate_log = false;  // false: append
    // The child leads its own process group, so kill(-pid, ...) also reaches its children.
    bool own_process_group = false;
    // The child is killed (SIGKILL) when the parent dies: no orphan outlives a killed driver.
    bool die_with_parent = false;
};

// Starts argv[0] (a path, or a name searched in PATH) with `opt`. MAKEFLAGS, MFLAGS and MAKELEVEL
// are removed from its environment (a parent make's jobserver must not leak into a child make).
// Returns the child's pid. Throws std::runtime_error naming the log or the program when the log
// cannot be opened or fork fails; a program that cannot be executed exits 127 with a line in the
// log saying why.
pid_t spawn_process(const std::vector<std::string>& argv, const SpawnOptions& opt = {});

// Waits for `pid` (retrying on EINTR) and returns decode_wait_status() of it; 127 if it cannot.
int wait_process(pid_t pid);

// spawn_process() with output appended to `log_path`, then wait_process(): the exit status
// (127 when the program cannot be started, 128+n when killed by signal n). Throws
// std::runtime_error naming the log when the log cannot be opened.
int run_logged(const std::vector<std::string>& argv, const std::string& log_path);

// Decodes a waitpid() status: the exit code, or 128 + the signal.
int decode_wait_status(int status);

}  // namespace edgesa
