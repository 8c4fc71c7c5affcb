// Workload preparation through `edgesa trace ...` children.
#include "run/workload_prep.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "run/process_pool.h"
#include "run/worker_command.h"
#include "util/hash.h"

namespace edgesa::sweep {
namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

const PreparedWorkload& WorkloadPreparer::get(const SweepPoint& p) {
    const WorkloadSpec& w = spec_.workloads[p.workload];
    // The recipe: source, then every step with its arguments after axis overrides.
    std::string recipe = w.trace.empty() ? "zoo:" + w.zoo : "trace:" + w.trace;
    std::vector<std::vector<std::pair<std::string, std::string>>> step_args;
    for (const auto& t : w.transforms) {
        auto args = t.args;
        for (const auto& [key, value] : p.transform_args) {
            const size_t dot = key.find('.');
            if (key.substr(0, dot) != t.op) continue;
            const std::string arg = key.substr(dot + 1);
            bool replaced = false;
            for (auto& a : args)
                if (a.first == arg) a.second = value, replaced = true;
            if (!replaced) args.emplace_back(arg, value);
        }
        recipe += "|" + t.op;
        for (const auto& [k, v] : args) recipe += " --" + k + " " + v;
        step_args.push_back(std::move(args));
    }
    auto it = cache_.find(recipe);
    if (it != cache_.end()) return it->second;

    PreparedWorkload pw;
    if (w.trace.empty() || !w.transforms.empty()) {
        namespace fs = std::filesystem;
        const std::string dir =
            work_dir_ + "/workloads/" + w.name + "-" + hash_hex(recipe).substr(0, 12);
        fs::create_directories(dir);
        std::string current = w.trace;
        std::vector<ChildJob> steps;
        if (w.trace.empty()) {
            current = dir + "/0-zoo.trace";
            steps.push_back({zoo_argv(w.zoo, current), dir + "/0-zoo.log", 0});
        }
        for (size_t i = 0; i < w.transforms.size(); ++i) {
            const std::string out = fmt::format("{}/{}-{}.trace", dir, i + 1, w.transforms[i].op);
            steps.push_back({transform_argv(w.transforms[i].op, current, out, step_args[i]),
                             fmt::format("{}/{}-{}.log", dir, i + 1, w.transforms[i].op), 0});
            current = out;
        }
        const std::string done_mark = dir + "/done";
        if (!fs::exists(done_mark)) {  // a finished preparation is reused by --resume
            for (const auto& job : steps) {
                const ChildOutcome o = run_child(job);
                if (!o.started || o.signaled || o.exit_code != 0) {
                    pw.error = fmt::format("workload {}: `{} {}` failed: {}", w.name, job.argv[1],
                                           job.argv[2],
                                           o.error.empty() ? log_tail(job.log_path) : o.error);
                    break;
                }
            }
            if (pw.error.empty()) std::ofstream(done_mark) << recipe << "\n";
        }
        pw.trace = current;
    } else {
        pw.trace = w.trace;
    }
    if (pw.error.empty()) pw.hash = hash_hex(read_all(pw.trace));
    return cache_.emplace(recipe, pw).first->second;
}

}  // namespace edgesa::sweep
