#include "runner_cache.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "generator.h"
#include "io/atomic_file.h"
#include "subprocess.h"
#include "util/hash.h"
#include "version.h"

#ifndef EDGESA_SOURCE_DIR
#error "EDGESA_SOURCE_DIR must be defined by verify/CMakeLists.txt"
#endif
#ifndef EDGESA_VERILATOR_BIN
#define EDGESA_VERILATOR_BIN "verilator"
#endif
#ifndef EDGESA_CORE_INCLUDE_BIN
#define EDGESA_CORE_INCLUDE_BIN ""
#endif

namespace fs = std::filesystem;

namespace edgesa::verify {

namespace {

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

// The Verilated top of each runner and its testbench main (verify/rtl_runner/): the headers
// there (runner_common.h) are shared and part of the digest.
struct RunnerTop {
    const char* module;
    const char* main_source;
};
RunnerTop runner_top(const std::string& top) {
    if (top == "axi") return {"edgesa_axi_top", "axi_runner_main.cpp"};
    if (top == "core") return {"edgesa_top", "rtl_runner_main.cpp"};
    throw std::logic_error("no RTL runner for top " + top);
}

// The runner's C++ sources: the top's testbench plus the DRAM model both sides share.
std::vector<fs::path> runner_sources(const fs::path& src, const RunnerTop& top) {
    const fs::path main = src / "verify" / "rtl_runner" / top.main_source;
    if (!fs::exists(main))
        throw std::runtime_error(fmt::format(
            "no runner source {} (set EDGESA_SOURCE_DIR to the edgesa checkout)", main.string()));
    return {main, src / "sim" / "memory" / "dram_model.cpp"};
}

// Digest of everything that goes into the executable besides the toolchain: the RTL bodies (not
// the headers, which name the output path), the runner's sources and headers, and the DRAM model
// and config headers it includes.
std::string content_digest(const std::vector<gen::VerilogUnit>& units,
                           const std::vector<fs::path>& sources, const fs::path& src,
                           const std::string& flags) {
    uint64_t h = fnv1a64(std::string(EDGESA_VERSION) + "\n" + flags);
    for (const auto& u : units) h = fnv1a64(u.module + "\n" + u.body, h);
    std::vector<fs::path> files = sources;
    for (const auto& e : fs::directory_iterator(src / "verify" / "rtl_runner"))
        if (e.path().extension() == ".h") files.push_back(e.path());
    files.push_back(src / "sim" / "memory" / "dram_model.h");
    files.push_back(src / "core" / "config" / "accel_config.h");
    std::sort(files.begin(), files.end());
    for (const auto& f : files) h = fnv1a64(f.filename().string() + "\n" + read_text(f), h);
    return fmt::format("{:016x}", h);
}

// Temporary build directories (.tmp-<key>-<pid>) of processes that no longer exist: a build that
// was killed. Never read as an entry; removed here so they do not pile up.
void remove_dead_builds(const fs::path& cache) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache, ec)) {
        const std::string n = e.path().filename().string();
        if (n.rfind(".tmp-", 0) != 0 && n.rfind(".old-", 0) != 0) continue;
        const long pid = std::strtol(n.substr(n.rfind('-') + 1).c_str(), nullptr, 10);
        if (pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
    }
}

}  // namespace

std::string default_cache_dir() {
    if (const char* v = std::getenv("EDGESA_VERIFY_CACHE"); v && *v) return v;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        return (fs::path(x) / "edgesa" / "verify").string();
    return (fs::path(env_or("HOME", "/tmp")) / ".cache" / "edgesa" / "verify").string();
}

std::string cache_key(const AccelConfig& cfg, const std::set<gen::Fault>& faults,
                      const std::string& suffix) {
    std::string key = cfg.derived.hash + "-" + EDGESA_VERSION;
    for (gen::Fault f : faults) key += "-" + gen::fault_name(f);
    if (!suffix.empty()) key += "-" + suffix;
    return key;
}

std::string source_dir() {
    return env_or("EDGESA_SOURCE_DIR", EDGESA_SOURCE_DIR);
}

