// fork/exec process pool with per-child timeouts.
#include "run/process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace edgesa::sweep {
namespace {

using Clock = std::chrono::steady_clock;

struct Running {
    size_t index;
    Clock::time_point start;
    double timeout_s;
    bool timed_out = false;
};

pid_t spawn(const ChildJob& job, std::string& error) {
    std::vector<char*> argv;
    for (const auto& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        error = std::string("fork failed: ") + std::strerror(errno);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);                     // own group: a timeout kills the worker and its children
        prctl(PR_SET_PDEATHSIG, SIGKILL);  // die with the driver
        if (getppid() != parent) _exit(127);  // the driver died before prctl
        signal(SIGINT, SIG_DFL);
        const int fd = open(job.log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        execv(argv[0], argv.data());
        dprintf(2, "cannot execute %s: %s\n", argv[0], std::strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    return pid;
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
