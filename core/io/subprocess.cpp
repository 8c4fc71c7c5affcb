#include "io/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace edgesa {
namespace {

// The parent's environment without make's jobserver variables.
std::vector<std::string> child_environment() {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) {
        const std::string kv = *e;
        const std::string key = kv.substr(0, kv.find('='));
        if (key == "MAKEFLAGS" || key == "MFLAGS" || key == "MAKELEVEL") continue;
        env.push_back(kv);
    }
    return env;
}

std::vector<char*> c_strings(const std::vector<std::string>& v) {
    std::vector<char*> out;
    for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

void write_str(int fd, const char* s) {
    (void)!::write(fd, s, std::strlen(s));
}

}  // namespace

int decode_wait_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

pid_t spawn_process(const std::vector<std::string>& argv, const SpawnOptions& opt) {
    if (argv.empty()) throw std::logic_error("spawn_process: empty argv");
    int fd = -1;
    if (!opt.log_path.empty()) {
        const int mode = opt.truncate_log ? O_TRUNC : O_APPEND;
        fd = ::open(opt.log_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | mode, 0644);
        if (fd < 0)
            throw std::runtime_error(opt.log_path +
                                     ": cannot open log file: " + std::strerror(errno));
    }
    // Everything the child needs is built before fork: between fork and exec the child only
    // calls async-signal-safe functions.
    const std::vector<std::string> env = child_environment();
    std::vector<char*> args = c_strings(argv), envp = c_strings(env);
    const std::string cannot = "cannot execute " + argv[0] + ": ";
    const pid_t parent = ::getpid();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        throw std::runtime_error(argv[0] + ": cannot start: " + std::strerror(err));
    }
    if (pid == 0) {
        if (opt.own_process_group) ::setpgid(0, 0);
        if (opt.die_with_parent) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
        }
        ::signal(SIGINT, SIG_DFL);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execvpe(args[0], args.data(), envp.data());
        const int err = errno;
        write_str(2, cannot.c_str());
        write_str(2, std::strerror(err));
        write_str(2, "\n");
        ::_exit(127);
    }
    if (opt.own_process_group) ::setpgid(pid, pid);  // also here: no race with a kill(-pid)
    if (fd >= 0) ::close(fd);
    return pid;
}

int wait_process(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return 127;
    return decode_wait_status(status);
}

int run_logged(const std::vector<std::string>& argv, const std::string& log_path) {
    SpawnOptions opt;
    opt.log_path = log_path;
    return wait_process(spawn_process(argv, opt));
}

}  // namespace edgesa
