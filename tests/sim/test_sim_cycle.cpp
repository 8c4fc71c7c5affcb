// Cycle-boundary tests: for every latency parameter, the event is not there at N-1 cycles and is
// there at N (the probes record the edge each first event happens at), and one more stage costs a
// latency-bound layer exactly one more cycle.
#include <catch2/catch.hpp>

#include "sim_cli.h"
#include "sim_fixtures.h"

using namespace edgesa;
using edgesa::test::probe;
using edgesa::test::run_sim;

namespace {
// One weight block and one stream vector on the 64 x 32 seed array: latency-bound.
Network tiny_fc() {
    return test::one_layer(test::fc("f", "input", {32, 1, 1}, 64));
}
uint64_t cycles(const nlohmann::json& j) {
    return j["totals"]["cycles"].get<uint64_t>();
}
}  // namespace

TEST_CASE("adder tree: the first result is out exactly tree_stages edges after its product",
          "[cycle]") {
    for (int levels_per_stage : {1, 2, 3, 5}) {
        const auto j =
            run_sim(tiny_fc(), {"array.tree_levels_per_stage=" + std::to_string(levels_per_stage)});
        const uint64_t T = j["config"]["derived"]["tree_stages"].get<uint64_t>();
        INFO("levels per stage " << levels_per_stage << ", tree stages " << T);
        const uint64_t product = probe(j, 0, "first_product"), out = probe(j, 0, "first_tree_out");
        CHECK(out != product + T - 1);  // not out at T-1
        CHECK(out == product + T);      // out at T
        CHECK(probe(j, 0, "first_acc_write") == out + 1);
    }
}

TEST_CASE(
    "multiplier stages: the product is registered exactly multiplier_stages edges after issue",
    "[cycle]") {
    uint64_t prev = 0;
    for (int m : {1, 2, 3, 4}) {
        const auto j = run_sim(tiny_fc(), {"array.multiplier_stages=" + std::to_string(m)});
        INFO("multiplier stages " << m);
        CHECK(probe(j, 0, "first_product") == probe(j, 0, "first_issue") + uint64_t(m));
        if (m > 1) CHECK(cycles(j) == prev + 1);
        prev = cycles(j);
    }
}

TEST_CASE("DRAM latency: first data arrives latency + 2 register edges after the first request",
          "[cycle]") {
    for (int ns : {0, 10, 50, 120}) {
        const auto j = run_sim(tiny_fc(), {"dram.latency_ns=" + std::to_string(ns)});
        const uint64_t lat = j["config"]["derived"]["dram_latency_cycles"].get<uint64_t>();
        INFO("latency " << ns << " ns = " << lat << " cycles");
        // +1 for the registered request, +1 for the registered response.
        CHECK(probe(j, 0, "first_read_data") == probe(j, 0, "first_read_request") + lat + 2);
    }
}

TEST_CASE(
    "decompressor stages: the first vector is decoded stages + 2 edges after the streamer sends it",
    "[cycle]") {
    uint64_t prev = 0;
    for (int s : {1, 2, 3, 5}) {
        const auto j = run_sim(tiny_fc(), {"decompressor.stages=" + std::to_string(s)});
        INFO("decompressor stages " << s);
        // +1 FIFO capture, +1 engine cycle (32 values on 32 engines), + s registers - 1 ... see
        // docs.
        CHECK(probe(j, 0, "first_decoded") == probe(j, 0, "first_token") + uint64_t(s) + 2);
        if (s > 1) CHECK(cycles(j) > prev);
        prev = cycles(j);
    }
}

TEST_CASE("decompressor engines: fewer engines take ceil(width / engines) cycles per vector",
          "[cycle]") {
    for (int e : {32, 16, 8, 5}) {
        const auto j = run_sim(tiny_fc(), {"decompressor.engines=" + std::to_string(e)});
        INFO("engines " << e);
        const uint64_t per_vector = (32 + uint64_t(e) - 1) / uint64_t(e);
        CHECK(probe(j, 0, "first_decoded") == probe(j, 0, "first_token") + per_vector + 2);
    }
}

TEST_CASE(
    "compressor and act/pool stages each add exactly one cycle per stage to a latency-bound layer",
    "[cycle]") {
    const uint64_t base = cycles(run_sim(tiny_fc(), {}));
    for (const char* key : {"compressor.stages", "act_pool.stages"}) {
        for (int s : {2, 3, 4}) {
            const auto j = run_sim(tiny_fc(), {std::string(key) + "=" + std::to_string(s)});
            INFO(key << " = " << s);
            CHECK(cycles(j) == base + uint64_t(s - 1));
        }
    }
}

TEST_CASE("compressor stages: the first compressed beat leaves stages + 2 edges after act/pool",
          "[cycle]") {
    for (int s : {1, 2, 4}) {
        const auto j = run_sim(tiny_fc(), {"compressor.stages=" + std::to_string(s)});
        INFO("compressor stages " << s);
        // +1 FIFO capture, +1 engine cycle (<= engines values), + s - 1 stage registers... +1
        // output.
        CHECK(probe(j, 0, "first_compressed") == probe(j, 0, "first_act_out") + uint64_t(s) + 2);
    }
}

TEST_CASE(
    "act/pool stages: the first activated beat leaves stages + 2 edges after the drain sends it",
    "[cycle]") {
    for (int s : {1, 2, 3, 6}) {
        const auto j = run_sim(tiny_fc(), {"act_pool.stages=" + std::to_string(s)});
        INFO("act/pool stages " << s);
        // +1 FIFO capture, +1 engine cycle (a drain beat is at most `lanes` values), + s - 1 stage
        // registers + the output register.
        CHECK(probe(j, 0, "first_act_out") != probe(j, 0, "first_drain") + uint64_t(s) + 1);
        CHECK(probe(j, 0, "first_act_out") == probe(j, 0, "first_drain") + uint64_t(s) + 2);
    }
}

TEST_CASE("accumulator drain starts the edge after the tile's last row is written", "[cycle]") {
    for (int rows : {8, 16, 64}) {
        const auto j = run_sim(test::one_layer(test::fc("f", "input", {32, 1, 1}, rows)),
                               {"array.rows=" + std::to_string(rows)});
        INFO("rows " << rows);
        // Row r writes at first_acc_write + r; the drain reads at the next edge.
        CHECK(probe(j, 0, "first_drain") ==
              probe(j, 0, "first_acc_write") + uint64_t(rows - 1) + 1);
    }
}
