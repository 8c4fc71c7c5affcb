#pragma once
// Helpers of the FPGA-flow tests: scratch directories, shell commands with their output, and a
// config derived from a shipped one by appending keys.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "run_cli.h"

namespace edgesa::test {

// A fresh scratch directory per object, removed with it.
struct FpgaScratch {
    std::filesystem::path dir;
    FpgaScratch() {
        static int n = 0;
        dir = std::filesystem::temp_directory_path() /
              ("edgesa_fpga_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~FpgaScratch() { std::filesystem::remove_all(dir); }
    std::string str() const { return dir.string(); }
};

// Runs `cmd` in sh; returns its exit status, its stdout and stderr in *out.
inline int shell(const std::string& cmd, std::string* out) {
    const std::string log =
        (std::filesystem::temp_directory_path() / ("edgesa_fpga_sh_" + std::to_string(::getpid())))
            .string();
    const int st = std::system(("(" + cmd + ") >" + log + " 2>&1").c_str());
    *out = slurp_file(log);
    std::filesystem::remove(log);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// configs/<name>.yaml with each `edits` text (which must occur) replaced and `extra` YAML lines
// appended, written into `dir`; returns its path.
inline std::string derived_config(const std::string& dir, const std::string& name,
                                  const std::vector<std::pair<std::string, std::string>>& edits,
                                  const std::string& extra) {
    std::string text = slurp_file(source_dir() + "/configs/" + name + ".yaml");
    for (const auto& [from, to] : edits) {
        const size_t at = text.find(from);
        if (at == std::string::npos) throw std::runtime_error("derived_config: no '" + from + "'");
        text.replace(at, from.size(), to);
    }
    text += "\n" + extra;
    const std::string path = dir + "/" + name + "_derived.yaml";
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    return path;
}

// The shipped configs whose generated wrappers the lint tests check.
inline const std::vector<std::string>& lint_configs() {
    static const std::vector<std::string> names = {"rtl_4x4_q3.13", "rtl_8x8_fp32",
                                                   "ice40_2x2_q3.5"};
    return names;
}

// `edgesa gen` of configs/<name>.yaml into dir/<name>; returns that folder ("" if gen failed).
inline std::string gen_shipped(const std::string& dir, const std::string& name) {
    const std::string out = dir + "/" + name;
    const auto r =
        run_edgesa("gen --config " + source_dir() + "/configs/" + name + ".yaml -o " + out);
    return r.exit_code == 0 ? out : std::string();
}

}  // namespace edgesa::test
