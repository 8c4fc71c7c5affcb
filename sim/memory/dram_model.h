#pragma once
// Plain C++ cycle model of the DRAM interface, shared by the SystemC wrapper and the Verilator
// testbench so both see identical stalls (docs/architecture.md, "DRAM"). No SystemC here.
#include <cstdint>
#include <deque>

#include "config/accel_config.h"

namespace edgesa::sim {

// DRAM timing parameters in cycles, from the config's derived values.
struct DramParams {
    int64_t millibytes_per_cycle =
        1000;  // bandwidth credit gained per cycle (thousandths of a byte)
    int64_t burst_bytes = 32;
    int64_t latency_cycles = 0;  // burst moved at cycle c -> data delivered at c + latency
    static DramParams from_config(const AccelConfig& c);
};

// Bandwidth-credit DRAM with separate read and write queues sharing one budget.
class DramModel {
  public:
    explicit DramModel(const DramParams& p);

    void push_read(uint64_t bursts) { read_queue_ += bursts; }
    void push_write(uint64_t bursts) { write_queue_ += bursts; }

    struct StepResult {
        uint32_t read_bursts_delivered = 0;  // data arriving at the requester this cycle
        uint32_t write_bursts_done = 0;      // write bursts moved this cycle
    };
    // Advances one cycle: deliver due reads, add credit, move as many bursts as credit allows
    // (alternating read and write heads when both wait).
    StepResult step();
    // Edges until the next read delivery (max when none is in flight).
    uint64_t edges_to_next_delivery() const {
        return in_flight_.empty() ? ~0ull : in_flight_.front().due_cycle - cycle_;
    }
    // Steps from now before a queued burst can move (max when both queues are empty): the
    // credit only grows until then.
    uint64_t edges_to_next_move() const;
    // Advances `n` cycles in which no burst moves and no read is delivered (n no larger than
    // both horizons above): exactly what n calls of step() do then (credit grows to its cap).
    void skip_idle(uint64_t n);

    uint64_t cycle() const { return cycle_; }
    bool idle() const { return read_queue_ == 0 && write_queue_ == 0 && in_flight_.empty(); }
    uint64_t reads_waiting() const { return read_queue_; }
    uint64_t writes_waiting() const { return write_queue_; }
    uint64_t read_bursts_moved() const { return read_moved_; }
    uint64_t write_bursts_moved() const { return write_moved_; }
    uint64_t busy_cycles() const { return busy_cycles_; }
    const DramParams& params() const { return p_; }

  private:
    struct InFlight {
        uint64_t due_cycle;
        uint32_t bursts;
    };
    DramParams p_;
    int64_t credit_ = 0;       // millibytes
    uint64_t read_queue_ = 0;  // bursts waiting
    uint64_t write_queue_ = 0;
    bool last_was_read_ = false;
    std::deque<InFlight> in_flight_;
    uint64_t cycle_ = 0;
    uint64_t read_moved_ = 0, write_moved_ = 0, busy_cycles_ = 0;
};

}  // namespace edgesa::sim
