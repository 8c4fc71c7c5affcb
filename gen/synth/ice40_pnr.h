#pragma once
// `edgesa synth --target ice40 --pnr` after yosys (docs/fpga.md): nextpnr-ice40 places and routes
// the synthesised netlist with the wrapper's PCF at clock.mhz, icepack writes the bitstream. The
// figures come from nextpnr itself: its "Device utilisation" table (printed after packing, also
// when the design does not fit) and its --report JSON (achieved Fmax per clock).
#include <cstdint>
#include <map>
#include <string>

#include "emit/fpga.h"

namespace edgesa::gen {

struct Ice40Use {
    int64_t used = 0, available = 0;
};

struct Ice40PnrResult {
    std::string device, package;
    bool fits = false;  // nextpnr placed and routed it
    // nextpnr counted cells within the device but could not place them all ("Unable to find
    // legal placement ... utilisation limit"): does not fit either
    bool placement_full = false;
    std::map<std::string, Ice40Use> utilisation;  // nextpnr's cell types (ICESTORM_LC, SB_IO...)
    double fmax_mhz = 0;    // nextpnr's achieved Fmax of clk_i (0 when not routed)
    double target_mhz = 0;  // clock.mhz
    std::string asc, bitstream, report, log;  // paths in the work directory
    double seconds = 0;                       // wall time of nextpnr and icepack
    Ice40Use use(const std::string& type) const {
        auto it = utilisation.find(type);
        return it == utilisation.end() ? Ice40Use{} : it->second;
    }
    bool meets_timing() const { return fits && fmax_mhz >= target_mhz; }
};

// Reads nextpnr's "Device utilisation:" table from its log text.
std::map<std::string, Ice40Use> parse_nextpnr_utilisation(const std::string& log_text);
// The lowest achieved Fmax of the clocks in nextpnr's --report JSON text (0 when none).
double parse_nextpnr_fmax(const std::string& report_json);

// Runs nextpnr-ice40 on `netlist_json` (yosys write_json) with `pcf` for `dev` at `mhz`, then
// icepack when it fits. A design that does not fit (more cells than the device has, or too
// many to place) is a result (fits = false), not an error;
// anything else nextpnr or icepack refuses throws std::runtime_error with the log's tail.
Ice40PnrResult run_ice40_pnr(const std::string& netlist_json, const std::string& pcf,
                             const Ice40Device& dev, double mhz, const std::string& work_dir);

}  // namespace edgesa::gen
