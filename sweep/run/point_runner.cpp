// Worker-pool execution of sweep points.
#include "run/point_runner.h"

#include <string.h>

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "run/process_pool.h"
#include "run/worker_command.h"

namespace edgesa::sweep {

PointResult finish_point(const PlannedPoint& p, bool timed_out, bool signaled, int signal,
                         int exit_code, double wall_s, const std::string& spawn_error) {
    PointResult r = p.result;
    r.wall_s = wall_s;
    const std::string log = p.dir + "/worker.log";
    if (!spawn_error.empty()) {
        r.status = "failed";
        r.error = spawn_error;
    } else if (timed_out) {
        r.status = "timeout";
        r.error = fmt::format("timed out after {} s (timeout_s in the spec)", p.timeout_s);
    } else if (signaled) {
        r.status = "crashed";
        r.error = fmt::format("worker killed by signal {} ({}): {}", signal, strsignal(signal),
                              log_tail(log));
    } else if (exit_code == 2) {
        r.status = "invalid";
        r.error = log_tail(log);
    } else if (exit_code != 0) {
        r.status = "failed";
        r.error = fmt::format("worker exit code {}: {}", exit_code, log_tail(log));
    } else {
        const std::string why = read_run_json(p.dir + "/result.json", p.metrics, r);
        r.status = why.empty() ? "ok" : "failed";
        r.error = why;
        if (r.edgesa_version.empty()) r.edgesa_version = p.result.edgesa_version;
    }
    return r;
}

RunnerStats run_points(const std::vector<const PlannedPoint*>& points, int jobs,
                       const std::function<void(const PointResult&)>& sink,
                       const std::atomic<bool>& stop) {
    using Clock = std::chrono::steady_clock;
    RunnerStats st;
    auto timed = [&](auto&& fn) {
        const auto t0 = Clock::now();
        fn();
        st.driver_s += std::chrono::duration<double>(Clock::now() - t0).count();
    };
    ProcessPool pool(jobs);
    pool.run(
        points.size(),
        [&](size_t i) {
            ChildJob job;
            timed([&] {
                const PlannedPoint& p = *points[i];
                std::filesystem::create_directories(p.dir);
                std::filesystem::remove(p.dir + "/result.json");
                write_file_atomic(p.dir + "/config.yaml", p.config_yaml);
                job.argv =
                    run_argv(p.dir + "/config.yaml", p.trace, p.mode, p.dir + "/result.json");
                job.log_path = p.dir + "/worker.log";
                job.timeout_s = p.timeout_s;
            });
            return job;
        },
        [&](size_t i, const ChildOutcome& o) {
            timed([&] {
                sink(finish_point(*points[i], o.timed_out, o.signaled, o.signal, o.exit_code,
                                  o.wall_s, o.error));
                ++st.points;
            });
        },
        [&] { return stop.load(); });
    return st;
}

}  // namespace edgesa::sweep
