#pragma once
// What the FPGA flows need beside the design (docs/fpga.md): the clock constraint files and the
// pinned iCE40 wrapper that `edgesa synth --target ice40 --pnr` places and routes.
#include <string>
#include <vector>

#include "unit.h"

namespace edgesa::gen {

// The clock period of every constraint file, from the validated clock.mhz: 1000 / mhz ns,
// as text with three decimals ("10.000").
std::string clock_period_ns(const AccelConfig& cfg);

// edgesa_top.sdc (generic SDC: create_clock on clk_i, rst_ni a false path) and edgesa_top.xdc
// (Vivado: the same clock; the top's ports are not package pins, see the file's comment). The
// caller adds the banner.
std::string sdc_text(const AccelConfig& cfg);
std::string xdc_text(const AccelConfig& cfg);

// An iCE40 part edgesa places on: nextpnr's device option, its package and the wrapper's pins.
struct Ice40Device {
    std::string name;                                       // up5k, hx8k (the --device value)
    std::string nextpnr;                                    // --up5k, --hx8k
    std::string package;                                    // sg48, ct256
    std::string board;                                      // the board whose pins the PCF uses
    int64_t lcs = 0, rams = 0, dsps = 0, ios = 0;           // what the package offers
    std::vector<std::pair<std::string, std::string>> pins;  // wrapper port -> package pin
};
const std::vector<Ice40Device>& ice40_devices();
// The PCF of the wrapper on `dev`: its five pins and set_frequency clk_i clock.mhz.
std::string ice40_pcf_text(const AccelConfig& cfg, const Ice40Device& dev);
std::string ice40_pcf_name(const Ice40Device& dev);  // edgesa_ice40_wrap_<name>.pcf

// edgesa_axi_bd.tcl: a Vivado script, a Zynq-7020 block design with edgesa_axi_top on HP0 and
// GP0 (docs/fpga.md, "AXI top"; untested in Vivado). The caller adds the banner.
std::string vivado_bd_text(const AccelConfig& cfg);

// edgesa_ice40_wrap: five pins around edgesa_top (clk_i, rst_ni, sin_i, sout_o, done_o). Every
// input of the top is a bit of a shift register fed from sin_i, every output goes into a
// registered XOR signature on sout_o, so synthesis keeps all of the top's logic.
VerilogUnit emit_ice40_wrap(const GenContext& ctx);

}  // namespace edgesa::gen
