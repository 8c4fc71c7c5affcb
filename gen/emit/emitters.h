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

// Shared helpers of the datapath emitters (gen/emit/adder_tree.cpp).
std::string adder_module(const AccelConfig& cfg);  // edgesa_fp32_add or edgesa_fixed_add
int leaf_bits(const AccelConfig& cfg);             // product width entering a tree
int sum_bits(const AccelConfig& cfg);              // tree and accumulator width

}  // namespace edgesa::gen
