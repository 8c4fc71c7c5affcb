// The hardware description (core/hw/hw_layout.h): the storage-format word against hand-packed
// words, its round trip, and the derived sizes of configs/rtl_4x4_q3.13.yaml worked out by hand
// from the config's keys (docs/hardware.md, "One hardware description").
#include <catch2/catch.hpp>

#include "config/loader.h"
#include "hw/hw_layout.h"
#include "run_cli.h"

using namespace edgesa;

TEST_CASE("format words pack kind, bits, E/I, M/F and bias at their documented offsets", "[hw]") {
    // [27:26] kind, [25:20] bits, [19:14] E or I, [13:8] M or F, [7:0] bias
    CHECK(hw::encode_format_word(Fp32Format{}) == (32u << 20));
    CHECK(hw::encode_format_word(CustomFloatFormat{4, 3, 7}) ==
          ((1u << 26) | (8u << 20) | (4u << 14) | (3u << 8) | 7u));
    CHECK(hw::encode_format_word(FixedFormat{3, 13}) ==
          ((2u << 26) | (16u << 20) | (3u << 14) | (13u << 8)));
    CHECK(hw::encode_format_word(CustomFloatFormat{5, 2, -3}) ==
          ((1u << 26) | (8u << 20) | (5u << 14) | (2u << 8) | 0xfdu));
    for (const StorageFormat& f :
         {StorageFormat(Fp32Format{}), StorageFormat(CustomFloatFormat{4, 3, 7}),
          StorageFormat(CustomFloatFormat{8, 0, -100}), StorageFormat(CustomFloatFormat{2, 23, 1}),
          StorageFormat(FixedFormat{3, 13}), StorageFormat(FixedFormat{1, 31})}) {
        INFO(f.name());
        CHECK(hw::decode_format_word(hw::encode_format_word(f)) == f);
    }
}

TEST_CASE("token, beat, format-word and block-header fields tile their words without gaps",
          "[hw]") {
    int next = 0;
    for (const hw::Field* f : hw::token::kFields) {
        INFO(f->name);
        CHECK(f->lsb == next);
        next = f->end();
    }
    CHECK(next == hw::token::kDataLsb);
    CHECK(hw::token::kDataLsb == 86);
    next = 0;
    for (const hw::Field* f : hw::beat::kFields) {
        INFO(f->name);
        CHECK(f->lsb == next);
        next = f->end();
    }
    CHECK(next == hw::beat::kValuesLsb);
    next = 0;
    for (auto it = std::rbegin(hw::fmt_word::kFields); it != std::rend(hw::fmt_word::kFields);
         ++it) {
        CHECK((*it)->lsb == next);
        next = (*it)->end();
    }
    CHECK(next == hw::fmt_word::kBits);
    next = 0;
    for (auto it = std::rbegin(hw::block_header::kFields);
         it != std::rend(hw::block_header::kFields); ++it) {
        CHECK((*it)->lsb == next);
        next = (*it)->end();
    }
    CHECK(next == 8 * hw::block_header::kBytes);
}

