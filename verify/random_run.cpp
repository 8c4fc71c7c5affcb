#include "random_run.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "diag/diagnostic.h"
#include "io/atomic_file.h"
#include "io/npy.h"
#include "random_cases.h"
#include "runner_cache.h"
#include "verify_run.h"

namespace fs = std::filesystem;

namespace edgesa::verify {

namespace {

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// The case as files: config.yaml, trace.yaml and its tensors in `dir`.
void write_case(const std::string& dir, const std::string& config_yaml, const RandomCase& c) {
    fs::create_directories(fs::path(dir) / "tensors");
    for (const auto& t : c.tensors) write_npy((fs::path(dir) / t.file).string(), t.data);
    write_file_atomic((fs::path(dir) / "config.yaml").string(), config_yaml);
    write_file_atomic((fs::path(dir) / "trace.yaml").string(), c.trace_yaml);
}

// repro.sh: the exact `edgesa verify` of the case, from its folder.
std::string repro_script(const RandomOptions& o, const RandomCase& c, int group) {
    std::string cache;
    if (!o.cache_dir.empty()) cache = " --cache-dir " + quoted(fs::absolute(o.cache_dir).string());
    return fmt::format(
        "#!/bin/sh\n"
        "# edgesa verify --random {} --seed {}: case {} (config {} of the seed).\n"
        "# Reproduces the mismatch in report.txt; writes both sides' waveforms into ./work.\n"
        "cd \"$(dirname \"$0\")\" || exit 2\n"
        "exec \"${{EDGESA:-{}}}\" verify --config config.yaml --workload trace.yaml --reference "
        "\\\n"
        "    --work-dir work{} \"$@\"\n",
        o.count, o.seed, c.index, group, o.edgesa_path, cache);
}

// Keeps a mismatching case: its files, the reports and repro.sh in DIR/case-<S>-<i>/.
std::string keep_case(const RandomOptions& o, const std::string& case_dir, const RandomCase& c,
                      int group) {
    const fs::path dst = fs::path(o.out_dir) / fmt::format("case-{}-{}", o.seed, c.index);
    fs::remove_all(dst);
    fs::create_directories(dst);
    for (const char* f : {"config.yaml", "trace.yaml", "report.txt", "report.json"})
        if (fs::exists(fs::path(case_dir) / f)) fs::copy_file(fs::path(case_dir) / f, dst / f);
    if (!c.tensors.empty())
        fs::copy(fs::path(case_dir) / "tensors", dst / "tensors", fs::copy_options::recursive);
    const fs::path sh = dst / "repro.sh";
    write_file_atomic(sh.string(), repro_script(o, c, group));
    fs::permissions(sh, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
    return dst.string();
}

}  // namespace

uint64_t run_verify_random(const RandomOptions& o) {
    const std::vector<RandomGroup> groups = draw_random_cases(o.seed, int(o.count), o.per_config);
    if (o.list_only) {
        for (const RandomGroup& g : groups) {
            fmt::print("config {}: {}\n", g.index, g.summary);
            for (const RandomCase& c : g.cases)
                fmt::print("  case {}-{}: {}\n", o.seed, c.index, c.summary);
        }
        return 0;
    }
    const bool temp_work = o.work_dir.empty();
    const std::string root = make_work_dir(o.work_dir);
    fmt::print("verify --random: {} cases of seed {} in {} configs ({} per config), work dir {}\n",
               o.count, o.seed, groups.size(), o.per_config, root);
    std::fflush(stdout);
    uint64_t bad = 0, done = 0;
    for (const RandomGroup& g : groups) {
        const std::string gdir = (fs::path(root) / fmt::format("config-{}", g.index)).string();
        // Every case through the normal readers first: a drawn config or trace that does not
        // load is a defect of the drawer, reported like any bad input (exit 2).
        std::vector<VerifyTarget> targets;
        std::vector<std::string> case_dirs;
        for (const RandomCase& c : g.cases) {
            const std::string dir = (fs::path(gdir) / fmt::format("case-{}", c.index)).string();
            write_case(dir, g.config_yaml, c);
            VerifyOptions vo;
            vo.config = (fs::path(dir) / "config.yaml").string();
            vo.workload = (fs::path(dir) / "trace.yaml").string();
            targets.push_back(load_target(vo));
            case_dirs.push_back(dir);
        }
        const AccelConfig& cfg = targets.front().cfg;
        RunnerCacheOptions copt{o.cache_dir, targets.front().config_path, {}, ""};
        RunnerBuild runner;
        std::string build_error;
        std::FILE* blog = std::fopen((fs::path(gdir) / "build.log").c_str(), "w");
        try {
            runner = ensure_runner(cfg, copt, blog ? blog : stderr);
        } catch (const std::exception& e) {
            build_error = e.what();
        }
        if (blog) std::fclose(blog);
        fmt::print("config {} ({}): {}: runner {}\n", g.index, cfg.derived.hash, g.summary,
                   !build_error.empty() ? "FAILED to build"
                   : runner.reused      ? "reused"
                                        : fmt::format("built in {:.0f} s", runner.seconds));
        std::fflush(stdout);
        for (size_t k = 0; k < g.cases.size(); ++k) {
            const RandomCase& c = g.cases[k];
            const std::string& dir = case_dirs[k];
            CheckResult r;
            if (!build_error.empty()) {
                r.match = false;
                r.first = "the Verilator build failed: " + build_error;
                write_file_atomic((fs::path(dir) / "report.txt").string(), r.first + "\n");
            } else {
                std::FILE* rep = std::fopen((fs::path(dir) / "report.txt").c_str(), "w");
                if (!rep) throw std::runtime_error("cannot write " + dir + "/report.txt");
                CheckOptions co;
                co.work_dir = (fs::path(dir) / "work").string();
                fs::create_directories(co.work_dir);
                co.json_out = (fs::path(dir) / "report.json").string();
                co.waveforms = false;  // repro.sh writes them
                co.reference = true;
                co.out = rep;
                try {
                    r = check_target(targets[k], runner, co);
                } catch (const std::exception& e) {
                    r.match = false;
                    r.first = fmt::format("the check failed: {}", e.what());
                    fmt::print(rep, "verify: {}\n", r.first);
                }
                std::fclose(rep);
            }
            ++done;
            std::string where;
            if (!r.match) {
                ++bad;
                where = fmt::format("\n    {}\n    -> {}", r.first, keep_case(o, dir, c, g.index));
            }
            fmt::print("case {}-{:<4} {:<8} {}  {}{}\n", o.seed, c.index,
                       r.match ? "ok" : "MISMATCH", cfg.derived.hash, c.summary, where);
            std::fflush(stdout);
        }
    }
    fmt::print("verify --random: {} of {} cases match, {} mismatch (seed {}){}\n", done - bad, done,
               bad, o.seed,
               bad ? fmt::format("; folders in {}", fs::absolute(o.out_dir).string()) : "");
    std::fflush(stdout);
    if (temp_work) fs::remove_all(root);
    return bad;
}

}  // namespace edgesa::verify
