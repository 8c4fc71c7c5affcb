// The plain C++ DRAM model (shared with the Verilator testbench): latency, bandwidth credit,
// read/write alternation.
#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include "memory/dram_model.h"

using edgesa::sim::DramModel;
using edgesa::sim::DramParams;

namespace {
DramParams params(int64_t millibytes, int64_t burst, int64_t latency) {
    DramParams p;
    p.millibytes_per_cycle = millibytes;
    p.burst_bytes = burst;
    p.latency_cycles = latency;
    return p;
}
// Cycle (step index) at which the first read burst is delivered.
uint64_t first_delivery(DramModel& m) {
    for (uint64_t c = 0; c < 1000; ++c)
        if (m.step().read_bursts_delivered > 0) return c;
    return ~0ull;
}
}  // namespace

TEST_CASE("DRAM read data is not delivered at latency-1 and is at latency", "[cycle]") {
    for (int64_t lat : {1, 2, 5, 17}) {
        DramModel m(params(64000, 32, lat));  // two bursts of credit per cycle: no bandwidth wait
        m.push_read(1);
        INFO("latency " << lat);
        CHECK(first_delivery(m) == uint64_t(lat));
    }
}

TEST_CASE("DRAM latency 0 delivers in the cycle the burst moves", "[cycle]") {
    DramModel m(params(32000, 32, 0));
    m.push_read(1);
    CHECK(first_delivery(m) == 0);
}

TEST_CASE("DRAM moves bursts at the configured bandwidth", "[analytical]") {
    // 10.5 bytes/cycle, 32-byte bursts: 1000 bursts need 32000 / 10.5 = 3047.6 cycles of credit.
    DramModel m(params(10500, 32, 3));
    m.push_read(1000);
    uint64_t delivered = 0, cycles = 0;
    while (delivered < 1000 && cycles < 100000) {
        delivered += m.step().read_bursts_delivered;
        ++cycles;
    }
    CHECK(delivered == 1000);
    CHECK(cycles >= 3047 + 3);
    CHECK(cycles <= 3049 + 3);
}

TEST_CASE("DRAM reads and writes share the bandwidth and alternate", "[smoke]") {
    DramModel m(params(32000, 32, 0));  // one burst per cycle
    m.push_read(4);
    m.push_write(4);
    std::vector<int> order;
    for (int c = 0; c < 8; ++c) {
        const auto r = m.step();
        order.push_back(r.read_bursts_delivered ? 1 : (r.write_bursts_done ? 2 : 0));
    }
    CHECK(order == std::vector<int>{1, 2, 1, 2, 1, 2, 1, 2});
    CHECK(m.idle());
}

TEST_CASE("DRAM credit is capped: an idle memory cannot bank a burst storm", "[cycle]") {
    DramModel m(params(8000, 32, 0));  // a burst every 4 cycles
    for (int c = 0; c < 100; ++c) m.step();
    m.push_read(10);
    uint64_t moved_first_cycle = m.step().read_bursts_delivered;
    CHECK(moved_first_cycle == 1);  // cap = one cycle's credit + one burst
}

TEST_CASE("DRAM skip_idle over its horizons equals stepping every cycle", "[skip]") {
    // Two models get the same request pattern; one steps every cycle, the other jumps over the
    // cycles in which nothing can move or arrive. Delivery cycles, moves and credit must agree.
    for (int64_t mbpc : {2000, 7300, 37300}) {
        for (int64_t lat : {0, 5, 40}) {
            INFO("millibytes/cycle " << mbpc << ", latency " << lat);
            DramModel step(params(mbpc, 32, lat)), skip(params(mbpc, 32, lat));
            std::vector<uint64_t> at_step, at_skip;
            uint64_t skipped = 0;
            for (uint64_t c = 0; c < 3000; ++c) {
                const bool req = c % 97 == 0 || c % 131 == 0;  // bursts of requests, long gaps
                if (req) {
                    step.push_read(3);
                    step.push_write(1);
                }
                for (uint32_t i = step.step().read_bursts_delivered; i > 0; --i)
                    at_step.push_back(c);
                if (skip.cycle() > c) continue;  // this cycle was jumped over
                if (req) {
                    skip.push_read(3);
                    skip.push_write(1);
                }
                for (uint32_t i = skip.step().read_bursts_delivered; i > 0; --i)
                    at_skip.push_back(c);
                // Jump, but never over the next request cycle (the test's "other units").
                uint64_t next_req = c + 1;
                while (next_req % 97 != 0 && next_req % 131 != 0) ++next_req;
                const uint64_t n = std::min({skip.edges_to_next_delivery(),
                                             skip.edges_to_next_move(), next_req - skip.cycle()});
                if (n > 0 && n != ~0ull) {
                    skip.skip_idle(n);
                    skipped += n;
                }
            }
            CHECK(at_skip == at_step);
            CHECK(skip.read_bursts_moved() == step.read_bursts_moved());
            CHECK(skip.write_bursts_moved() == step.write_bursts_moved());
            CHECK(skip.busy_cycles() == step.busy_cycles());
            CHECK(skipped > 1000);
        }
    }
}
