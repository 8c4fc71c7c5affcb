#pragma once
// The hardware description: every geometry and wire layout of the generated accelerator that is
// derived from the validated config, computed once here (docs/hardware.md, "One hardware
// description"). The simulator (read credit), the Verilog generator (parameters, the generated
// header edgesa_hw_params.vh, the lanes' field offsets) and `edgesa verify` (descriptor format
// words, the runner's memory port) all read it; nothing else derives these numbers.
#include <cstdint>
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "numerics/storage_format.h"

namespace edgesa::hw {

// A bit field [lsb +: bits] of a packed word. `name` is UpperCamelCase: the generated header
// declares <name>Lsb and <name>Bits.
struct Field {
    const char* name;
    int lsb;
    int bits;
    const char* what;  // one line for the header's bit-range comment
    constexpr int msb() const { return lsb + bits - 1; }
    constexpr int end() const { return lsb + bits; }  // first bit above the field
    constexpr uint64_t get(uint64_t word) const {
        return (word >> lsb) & ((uint64_t(1) << bits) - 1);
    }
    constexpr uint64_t put(uint64_t word, uint64_t v) const {
        const uint64_t m = ((uint64_t(1) << bits) - 1) << lsb;
        return (word & ~m) | ((v << lsb) & m);
    }
};

// The storage-format word of a tensor format (descriptor w/x/p1/o_fmt):
// [27:26] kind, [25:20] bits per value, [19:14] E or I, [13:8] M or F, [7:0] bias.
namespace fmt_word {
inline constexpr Field kBias{"FmtBias", 0, 8, "custom-float bias B (two's complement, low 8 bits)"};
inline constexpr Field kMF{"FmtMF", 8, 6, "custom-float mantissa bits M, fixed fraction bits F"};
inline constexpr Field kEI{"FmtEI", 14, 6, "custom-float exponent bits E, fixed integer bits I"};
inline constexpr Field kWidth{"FmtWidth", 20, 6, "storage bits per value (1..32)"};
inline constexpr Field kKind{"FmtKind", 26, 2, "0 fp32, 1 custom float, 2 fixed"};
inline constexpr int kBits = 28;
inline constexpr uint32_t kKindFp32 = 0, kKindCustomFloat = 1, kKindFixed = 2;
inline const Field* const kFields[] = {&kKind, &kWidth, &kEI, &kMF, &kBias};
}  // namespace fmt_word

uint32_t encode_format_word(const StorageFormat& f);
// The inverse for words encode_format_word() made (a custom-float bias outside -128..127 comes
// back as its low 8 bits, sign-extended, which is what the hardware sees).
StorageFormat decode_format_word(uint32_t word);

// The 8-byte block header of the layer image in memory (docs/architecture.md, "Block header"),
// packed by sim/program/block_header.h and parsed by the block streamer.
namespace block_header {
inline constexpr Field kIndex{
    "HdrIndex", 0, 32,
    "weight: kb<<16 | rb; stream: tile<<16 | rb; pass: values per vector; bias: biases"};
inline constexpr Field kLength{"HdrLength", 32, 20, "vectors that follow"};
inline constexpr Field kSlot{
    "HdrSlot", 52, 8,
    "weight: target slot; stream: G; pass: the input (0: the desc x format, else p1); bias: G"};
inline constexpr Field kType{"HdrType", 60, 4,
                             "1 weight, 2 stream, 3 pass, 4 layer header, 5 bias, 15 layer end"};
inline constexpr int kBytes = 8;
inline const Field* const kFields[] = {&kType, &kSlot, &kLength, &kIndex};
}  // namespace block_header

// A vector token (block streamer -> decompressor bank -> array unit): an 86-bit header, then
// Width value lanes of HwLayout::tok_lane_bits bits at [TokDataLsb +: tok_lane_bits * Width].
namespace token {
inline constexpr Field kType{"TokType", 0, 2, "0 bias, 1 weight fill, 2 stream, 3 pass"};
inline constexpr Field kSlot{"TokSlot", 2, 8, "fill: target slot; stream: issues per vector (G)"};
inline constexpr Field kVec{"TokVec", 10, 20, "vector index within its block (fill: target row)"};
inline constexpr Field kLen{"TokLen", 30, 20, "vectors in the block"};
inline constexpr Field kIndex{"TokIndex", 50, 16, "the header's index (stream: reduction chunk)"};
inline constexpr Field kValues{"TokValues", 66, 16, "valid value lanes"};
inline constexpr Field kLastVec{"TokLastVec", 82, 1, "last vector of its block"};
inline constexpr Field kLastBlock{"TokLastBlock", 83, 1, "last vector of the layer image"};
// The values' format is always one of the descriptor's three input formats, so the token names
// which (the top resolves the word from its descriptor registers) instead of carrying 28 bits.
inline constexpr Field kFmt{"TokFmt", 84, 2,
                            "format of the values: 0 the descriptor's w_fmt, 1 x_fmt, 2 p1_fmt"};
inline constexpr uint32_t kFmtW = 0, kFmtX = 1, kFmtP1 = 2;
inline constexpr int kDataLsb = kFmt.end();  // 86: the value lanes start here
inline const Field* const kFields[] = {&kType,   &kSlot,    &kVec,       &kLen, &kIndex,
                                       &kValues, &kLastVec, &kLastBlock, &kFmt};
}  // namespace token

// A beat (array unit -> act/pool bank -> compressor bank -> write-back): an 18-bit header, then
// BeatLanes value lanes of HwLayout::val_bits bits (accumulator raws, operand raws, window
// results, codes, fp32 values: each in a lane's low bits), then Lanes biases of
// HwLayout::bias_bits bits (drain beats only): operand raws with fixed compute (the
// decompressor converts bias vectors like any other), codes with fp32 compute.
namespace beat {
inline constexpr Field kCount{"BeatCount", 0, 16, "valid value lanes"};
inline constexpr Field kLast{"BeatLast", 16, 1, "last beat of the layer"};
inline constexpr Field kPass{"BeatPass", 17, 1, "pass beat (operand values, no bias)"};
inline constexpr int kValuesLsb = kPass.end();  // 18
inline const Field* const kFields[] = {&kCount, &kLast, &kPass};
}  // namespace beat

// One field of the layer descriptor (edgesa_top's desc_<name>_i ports, docs/rtl-interface.md).
struct DescField {
    const char* name;  // port desc_<name>_i
    int bits;
    const char* what;
};
const std::vector<DescField>& descriptor_fields();
// "Desc" + the field's name in UpperCamelCase (image_addr -> DescImageAddr): the generated
// header's Desc<Name>Bits and the register map's AxiRegDesc<Name>.
std::string desc_camel_name(const DescField& f);
// Memory port fields shared by the read and the write port.
inline constexpr int kMemBurstCountBits = 16;  // rd/wr_req_bursts, rd_data/wr_done_bursts
inline constexpr int kMemAddrBits = 32;

// The AXI4-Lite register map of edgesa_axi_top (docs/fpga.md, "AXI top"): 32-bit registers at
// word offsets; the descriptor registers follow the fixed ones in descriptor_fields() order.
struct AxiLiteReg {
    std::string name;    // UpperCamelCase: the generated header declares AxiReg<name>
    int offset;          // byte offset
    int bits;            // significant bits (the rest read 0, writes ignore them)
    const char* access;  // "rw", "ro", "ro/w1c" ...
    std::string what;
};
namespace axi_lite {
// CTRL bits
inline constexpr Field kCtrlStart{"CtrlStart", 0, 1,
                                  "write 1: start the layer (reads 1 until the top takes it)"};
inline constexpr Field kCtrlIrqEn{"CtrlIrqEn", 1, 1, "irq_o follows STATUS.done"};
// STATUS bits
inline constexpr Field kStatusBusy{"StatusBusy", 0, 1, "a layer is pending or running"};
inline constexpr Field kStatusDone{"StatusDone", 1, 1, "sticky: a layer finished; write 1 clears"};
inline constexpr Field kStatusErr{"StatusErr", 2, 1,
                                  "sticky: an RRESP or BRESP was not OKAY; write 1 clears"};
inline const Field* const kBitFields[] = {&kCtrlStart, &kCtrlIrqEn, &kStatusBusy, &kStatusDone,
                                          &kStatusErr};
inline constexpr uint32_t kIdValue = 0x45534131;  // "ESA1": the ID register
inline constexpr int kDataBits = 32;
}  // namespace axi_lite
const std::vector<AxiLiteReg>& axi_lite_regs();
// The Lite slave's address width: enough for every register (ceil_log2 of the map's bytes).
int axi_lite_addr_bits();

// Everything the config decides about the generated hardware's sizes.
struct HwLayout {
    // array and datapath
    int64_t rows = 0, width = 0, lanes = 0;
    int operand_bits = 32;  // compute operand width
    int leaf_bits = 32;     // product width entering a tree
    int sum_bits = 32;      // tree and accumulator width
    int slot_bits = 1;      // weight-slot index width (>= 1)
    int row_bits = 1;       // row index width (>= 1)
    int acc_addr_bits = 1;  // accumulator entry index width (>= 1)
    // act/pool lane width: fixed max(sum_bits, operand_bits + 1) (max pool compares operand
    // raws, window sums saturate at the accumulator width, a scale_shift's rounded x * s at one
    // bit above the operand), fp32 32
    int pool_lane_bits = 32;
    // act_pool.functions: bit c set = the lanes implement act code c (bit 0, none, always set);
    // the lanes' parameter Functions (edgesa_fixed_act, edgesa_act_lane)
    uint32_t act_functions = 1;
    // act_pool.ops: bit b set = the lanes implement pool op b (PoolOpBit in
    // config/act_support.h: 0 max_pool, 1 avg_pool, 2 add, 3 mul, 4 scale_shift);
    // edgesa_pool_lane's parameter Ops
    uint32_t pool_ops = 31;
    // memory side
    int64_t burst_bytes = 0;
    int burst_shift = 0;  // log2(burst_bytes)
    int64_t rd_max = 1;   // read bursts the DRAM model can deliver in one edge
    int64_t wr_max = 1;   // write bursts outstanding (fifo.write_depth)
    // write bursts the write-back hands over in one edge (its port and its pending buffer):
    // enough for a full beat of codes, min(wr_max, ceil(beat_lanes * code_bits / burst bits))
    int64_t wr_port = 1;
    int64_t fifo_bytes = 0;  // the streamer's read credit: requested*burst - consumed <= this
    int64_t buf_bytes =
        0;  // circular read buffer (power of two, > fifo_bytes unless every width is whole bytes)
    int64_t bias_entry = 0;  // bias codes per entry (two entries): buffer_depth * rows
    // storage.lane_bits: 0 = each tensor's width at run time; N = every stored value has N bits,
    // so the streamer's unpacking and the write-back's packing are wiring at constant offsets
    int lane_bits = 0;
    int lane_shift = 0;     // trailing zero bits of lane_bits (0 when 0): offsets are multiples
    int wb_lane_shift = 0;  // the write-back's: min(lane_shift, log2(burst bits))
    // packed words, sized by the config: a design with narrow fixed storage carries narrow lanes
    int code_bits = 32;         // a stored code: lane_bits, or 32 when widths vary at run time
    int tok_lane_bits = 32;     // a token's value lane (codes in, operands out): fixed
                                // max(code_bits, operand_bits), fp32 32
    int64_t tok_bits = 0;       // token::kDataLsb + tok_lane_bits * width
    int64_t beat_lanes = 1;     // value lanes of a beat: max(lanes, width)
    int lane_count_bits = 1;    // a count of valid lanes (token Values, beat Count <= beat_lanes):
                                // index_bits(beat_lanes + 1), what the engine banks count in
    int val_bits = 32;          // a beat's value lane: fixed max(pool_lane_bits, code_bits)
                                // (accumulator and operand raws, window sums, codes), fp32 32
    int bias_bits = 32;         // a bias in the array unit and a beat: fixed operand_bits (the
                                // decompressed raw), fp32 code_bits (decoded by the act lanes)
    int64_t beat_bits = 0;      // beat::kValuesLsb + val_bits * beat_lanes + bias_bits * lanes
    int64_t beat_bias_lsb = 0;  // first bias bit of a beat
    // edgesa_axi_top's AXI4 master (docs/fpga.md, "AXI top")
    int axi_data_bits = 64;           // min(8 * burst_bytes, 1024): one beat per burst up to 128 B
    int axi_size = 3;                 // ARSIZE/AWSIZE: log2(axi_data_bits / 8)
    int64_t axi_beats = 1;            // beats per burst: 8 * burst_bytes / axi_data_bits
    int64_t axi_chunk_bursts = 1;     // bursts per AXI burst at most: 256 beats / axi_beats
    int64_t axi_rd_queue = 1;         // read requests the wrapper queues: dram.max_outstanding
    int axi_rd_queue_count_bits = 1;  // index_bits(axi_rd_queue + 1)
    int axi_wr_queue_count_bits = 1;  // index_bits(wr_max + 1): write requests with their data
};

// Computed from a validated config; cheap, so callers may call it wherever they need it.
HwLayout layout(const AccelConfig& cfg);

// ceil(log2 v); index_bits is at least 1: the width of an index over v entries.
int ceil_log2(int64_t v);
int index_bits(int64_t v);

}  // namespace edgesa::hw
