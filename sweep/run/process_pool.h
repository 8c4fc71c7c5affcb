#pragma once
// Runs child processes, at most `jobs` at a time, each in its own process group with a wall-clock
// timeout. Children die with the driver (PR_SET_PDEATHSIG), so a killed driver leaves no orphan
// writing into a point folder that a resumed sweep reuses. Children are started by the shared
// helper, core/io/subprocess.h (argv, no shell).
#include <functional>
#include <string>
#include <vector>

namespace edgesa::sweep {

// One child to run: argv[0] is the program (a path, or a name searched in PATH); stdout and
// stderr go to `log_path`, truncated first.
struct ChildJob {
    std::vector<std::string> argv;
    std::string log_path;
    double timeout_s = 0;  // 0: no limit
};

// How a child ended.
struct ChildOutcome {
    bool started = false;  // false: the log could not be opened or fork failed (see error)
    bool timed_out = false;
    bool signaled = false;
    int exit_code = -1;  // when it exited normally
    int signal = 0;      // when killed by a signal
    double wall_s = 0;
    std::string error;
};

// Starts job i when a slot is free; calls `done(i, outcome)` in completion order. `next_job(i)`
// is called just before starting job i (lazily, so preparing a job overlaps with running ones).
// `stop` is polled; when it returns true the running children are killed and run() returns.
class ProcessPool {
  public:
    explicit ProcessPool(int jobs) : jobs_(jobs < 1 ? 1 : jobs) {}
    void run(size_t count, const std::function<ChildJob(size_t)>& next_job,
             const std::function<void(size_t, const ChildOutcome&)>& done,
             const std::function<bool()>& stop);

  private:
    int jobs_;
};

// Runs one child to completion (used for workload preparation).
ChildOutcome run_child(const ChildJob& job);

// The last `max_chars` characters of a log file, trimmed, for error messages.
std::string log_tail(const std::string& path, size_t max_chars = 400);

}  // namespace edgesa::sweep
