// Process pool with per-child timeouts, on the shared subprocess helper.
#include "run/process_pool.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "io/subprocess.h"

namespace edgesa::sweep {
namespace {

using Clock = std::chrono::steady_clock;

struct Running {
    size_t index;
    Clock::time_point start;
    double timeout_s;
    bool timed_out = false;
};

// Starts a job with the shared helper (core/io/subprocess.h): its own process group (a timeout
// kills the worker and its children) and death with the driver.
pid_t spawn(const ChildJob& job, std::string& error) {
    SpawnOptions opt;
    opt.log_path = job.log_path;
    opt.truncate_log = true;
    opt.own_process_group = true;
    opt.die_with_parent = true;
    try {
        return spawn_process(job.argv, opt);
    } catch (const std::exception& e) {
        error = e.what();
        return -1;
    }
}

ChildOutcome outcome_of(int status, const Running& r) {
    ChildOutcome o;
    o.started = true;
    o.timed_out = r.timed_out;
    o.wall_s = std::chrono::duration<double>(Clock::now() - r.start).count();
    if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
        o.signaled = true;
        o.signal = WTERMSIG(status);
    }
    return o;
}

}  // namespace

void ProcessPool::run(size_t count, const std::function<ChildJob(size_t)>& next_job,
                      const std::function<void(size_t, const ChildOutcome&)>& done,
                      const std::function<bool()>& stop) {
    std::map<pid_t, Running> running;
    size_t next = 0;
    while (next < count || !running.empty()) {
        if (stop()) {
            for (const auto& [pid, r] : running) kill(-pid, SIGKILL);
            for (const auto& [pid, r] : running) waitpid(pid, nullptr, 0);
            return;
        }
        while (next < count && running.size() < size_t(jobs_)) {
            const size_t i = next++;
            const ChildJob job = next_job(i);
            if (job.argv.empty()) continue;  // nothing to run (already decided by next_job)
            std::string err;
            const pid_t pid = spawn(job, err);
            if (pid < 0) {
                ChildOutcome o;
                o.error = err;
                done(i, o);
                continue;
            }
            running[pid] = {i, Clock::now(), job.timeout_s};
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            auto it = running.find(pid);
            if (it == running.end()) continue;
            const Running r = it->second;
            running.erase(it);
            done(r.index, outcome_of(status, r));
            continue;
        }
        const auto now = Clock::now();
        for (auto& [p, r] : running)
            if (r.timeout_s > 0 && !r.timed_out &&
                std::chrono::duration<double>(now - r.start).count() > r.timeout_s) {
                r.timed_out = true;
                kill(-p, SIGKILL);
            }
        if (!running.empty()) std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
}

ChildOutcome run_child(const ChildJob& job) {
    ChildOutcome result;
    ProcessPool pool(1);
    pool.run(
        1, [&](size_t) { return job; }, [&](size_t, const ChildOutcome& o) { result = o; },
        [] { return false; });
    return result;
}

std::string log_tail(const std::string& path, size_t max_chars) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    if (s.size() > max_chars) s = "..." + s.substr(s.size() - max_chars);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

}  // namespace edgesa::sweep
