#pragma once
// `edgesa synth --target ice40 --pnr [--device up5k|hx8k]` (app/cmd_synth_pnr.cpp, docs/fpga.md).
#include <string>

#include "config/accel_config.h"

namespace edgesa {

struct PnrArgs {
    std::string config_path;  // as given (file banners)
    std::string device = "up5k";
    std::string work;  // output folder ("" = ./pnr_<config name>_<device>)
    bool json = false;
    bool area = false;  // --area: synth_ice40 -abc9 -dff -nocarry (fewer LCs, lower Fmax)
};

// Generates the design and the wrapper, runs yosys, nextpnr-ice40 and icepack, prints the report.
// Throws CommandOutcome (app/guarded_main.h) with kExitDoesNotFit / kExitMissesTiming after the
// report when the design does not fit or misses clock.mhz.
void run_synth_pnr(const AccelConfig& cfg, const PnrArgs& args);

}  // namespace edgesa
