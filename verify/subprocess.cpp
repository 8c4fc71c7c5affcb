#include "subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "io/subprocess.h"

namespace edgesa::verify {

namespace {}  // namespace

nlohmann::json run_forked(const std::function<nlohmann::json()>& fn,
                          const std::string& result_path) {
    ::unlink(result_path.c_str());
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int rc = 0;
        nlohmann::json out;
        try {
            out = {{"ok", true}, {"result", fn()}};
        } catch (const std::exception& e) {
            out = {{"ok", false}, {"error", e.what()}};
            rc = 1;
        }
        try {
            write_file_atomic(result_path, out.dump());
        } catch (...) {
            rc = 2;
        }
        std::fflush(nullptr);
        ::_exit(rc);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    std::ifstream in(result_path);
    if (!in)
        throw std::runtime_error(fmt::format("child process ended with status {} and no result",
                                             decode_wait_status(status)));
    nlohmann::json j = nlohmann::json::parse(in);
    ::unlink(result_path.c_str());
    if (!j.value("ok", false))
        throw std::runtime_error(j.value("error", std::string("child failed")));
    return j["result"];
}

std::string tail_file(const std::string& path, int lines) {
    std::ifstream in(path);
    std::vector<std::string> all;
    for (std::string l; std::getline(in, l);) all.push_back(l);
    std::ostringstream os;
    for (size_t i = all.size() > size_t(lines) ? all.size() - size_t(lines) : 0; i < all.size();
         ++i)
        os << all[i] << "\n";
    return os.str();
}

}  // namespace edgesa::verify
