// Cycle boundaries of the generated array (docs/rtl-interface.md, "Timing of the array"): a stream
// vector sampled at edge t updates row r's accumulator entry at edge
// t + r + multiplier_stages + tree_stages + 1, so a drain request sampled at edge
// X = t + r + multiplier_stages + tree_stages + 2 is the first that sees the new value.
#include <catch2/catch.hpp>

#include "Vtop_fixed.h"
#include "config/loader.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

void tick(Vtop_fixed& m) {
    m.clk_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
}

// One vector (all elements `v`) into row 0 at the next edge.
void issue(Vtop_fixed& m, bool fill, int row, uint64_t v) {
    m.vec_valid_i = 1;
    m.vec_fill_i = fill;
    m.vec_row_i = uint8_t(row);
    m.vec_slot_i = 0;
    m.vec_first_i = 1;
    m.vec_addr_i = 5;
    m.vec_data_i = v * 0x0001000100010001ull;  // four 16-bit lanes
    tick(m);
    m.vec_valid_i = 0;
}

// Row `row`'s entry 5 as seen by a drain request sampled at the next edge (lane 0, no bias,
// no activation), read out after the act/pool latency.
int64_t drain(Vtop_fixed& m, int row, int stages) {
    m.drain_valid_i = 1;
    m.drain_row_i = uint8_t(row);
    m.drain_addr_i = 5;
    m.drain_bias_i = 0;
    m.act_i = 0;
    m.res_ready_i = 0;
    REQUIRE(m.drain_ready_o);
    tick(m);
    m.drain_valid_i = 0;
    for (int i = 1; i < stages; ++i) tick(m);
    REQUIRE(m.res_valid_o);
    const int64_t v = int64_t(int32_t(uint32_t(m.res_data_o & 0xffffffffu)));
    m.res_ready_i = 1;  // pop it
    tick(m);
    m.res_ready_i = 0;
    return v;
}

}  // namespace

TEST_CASE(
    "generated array: an accumulator entry is visible to the drain exactly at t + r + mult + tree "
    "+ 2",
    "[cycle]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    const int ms = int(cfg.array.multiplier_stages), ts = cfg.derived.tree_stages;
    const int stages = int(cfg.act_pool.stages);
    for (int row = 0; row < int(cfg.array.rows); ++row) {
        INFO("row " << row);
        for (int wait = 0; wait < 12; ++wait) {
            VerilatedContext ctx;
            Vtop_fixed m{&ctx};
            m.clk_i = 0;
            m.rst_ni = 1;
            m.eval();
            m.rst_ni = 0;
            m.eval();
            m.rst_ni = 1;
            m.vec_valid_i = 0;
            m.drain_valid_i = 0;
            // weights 1.0 (q3.13 raw 8192) in every row's slot 0
            for (int r = 0; r < int(cfg.array.rows); ++r) issue(m, true, r, 8192);
            issue(m, false, 0, 8192);  // x = 1.0: entry = 4 products of 1.0
            for (int i = 0; i < 20; ++i) tick(m);
            const int64_t one = int64_t(4) << cfg.derived.fixed.product_frac_bits();
            REQUIRE(drain(m, row, stages) == one);
            // Now x = 0.5 at edge t (= the edge inside issue), then `wait` idle edges, then
            // the drain's edge t + 1 + wait.
            issue(m, false, 0, 4096);
            for (int i = 0; i < wait; ++i) tick(m);
            const int drain_edge_offset = 1 + wait;  // X - t
            const int64_t got = drain(m, row, stages);
            const bool new_value_expected = drain_edge_offset >= row + ms + ts + 2;
            INFO("drain at t + " << drain_edge_offset << " saw " << got);
            CHECK(got == (new_value_expected ? one / 2 : one));
        }
    }
}
