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
VerilogUnit emit_mult_cell(const GenContext& ctx);
VerilogUnit emit_systolic_array(const GenContext& ctx);
VerilogUnit emit_accumulator(const GenContext& ctx);
VerilogUnit emit_act_lane(const GenContext& ctx);
VerilogUnit emit_act_pool(const GenContext& ctx);
VerilogUnit emit_pool_lane(const GenContext& ctx);
VerilogUnit emit_pool_unit(const GenContext& ctx);
VerilogUnit emit_top(const GenContext& ctx);

// Shared helpers of the datapath emitters (gen/emit/adder_tree.cpp).
std::string adder_module(const AccelConfig& cfg);   // edgesa_fp32_add or edgesa_fixed_add
int leaf_bits(const AccelConfig& cfg);              // product width entering a tree
int sum_bits(const AccelConfig& cfg);               // tree and accumulator width
int slot_bits(const AccelConfig& cfg);              // weight-slot index width (>= 1)
int row_bits(const AccelConfig& cfg);               // row index width (>= 1)
int accumulator_addr_bits(const AccelConfig& cfg);  // accumulator entry index width (>= 1)

}  // namespace edgesa::gen
