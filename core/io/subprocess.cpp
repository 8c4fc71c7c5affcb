#include "io/subprocess.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace edgesa {

int decode_wait_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

int run_logged(const std::vector<std::string>& argv, const std::string& log_path) {
    if (argv.empty()) throw std::logic_error("run_logged: empty argv");
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error(log_path + ": cannot open log file: " + std::strerror(errno));
    std::vector<char*> args;  // built before fork: the child only calls async-signal-safe functions
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fd);
        throw std::runtime_error(argv[0] + ": cannot start: " + std::strerror(errno));
    }
    if (pid == 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::unsetenv("MAKEFLAGS");
        ::unsetenv("MFLAGS");
        ::unsetenv("MAKELEVEL");
        ::execvp(args[0], args.data());
        static const char msg[] = "cannot run the program (execvp failed)\n";
        (void)!::write(2, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return 127;
    return decode_wait_status(status);
}

}  // namespace edgesa
