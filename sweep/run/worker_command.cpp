// Command lines of sweep children (see worker_command.h).
#include "run/worker_command.h"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace edgesa::sweep {

std::string child_executable() {
    if (const char* w = std::getenv("EDGESA_SWEEP_WORKER"); w && *w) return w;
    char buf[4096];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) throw std::runtime_error("cannot find the edgesa executable (/proc/self/exe)");
    return std::string(buf, size_t(n));
}

std::vector<std::string> run_argv(const std::string& config_yaml, const std::string& trace,
                                  const std::string& mode, const std::string& result_json) {
    return {child_executable(), "run", "--config", config_yaml, "--workload", trace,
            "--mode",           mode,  "--json",   result_json};
}

std::vector<std::string> zoo_argv(const std::string& network, const std::string& out_trace) {
    return {child_executable(), "trace", "zoo", network, "-o", out_trace};
}

std::vector<std::string> transform_argv(
    const std::string& op, const std::string& in_trace, const std::string& out_trace,
    const std::vector<std::pair<std::string, std::string>>& args) {
    std::vector<std::string> a = {child_executable(), "trace", op, in_trace, "-o", out_trace};
    for (const auto& [k, v] : args) {
        a.push_back("--" + k);
        a.push_back(v);
    }
    return a;
}

}  // namespace edgesa::sweep