RunnerBuild ensure_runner(const AccelConfig& cfg, const RunnerCacheOptions& opt, std::FILE* log) {
    const fs::path src = source_dir();
    const fs::path cache = opt.cache_dir.empty() ? default_cache_dir() : opt.cache_dir;
    const RunnerTop top = runner_top(opt.top);
    const std::string key = cache_key(cfg, opt.faults, opt.key_suffix) +
                            (opt.top == "core" ? "" : "-" + opt.top) + (opt.trace ? "-trace" : "");
    const fs::path entry = cache / key;
    const auto sources = runner_sources(src, top);
    const auto units = gen::generate_units(cfg, opt.faults);
    const std::string opt_fast = env_or("EDGESA_VERIFY_OPT_FAST", "-O1");
    const std::string opt_slow = env_or("EDGESA_VERIFY_OPT_SLOW", "-O0");
    // The compiler levels are part of the digest: changing them rebuilds the entry.
    const std::string digest = content_digest(units, sources, src, opt_fast + " " + opt_slow);

    RunnerBuild b;
    b.dir = entry.string();
    b.exe = (entry / "obj" / "edgesa_rtl_runner").string();
    if (fs::exists(b.exe) && read_text(entry / "digest") == digest + "\n") {
        b.reused = true;
        fmt::print(log, "verify: reusing cached RTL runner {}\n", b.dir);
        return b;
    }

    const auto t0 = std::chrono::steady_clock::now();
    fs::create_directories(cache);
    remove_dead_builds(cache);
    const fs::path tmp = cache / fmt::format(".tmp-{}-{}", key, ::getpid());
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    gen::GenOptions gopt{opt.config_path, (entry / "rtl").string(), opt.faults, {}, {}};
    gen::write_design((tmp / "rtl").string(), gen::generate_design(cfg, gopt));

    const std::string log_path = (tmp / "verilator.log").string();
    // No --trace unless asked; files split at 20000 statements and functions at 5000, so that
    // make -j 2 has many small translation units; GCC levels set by Verilator's OPT_FAST
    // (the per-edge code), OPT_SLOW (construction, initial settle) and OPT_GLOBAL (its runtime).
    std::vector<std::string> argv = {env_or("EDGESA_VERILATOR", EDGESA_VERILATOR_BIN),
                                     "--cc",
                                     "--exe",
                                     "--build",
                                     "-O2",
                                     "-j",
                                     "2",
                                     "--output-split",
                                     "20000",
                                     "--output-split-cfuncs",
                                     "5000",
                                     "--x-assign",
                                     "fast",
                                     "--x-initial",
                                     "fast",
                                     "-Wno-fatal",
                                     "--top-module",
                                     top.module,
                                     "--prefix",
                                     std::string("V") + top.module,
                                     "--Mdir",
                                     (tmp / "obj").string(),
                                     "-o",
                                     "edgesa_rtl_runner",
                                     "-y",
                                     (tmp / "rtl").string(),
                                     (tmp / "rtl" / (std::string(top.module) + ".v")).string()};
    if (opt.trace) argv.insert(argv.begin() + 4, "--trace");
    for (const auto& s : sources) argv.push_back(s.string());
    std::string cflags = "-std=c++17";
    for (const std::string inc :
         {(src / "core").string(), (src / "sim").string(), (src / "verify").string(),
          (src / "verify" / "rtl_runner").string(), std::string(EDGESA_CORE_INCLUDE_BIN)})
        if (!inc.empty()) cflags += " -I" + inc;
    argv.insert(argv.end(),
                {"-CFLAGS", cflags, "-LDFLAGS", "-lfmt", "-MAKEFLAGS", "OPT_FAST=" + opt_fast,
                 "-MAKEFLAGS", "OPT_SLOW=" + opt_slow, "-MAKEFLAGS", "OPT_GLOBAL=" + opt_fast});

    fmt::print(log,
               "verify: building the {}RTL runner of {} for config {} in {} (Verilator, -j 2)\n",
               opt.trace ? "traced " : "", top.module, cfg.derived.hash, b.dir);
    std::fflush(log);
    const int rc = run_logged(argv, log_path);
    if (rc != 0 || !fs::exists(tmp / "obj" / "edgesa_rtl_runner")) {
        // Keep the log where the user can read it; the temporary build itself is removed.
        const fs::path kept = cache / (key + ".failed.log");
        std::error_code ec;
        fs::copy_file(log_path, kept, fs::copy_options::overwrite_existing, ec);
        const std::string tail = tail_file(log_path, 20);
        fs::remove_all(tmp, ec);
        throw std::runtime_error(fmt::format(
            "building the RTL runner failed (exit {}); log: {}\n{}", rc, kept.string(), tail));
    }
    write_file_atomic((tmp / "digest").string(), digest + "\n");
    // Move into place: a stale entry goes first; if another process won the race, use its entry.
    std::error_code ec;
    if (fs::exists(entry)) {
        const fs::path old = cache / fmt::format(".old-{}-{}", key, ::getpid());
        fs::rename(entry, old, ec);
        fs::remove_all(old, ec);
    }
    fs::rename(tmp, entry, ec);
    if (ec) fs::remove_all(tmp, ec);
    b.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print(log, "verify: built the RTL runner in {:.1f} s\n", b.seconds);
    return b;
}

}  // namespace edgesa::verify
