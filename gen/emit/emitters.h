#pragma once
// One emitter per generated Verilog unit (gen/emit/*.cpp); the library units' emitters
// (fp32 mul/add, cf const calc/encode/decode, fixed convert, lane converters, fp32 act lane) copy
// their gen/rtl/*.v file (gen/emit/library.cpp).
#include <string>

#include "unit.h"

namespace edgesa::gen {

VerilogUnit emit_hw_params(const GenContext& ctx);  // the generated header edgesa_hw_params.vh
VerilogUnit emit_fp32_mul(const GenContext& ctx);
VerilogUnit emit_fp32_add(const GenContext& ctx);
VerilogUnit emit_fixed_mul(const GenContext& ctx);
VerilogUnit emit_fixed_add(const GenContext& ctx);
VerilogUnit emit_adder_tree(const GenContext& ctx);
VerilogUnit emit_cf_const_calc(const GenContext& ctx);
VerilogUnit emit_cf_encode(const GenContext& ctx);
VerilogUnit emit_cf_decode(const GenContext& ctx);
VerilogUnit emit_fixed_convert(const GenContext& ctx);
VerilogUnit emit_storage_to_fixed(const GenContext& ctx);
VerilogUnit emit_fixed_to_storage(const GenContext& ctx);
VerilogUnit emit_mult_cell(const GenContext& ctx);
VerilogUnit emit_systolic_array(const GenContext& ctx);
VerilogUnit emit_accumulator(const GenContext& ctx);
VerilogUnit emit_act_lane(const GenContext& ctx);
VerilogUnit emit_fixed_act(const GenContext& ctx);
VerilogUnit emit_pool_lane(const GenContext& ctx);
VerilogUnit emit_fifo(const GenContext& ctx);  // gen/rtl/edgesa_fifo.v
VerilogUnit emit_engine_bank(const GenContext& ctx);
VerilogUnit emit_block_streamer(const GenContext& ctx);
VerilogUnit emit_array_ctrl(const GenContext& ctx);
VerilogUnit emit_writeback(const GenContext& ctx);
VerilogUnit emit_top(const GenContext& ctx);
VerilogUnit emit_axi_top(const GenContext& ctx);  // gen/rtl/edgesa_axi_top.v: the AXI wrapper

// Shared helper of the datapath emitters (gen/emit/adder_tree.cpp); widths, sizes and offsets
// come from ctx.hw (core/hw/hw_layout.h).
std::string adder_module(const AccelConfig& cfg);  // edgesa_fp32_add or edgesa_fixed_add

}  // namespace edgesa::gen
