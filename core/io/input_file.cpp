#include "io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "diag/diagnostic.h"

namespace edgesa {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& rule) {
    throw InputError(Diagnostic{{path, 0, 0}, "", "", rule});
}

// Closes the descriptor on every path out of read_input_file.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

bool is_regular_file(const std::string& path) {
    struct stat sb;
    return ::stat(path.c_str(), &sb) == 0 && S_ISREG(sb.st_mode);
}

std::string read_input_file(const std::string& path, const std::string& what, uint64_t max_bytes) {
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (f.fd < 0) fail(path, fmt::format("cannot open {}: {}", what, std::strerror(errno)));
    struct stat sb;
    if (::fstat(f.fd, &sb) != 0)
        fail(path, fmt::format("cannot read {}: {}", what, std::strerror(errno)));
    if (S_ISDIR(sb.st_mode)) fail(path, fmt::format("{} is a directory", what));
    if (!S_ISREG(sb.st_mode))
        fail(path, fmt::format("{} must be a regular file (not a device, FIFO or socket)", what));
    if (uint64_t(sb.st_size) > max_bytes)
        fail(path, fmt::format("{} is {} bytes; the limit is {} bytes", what, uint64_t(sb.st_size),
                               max_bytes));
    std::string out(size_t(sb.st_size), '\0');
    size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::read(f.fd, &out[got], out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(path, fmt::format("cannot read {}: {}", what, std::strerror(errno)));
        if (n == 0) break;  // shrank while we read
        got += size_t(n);
    }
    out.resize(got);
    return out;
}

}  // namespace edgesa
