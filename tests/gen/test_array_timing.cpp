// Cycle boundaries of the generated array (docs/rtl-interface.md, "Timing of the array"), on the
// modules edgesa_array_ctrl instantiates: a stream vector sampled at edge t leaves row r's adder
// tree as a one-cycle sum_valid pulse right after edge t + r + multiplier_stages + tree_stages
// (not one edge earlier, not later), so the accumulator writes the entry at edge
// t + r + multiplier_stages + tree_stages + 1; the accumulator's read port shows a written entry
// right after its write edge and the old value before it.
#include <catch2/catch.hpp>

#include "Vacc_fixed.h"
#include "Vsa_fixed.h"
#include "config/loader.h"
#include "gen_test_util.h"
#include "run_cli.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

// One vector (all four 16-bit elements `v`) into row 0 at the next edge.
void issue(Vsa_fixed& m, bool fill, int row, uint64_t v, uint32_t tag) {
    m.vec_valid_i = 1;
    m.vec_fill_i = fill;
    m.vec_row_i = uint8_t(row);
    m.vec_slot_i = 0;
    m.vec_tag_i = uint8_t(tag);
    m.vec_data_i = v * 0x0001000100010001ull;
    tick(m);
    m.vec_valid_i = 0;
}

}  // namespace

TEST_CASE(
    "generated systolic array: row r's sum leaves exactly mult + tree edges after the vector "
    "reaches row r",
    "[cycle]") {
    const AccelConfig cfg = load_config_file(source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    REQUIRE(cfg.array.width == 4);
    const int ms = int(cfg.array.multiplier_stages), ts = cfg.derived.tree_stages;
    const int rows = int(cfg.array.rows);
    const uint64_t one = uint64_t(4) << cfg.derived.fixed.product_frac_bits();  // 4 x 1.0 x 1.0
    VerilatedContext ctx;
    Vsa_fixed m{&ctx};
    reset(m);
    m.vec_valid_i = 0;
    for (int r = 0; r < rows; ++r) issue(m, true, r, 8192, 0);  // weights 1.0 (q3.13 raw 8192)
    for (int i = 0; i < 20; ++i) tick(m);
    REQUIRE(m.sum_valid_o == 0);
    issue(m, false, 0, 8192, 0x2a);  // x = 1.0, sampled at edge t
    // After k more edges (k = 0: right after edge t), row r's sum is valid iff
    // k == r + ms + ts.
    for (int k = 0; k < rows + ms + ts + 4; ++k) {
        for (int r = 0; r < rows; ++r) {
            INFO("row " << r << ", edge t + " << k);
            const bool valid = (m.sum_valid_o >> r) & 1u;
            CHECK(valid == (k == r + ms + ts));
            if (valid) {
                CHECK(uint64_t(m.sum_o[size_t(r)]) == one);
                CHECK(((m.sum_tag_o >> (7 * r)) & 0x7fu) == 0x2au);
            }
        }
        tick(m);
    }
}

TEST_CASE(
    "generated accumulator: an entry reads its new value right after the write edge, the old "
    "one before",
    "[cycle]") {
    VerilatedContext ctx;
    Vacc_fixed m{&ctx};
    reset(m);
    m.rd_addr_i = 5;
    m.in_valid_i = 1;
    m.in_first_i = 1;
    m.in_addr_i = 5;
    m.in_sum_i = 100;
    tick(m);  // the first chunk writes
    m.in_valid_i = 0;
    CHECK(m.rd_data_o == 100u);
    m.in_valid_i = 1;
    m.in_first_i = 0;
    m.in_sum_i = 23;
    m.eval();
    CHECK(m.rd_data_o == 100u);  // before the edge: the old value
    tick(m);                     // a later chunk adds
    m.in_valid_i = 0;
    CHECK(m.rd_data_o == 123u);
    m.in_valid_i = 1;
    m.in_first_i = 1;
    m.in_addr_i = 6;  // another entry: entry 5 keeps its value
    m.in_sum_i = 7;
    tick(m);
    m.in_valid_i = 0;
    CHECK(m.rd_data_o == 123u);
    m.rd_addr_i = 6;
    m.eval();
    CHECK(m.rd_data_o == 7u);
}
