#include "io/output_paths.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "diag/diagnostic.h"
#include "io/atomic_file.h"

namespace edgesa {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const std::string& flag, const std::string& out, const std::string& rule) {
    throw InputError(Diagnostic{{"<command line>", 0, 0}, flag, out, rule});
}

// The same file, whether or not it exists yet (weakly_canonical resolves links and "..").
bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec1, ec2;
    if (fs::exists(a, ec1) && fs::exists(b, ec2)) {
        std::error_code ec;
        return fs::equivalent(a, b, ec);
    }
    const fs::path ca = fs::weakly_canonical(a, ec1), cb = fs::weakly_canonical(b, ec2);
    return !ec1 && !ec2 && ca == cb;
}

}  // namespace

void check_output_path(const std::string& out, const std::string& flag,
                       const std::vector<std::string>& inputs) {
    if (out.empty()) refuse(flag, "\"\"", "an output path must not be empty");
    const fs::path p(out);
    for (const auto& part : p)
        if (part.string().size() > 255)
            refuse(flag, out.substr(0, 64) + "...", "a path component is longer than 255 bytes");
    if (out.size() > 4000)
        refuse(flag, out.substr(0, 64) + "...", "the path is longer than 4000 bytes");
    std::error_code ec;
    if (fs::is_directory(p, ec)) refuse(flag, out, "is a directory; give a file name");
    for (const auto& in : inputs)
        if (!in.empty() && same_file(out, in))
            refuse(flag, out,
                   "is also an input of this command (" + in + "); write to another file");
}

std::string PendingOutputs::add(const std::string& path, const std::string& flag,
                                const std::string& suffix) {
    check_output_path(path, flag, inputs_);
    for (const auto& e : entries_)
        if (same_file(path, e.final_path))
            refuse(flag, path, "is already another output of this command");
    entries_.push_back({path, path + ".tmp." + std::to_string(::getpid()) + suffix});
    return entries_.back().temp_path;
}

void PendingOutputs::write(const std::string& path, const std::string& contents) {
    for (const auto& e : entries_)
        if (e.final_path == path) return write_file_atomic(e.temp_path, contents);
    throw std::logic_error("PendingOutputs::write: " + path + " was not registered");
}

void PendingOutputs::commit() {
    for (const auto& e : entries_) {
        std::error_code ec;
        if (!fs::exists(e.temp_path, ec)) continue;
        if (std::rename(e.temp_path.c_str(), e.final_path.c_str()) != 0)
            throw std::runtime_error(e.final_path + ": cannot write: " + std::strerror(errno));
    }
    committed_ = true;
}

PendingOutputs::~PendingOutputs() {
    if (committed_) return;
    for (const auto& e : entries_) std::remove(e.temp_path.c_str());
}

}  // namespace edgesa
