#include "fork_child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include <pybind11/pybind11.h>

namespace edgesa::py {

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

[[noreturn]] void child_main(int fd, const std::function<std::string()>& child) {
    ::signal(SIGINT, SIG_DFL);  // Python's handler only sets a flag nobody reads here
    std::string out;
    int rc = 0;
    try {
        out = child();
    } catch (...) {
        rc = 3;  // `child` reports its own errors in the bytes; this is a bug
    }
    if (!write_all(fd, out)) rc = 4;
    std::fflush(nullptr);
    ::_exit(rc);  // no Python finalization, atexit handlers or static destructors of the copy
}

std::string describe(int status) {
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    return "status " + std::to_string(status);
}

}  // namespace

std::string run_in_child(const std::function<std::string()>& child) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("edgesa: pipe failed");
    std::fflush(nullptr);  // C stdio buffers must not be written twice
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error("edgesa: fork failed");
    }
    if (pid == 0) {
        ::close(fds[0]);
        child_main(fds[1], child);
    }
    ::close(fds[1]);
    std::string out;
    char buf[1 << 16];
    bool interrupted = false;
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        int r;
        {
            pybind11::gil_scoped_release nogil;
            r = ::poll(&p, 1, 100);
            if (r > 0) {
                const ssize_t n = ::read(fds[0], buf, sizeof buf);
                if (n == 0) break;  // the child closed the pipe: done
                if (n > 0) out.append(buf, size_t(n));
            }
        }
        if (PyErr_CheckSignals() != 0) {
            interrupted = true;
            break;
        }
    }
    ::close(fds[0]);
    if (interrupted) ::kill(pid, SIGKILL);
    int status = 0;
    {
        pybind11::gil_scoped_release nogil;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    if (interrupted || PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || out.empty())
        throw std::runtime_error("edgesa: the simulation's child process ended without a result (" +
                                 describe(status) + ")");
    return out;
}

}  // namespace edgesa::py