TEST_CASE("the derived sizes of rtl_4x4_q3.13 are the hand-worked ones", "[hw]") {
    const AccelConfig cfg = load_config_file(test::source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    const hw::HwLayout h = hw::layout(cfg);
    // 1.6 GB/s at 100 MHz = 16 bytes per edge = two 8-byte bursts, plus one: 3 bursts per edge.
    CHECK(h.rd_max == 3);
    CHECK(h.burst_shift == 3);
    // read_depth 8 x 8-byte bursts = 64 >= one 16-byte vector + two bursts (32).
    CHECK(h.fifo_bytes == 64);
    CHECK(h.buf_bytes == 64);  // 16-bit lanes: every vector ends on a byte boundary
    CHECK(h.wr_max == cfg.fifo.write_depth);
    // a beat of 4 codes x 16 bits fills one 64-bit burst: one burst per write request
    CHECK(h.wr_port == 1);
    // 16-bit stored codes and q3.13 operands: 16-bit token lanes, 86 + 4 x 16; beat value lanes
    // of max(32-bit accumulator, 17-bit pool lane, 16-bit code) bits: 18 + 32 x max(2, 4), then
    // two 16-bit bias codes
    CHECK(h.code_bits == 16);
    CHECK(h.tok_lane_bits == 16);
    CHECK(h.tok_bits == 150);
    CHECK(h.beat_lanes == 4);
    CHECK(h.val_bits == 32);
    CHECK(h.beat_bias_lsb == 146);
    CHECK(h.bias_bits == 16);  // q3.13 operand raws (the decompressor converts bias vectors)
    CHECK(h.beat_bits == 178);
    // q3.13: 16-bit operands; 2 slots -> 1 bit, 4 rows -> 2 bits, 64 entries -> 6 bits
    CHECK(h.operand_bits == 16);
    CHECK(h.slot_bits == 1);
    CHECK(h.row_bits == 2);
    CHECK(h.acc_addr_bits == 6);
    // two bias entries of buffer_depth x rows = 2 x 4 codes each
    CHECK(h.bias_entry == 8);
    // storage.lane_bits 16: offsets are multiples of 2^4 bits, in the write-back too (64-bit
    // bursts)
    CHECK(h.lane_bits == 16);
    CHECK(h.lane_shift == 4);
    CHECK(h.wb_lane_shift == 4);
}

TEST_CASE("narrow fixed storage narrows tokens and beats; run-time widths keep 32 bits", "[hw]") {
    // ice40_2x2_q3.5: 8-bit codes and operands, 16-bit products and accumulators.
    const hw::HwLayout n =
        hw::layout(load_config_file(test::source_dir() + "/configs/ice40_2x2_q3.5.yaml"));
    CHECK(n.code_bits == 8);
    CHECK(n.tok_lane_bits == 8);
    CHECK(n.tok_bits == 86 + 2 * 8);
    CHECK(n.val_bits == 16);  // max(16-bit accumulator, 9-bit pool lane, 8-bit code)
    CHECK(n.beat_bits == 18 + 16 * 2 + 8 * 1);
    // Any width at run time: codes up to 32 bits.
    const hw::HwLayout w = hw::layout(
        load_config_text("name: t\ncompute: {type: q3.5, product_bits: 16, accumulator_bits: 16}\n"
                         "array: {rows: 2, width: 2}\naccumulator: {depth: 16}\n",
                         "t.yaml"));
    CHECK(w.code_bits == 32);
    CHECK(w.tok_lane_bits == 32);
    CHECK(w.val_bits == 32);
    CHECK(w.bias_bits == 8);  // a q3.5 operand raw, not a 32-bit code
    CHECK(w.beat_bits == 18 + 32 * 2 + 8 * 1);
    // fp32 compute: 32-bit operands in every token lane whatever the stored width.
    const hw::HwLayout f = hw::layout(
        load_config_text("name: t\narray: {rows: 2, width: 2}\naccumulator: {depth: 16}\n"
                         "storage: {kinds: custom, lane_bits: 8}\n",
                         "t.yaml"));
    CHECK(f.code_bits == 8);
    CHECK(f.tok_lane_bits == 32);
    CHECK(f.val_bits == 32);
    CHECK(f.bias_bits == 8);  // fp32 compute: the act lanes decode the 8-bit code
    CHECK(f.beat_bits == 18 + 32 * 2 + 8 * 1);
}

TEST_CASE("the read buffer is larger than the credit when vectors can end mid-byte", "[hw]") {
    // Any storage width (storage.lane_bits 0) or a 12-bit lane: the credit counts a vector's last,
    // partly read byte as consumed, the next vector still reads it (verify --random seed 151).
    for (const char* lanes : {"", "storage: {kinds: fixed, lane_bits: 12}\n"}) {
        INFO(lanes);
        const AccelConfig cfg = load_config_text(
            std::string("name: t\narray: {rows: 4, width: 4, buffer_depth: 2}\n") +
                "accumulator: {depth: 16}\ndram: {burst_bytes: 8}\nfifo: {read_depth: 8}\n" + lanes,
            "t.yaml");
        const hw::HwLayout h = hw::layout(cfg);
        CHECK(h.fifo_bytes == 64);
        CHECK(h.buf_bytes == 128);
    }
}
