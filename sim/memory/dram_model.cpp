#include "memory/dram_model.h"

#include <algorithm>

namespace edgesa::sim {

DramParams DramParams::from_config(const AccelConfig& c) {
    DramParams p;
    p.millibytes_per_cycle = std::max<int64_t>(1, c.derived.dram_millibytes_per_cycle);
    p.burst_bytes = c.dram.burst_bytes;
    p.latency_cycles = c.derived.dram_latency_cycles;
    return p;
}

DramModel::DramModel(const DramParams& p) : p_(p) {}

uint64_t DramModel::edges_to_next_move() const {
    if (read_queue_ == 0 && write_queue_ == 0) return ~0ull;
    const int64_t cost = p_.burst_bytes * 1000;
    if (credit_ + p_.millibytes_per_cycle >= cost) return 0;  // the cap is never below one burst
    // the step at cycle_ + k has credit + (k + 1) * m >= cost for the first time
    return uint64_t((cost - credit_ + p_.millibytes_per_cycle - 1) / p_.millibytes_per_cycle) - 1;
}

void DramModel::skip_idle(uint64_t n) {
    const int64_t cap = p_.millibytes_per_cycle + p_.burst_bytes * 1000;
    // min(c + n*m, cap), without overflowing for long skips
    const uint64_t room = credit_ >= cap ? 0 : uint64_t(cap - credit_);
    credit_ =
        n >= (room + uint64_t(p_.millibytes_per_cycle) - 1) / uint64_t(p_.millibytes_per_cycle)
            ? std::max(credit_, cap)
            : credit_ + int64_t(n) * p_.millibytes_per_cycle;
    cycle_ += n;
}

DramModel::StepResult DramModel::step() {
    StepResult r;
    while (!in_flight_.empty() && in_flight_.front().due_cycle <= cycle_) {
        r.read_bursts_delivered += in_flight_.front().bursts;
        in_flight_.pop_front();
    }
    const int64_t burst_cost = p_.burst_bytes * 1000;
    // The cap keeps an idle memory from banking credit for a later burst storm.
    credit_ = std::min(credit_ + p_.millibytes_per_cycle, p_.millibytes_per_cycle + burst_cost);
    uint32_t reads_now = 0;
    bool moved = false;
    while (credit_ >= burst_cost && (read_queue_ > 0 || write_queue_ > 0)) {
        bool take_read = read_queue_ > 0 && (write_queue_ == 0 || !last_was_read_);
        if (take_read) {
            --read_queue_;
            ++reads_now;
            ++read_moved_;
        } else {
            --write_queue_;
            ++r.write_bursts_done;
            ++write_moved_;
        }
        last_was_read_ = take_read;
        credit_ -= burst_cost;
        moved = true;
    }
    if (moved) ++busy_cycles_;
    if (reads_now > 0) {
        if (p_.latency_cycles == 0)
            r.read_bursts_delivered += reads_now;
        else
            in_flight_.push_back({cycle_ + uint64_t(p_.latency_cycles), reads_now});
    }
    ++cycle_;
    return r;
}

}  // namespace edgesa::sim
