// Progress bar and per-point lines.
#include "run/progress.h"

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace edgesa::sweep {
namespace {

std::string duration(double s) {
    if (s < 0 || s > 1e7) return "?";
    const int64_t t = int64_t(s + 0.5);
    if (t >= 3600) return fmt::format("{}h{:02}m", t / 3600, (t / 60) % 60);
    if (t >= 60) return fmt::format("{}m{:02}s", t / 60, t % 60);
    return fmt::format("{}s", t);
}

}  // namespace

Progress::Progress(int64_t total, int64_t already_done, bool interactive)
    : total_(total),
      skipped_(already_done),
      interactive_(interactive),
      start_(std::chrono::steady_clock::now()) {
    if (skipped_ > 0)
        fmt::print("{} of {} points already in the database, skipped\n", skipped_, total_);
    std::fflush(stdout);
}

void Progress::point_done(const PointResult& r) {
    ++done_;
    if (r.status != "ok") ++failed_;
    if (interactive_) {
        draw();
        return;
    }
    std::string params;
    const nlohmann::json pj = nlohmann::json::parse(r.params);
    for (auto it = pj.begin(); it != pj.end(); ++it)
        params += " " + it.key() + "=" + it->get<std::string>();
    std::string metric;
    for (const auto& [k, v] : r.metrics)
        if (k == "cycles") metric = fmt::format(" cycles={}", int64_t(v));
    fmt::print("[{}/{}] {:<7} {} {}{}{} {:.2f}s{}\n", skipped_ + done_, total_, r.status,
               r.point_id, r.workload, params, metric, r.wall_s,
               r.error.empty() ? "" : "  " + r.error.substr(0, 200));
    std::fflush(stdout);
}

void Progress::draw() {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? done_ / elapsed * 60 : 0;  // points per minute
    const int64_t remaining = total_ - skipped_ - done_;
    const double eta = done_ > 0 ? elapsed / done_ * remaining : -1;
    const int width = 30;
    const int filled = total_ ? int(width * (skipped_ + done_) / total_) : width;
    fmt::print("\r[{}{}] {}/{} done, {} failed, {:.1f} pts/min, ETA {}   ",
               std::string(filled, '#'), std::string(width - filled, '.'), skipped_ + done_, total_,
               failed_, rate, duration(eta));
    std::fflush(stdout);
}

void Progress::finish() {
    if (interactive_) {
        draw();
        fmt::print("\n");
    }
    std::fflush(stdout);
}

}  // namespace edgesa::sweep
