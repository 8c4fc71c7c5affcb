// edgesa_axi_bd.tcl: a Vivado script that builds a Zynq-7020 block design around
// edgesa_axi_top (docs/fpga.md, "AXI top"): the PS7 with FCLK_CLK0 at clock.mhz, the wrapper as
// a module reference, its AXI4 master through an interconnect to the HP0 port (which converts the
// AXI data width to HP0's 64 bits), its AXI4-Lite slave behind GP0, irq_o on IRQ_F2P. First it
// synthesises edgesa_axi_top out of context with the generated XDC (the clock of clock.mhz).
// Untested in Vivado (not available where edgesa is developed); tests/fpga runs it in tclsh
// against stub commands, which checks its Tcl and that it names the design's files.
#include <fmt/format.h>

#include "fpga.h"

namespace edgesa::gen {

std::string vivado_bd_text(const AccelConfig& cfg) {
    return fmt::format(
        R"(# Usage: vivado -mode batch -source edgesa_axi_bd.tcl [-tclargs PART]
# (from any folder; the project goes to vivado_edgesa_axi/ beside this script).
set dir [file dirname [file normalize [info script]]]
set part xc7z020clg400-1
if {{[llength $argv] > 0}} {{ set part [lindex $argv 0] }}
set fclk_mhz {mhz}

create_project edgesa_axi $dir/vivado_edgesa_axi -part $part -force
# The design: files.f (dependencies first), the header the modules include, the clock XDC.
set fl [open $dir/files.f]
foreach line [split [read $fl] "\n"] {{
  set line [string trim $line]
  if {{$line ne "" && ![string match "//*" $line]}} {{ add_files -norecurse $dir/$line }}
}}
close $fl
add_files -norecurse $dir/edgesa_hw_params.vh
set_property file_type {{Verilog Header}} [get_files edgesa_hw_params.vh]
set_property include_dirs $dir [current_fileset]

# 1. edgesa_axi_top alone, out of context, against the generated clock (clk_i at clock.mhz);
#    in the block design FCLK_CLK0 clocks it instead (the PS7 constrains that clock).
add_files -fileset constrs_1 -norecurse $dir/edgesa_top.xdc
set_property USED_IN {{synthesis out_of_context}} [get_files edgesa_top.xdc]
synth_design -top edgesa_axi_top -part $part -mode out_of_context -include_dirs $dir
report_utilization -file $dir/vivado_edgesa_axi_top_utilization.txt
report_timing_summary -file $dir/vivado_edgesa_axi_top_timing.txt
close_design

# 2. The block design: PS7, the accelerator on HP0 (memory) and GP0 (registers), irq_o.
create_bd_design edgesa
create_bd_cell -type ip -vlnv xilinx.com:ip:processing_system7:5.5 ps7
apply_bd_automation -rule xilinx.com:bd_rule:processing_system7 \
  -config {{make_external "FIXED_IO, DDR" apply_board_preset "0" Master "Disable" Slave "Disable"}} \
  [get_bd_cells ps7]
set_property -dict [list CONFIG.PCW_USE_M_AXI_GP0 {{1}} CONFIG.PCW_USE_S_AXI_HP0 {{1}} \
  CONFIG.PCW_S_AXI_HP0_DATA_WIDTH {{64}} CONFIG.PCW_FPGA0_PERIPHERAL_FREQMHZ $fclk_mhz \
  CONFIG.PCW_USE_FABRIC_INTERRUPT {{1}} CONFIG.PCW_IRQ_F2P_INTR {{1}}] [get_bd_cells ps7]
create_bd_cell -type module -reference edgesa_axi_top accel
# GP0 -> the AXI4-Lite registers; the accelerator's AXI4 master -> HP0 (DDR). The automation
# adds the interconnects, a processor system reset for rst_ni and FCLK_CLK0 on every clock.
apply_bd_automation -rule xilinx.com:bd_rule:axi4 \
  -config {{Master "/ps7/M_AXI_GP0" intc_ip "New AXI Interconnect" Clk_xbar "Auto" Clk_master "Auto" Clk_slave "Auto"}} \
  [get_bd_intf_pins accel/s_axil]
apply_bd_automation -rule xilinx.com:bd_rule:axi4 \
  -config {{Master "/accel/m_axi" Slave "/ps7/S_AXI_HP0" intc_ip "New AXI Interconnect" Clk_xbar "Auto" Clk_master "Auto" Clk_slave "Auto"}} \
  [get_bd_intf_pins ps7/S_AXI_HP0]
connect_bd_net [get_bd_pins accel/irq_o] [get_bd_pins ps7/IRQ_F2P]
assign_bd_address
validate_bd_design
save_bd_design
add_files -norecurse [make_wrapper -files [get_files edgesa.bd] -top]
set_property top edgesa_wrapper [current_fileset]
puts "edgesa_axi_bd.tcl: block design edgesa ({name}) on $part; next: launch_runs impl_1 -to_step write_bitstream"
)",
        fmt::arg("mhz", cfg.clock.mhz), fmt::arg("name", cfg.name));
}

}  // namespace edgesa::gen
