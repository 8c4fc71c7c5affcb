#include "io/forked_call.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace edgesa {
namespace {

bool write_all(int fd, const std::string& s) {
    for (size_t done = 0; done < s.size();) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += size_t(n);
    }
    return true;
}

[[noreturn]] void child_main(int fd, const std::function<std::string()>& fn) {
    ::signal(SIGINT, SIG_DFL);  // the parent's handler (Python's, the sweep's) is not for a copy
    std::string out;
    int rc = 0;
    try {
        out = fn();
    } catch (...) {
        rc = 3;
    }
    if (rc == 0 && !write_all(fd, out)) rc = 4;
    std::fflush(nullptr);
    ::_exit(rc);
}

std::string describe(int status) {
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    return "status " + std::to_string(status);
}

}  // namespace

std::string call_in_child(const std::function<std::string()>& fn,
                          const std::function<bool()>& keep_waiting) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    std::fflush(nullptr);  // C stdio buffers must not be written twice
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error(std::string("cannot fork: ") + std::strerror(err));
    }
    if (pid == 0) {
        ::close(fds[0]);
        child_main(fds[1], fn);
    }
    ::close(fds[1]);
    std::string out;
    char buf[1 << 16];
    bool cancelled = false;
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const int r = ::poll(&p, 1, 100);
        if (r > 0) {
            const ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n == 0) break;  // the child closed the pipe: done
            if (n > 0) out.append(buf, size_t(n));
            if (n < 0 && errno != EINTR && errno != EAGAIN) break;
        } else if (r < 0 && errno != EINTR) {
            break;
        }
        if (keep_waiting && !keep_waiting()) {
            cancelled = true;
            break;
        }
    }
    ::close(fds[0]);
    if (cancelled) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (cancelled) throw ForkedCallCancelled();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("the child process ended without a result (" + describe(status) +
                                 ")");
    return out;
}

}  // namespace edgesa
