#pragma once
// Runs the built edgesa binary (path from $EDGESA_BIN) and captures stdout, stderr and exit code.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace edgesa::test {

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

inline std::string slurp_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string source_dir() {
    const char* s = std::getenv("EDGESA_SOURCE_DIR");
    return s ? s : EDGESA_SOURCE_PATH;
}

// `args` is appended to the binary path as shell words; the caller quotes what needs quoting.
inline CliResult run_edgesa(const std::string& args) {
    const char* bin = std::getenv("EDGESA_BIN");
    if (!bin) bin = EDGESA_BIN_PATH;
    static int counter = 0;
    const std::string base =
        "/tmp/edgesa_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const std::string cmd =
        std::string(bin ? bin : "edgesa") + " " + args + " >" + base + ".out 2>" + base + ".err";
    const int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp_file(base + ".out");
    r.err = slurp_file(base + ".err");
    std::remove((base + ".out").c_str());
    std::remove((base + ".err").c_str());
    return r;
}

}  // namespace edgesa::test
