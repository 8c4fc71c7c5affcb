#pragma once
// One emitter per generated Verilog unit (gen/emit/*.cpp).
#include <string>

#include "unit.h"

namespace edgesa::gen {

VerilogUnit emit_fp32_mul(const GenContext& ctx);
VerilogUnit emit_fp32_add(const GenContext& ctx);
VerilogUnit emit_fixed_mul(const GenContext& ctx);
VerilogUnit emit_fixed_add(const GenContext& ctx);
VerilogUnit emit_adder_tree(const GenContext& ctx);
VerilogUnit emit_cf_const_calc(const GenContext& ctx);
VerilogUnit emit_cf_encode(const GenContext& ctx);
VerilogUnit emit_cf_decode(const GenContext& ctx);
VerilogUnit emit_stream_pipe(const GenContext& ctx);
VerilogUnit emit_compressor_engine(const GenContext& ctx);
VerilogUnit emit_decompressor_engine(const GenContext& ctx);
VerilogUnit emit_fixed_convert(const GenContext& ctx);
VerilogUnit emit_converter_engine(const GenContext& ctx);
VerilogUnit emit_storage_to_fixed(const GenContext& ctx);  // gen/emit/lane_convert.cpp
VerilogUnit emit_fixed_to_storage(const GenContext& ctx);
VerilogUnit emit_mult_cell(const GenContext& ctx);
VerilogUnit emit_systolic_array(const GenContext& ctx);
VerilogUnit emit_accumulator(const GenContext& ctx);
VerilogUnit emit_act_lane(const GenContext& ctx);
VerilogUnit emit_act_pool(const GenContext& ctx);
VerilogUnit emit_pool_lane(const GenContext& ctx);
VerilogUnit emit_pool_unit(const GenContext& ctx);
VerilogUnit emit_datapath(const GenContext& ctx);
VerilogUnit emit_engine_bank(const GenContext& ctx);
VerilogUnit emit_block_streamer(const GenContext& ctx);
VerilogUnit emit_array_ctrl(const GenContext& ctx);
VerilogUnit emit_writeback(const GenContext& ctx);
VerilogUnit emit_top(const GenContext& ctx);

// Sizes of the top's buses and buffers derived from the config (gen/emit/top.cpp); the Verilator
// runner (verify/rtl_runner) sizes the memory port from the same numbers.
struct TopGeometry {
    int64_t burst_bytes = 0;
    int64_t rd_max = 1;      // read bursts the DRAM model can deliver in one edge
    int64_t fifo_bytes = 0;  // the streamer's credit (sim/streamer)
    int64_t buf_bytes = 0;   // circular read buffer (power of two)
    int64_t wr_max = 1;      // write bursts outstanding (fifo.write_depth) = bursts per request
    int64_t max_bias = 64;   // bias registers (values)
    int64_t beat_lanes = 1;  // value lanes of a beat: max(act_pool.lanes, width)
    // Bits of a beat's value lane: max(32, accumulator_bits) (a drain beat carries accumulator
    // raws, which fixed compute may make up to 48 bits wide).
    int64_t val_bits = 32;
    int64_t tok_bits = 0, beat_bits = 0;
};
TopGeometry top_geometry(const AccelConfig& cfg);

// Shared helpers of the datapath emitters (gen/emit/adder_tree.cpp).
std::string adder_module(const AccelConfig& cfg);   // edgesa_fp32_add or edgesa_fixed_add
int leaf_bits(const AccelConfig& cfg);              // product width entering a tree
int sum_bits(const AccelConfig& cfg);               // tree and accumulator width
// Act/pool lane width: max(accumulator, operand) bits (max pool compares operand raws, window
// sums saturate at the accumulator width).
int pool_lane_bits(const AccelConfig& cfg);
int slot_bits(const AccelConfig& cfg);              // weight-slot index width (>= 1)
int row_bits(const AccelConfig& cfg);               // row index width (>= 1)
int accumulator_addr_bits(const AccelConfig& cfg);  // accumulator entry index width (>= 1)

}  // namespace edgesa::gen
