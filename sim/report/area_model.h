#pragma once
// A per-component area estimate of one device (docs/energy.md, "Area"): multipliers and adders
// by operand width, register and SRAM bits, codec engines and act/pool lanes, built from 45 nm
// figures with their sources and scaled to cfg.area.node. The control units (streamer, array
// control, write-back) are not modelled; docs/energy.md gives the ratio to `edgesa synth`.
#include <array>
#include <string>

#include "config/accel_config.h"
#include "report/component.h"

namespace edgesa::sim {

struct AreaBreakdown {
    std::array<double, kComponents>
        um2{};  // by Component; only kAreaComponents are set  // per device, at `node_nm`
    int node_nm = 45;
    double total_um2() const;
};

AreaBreakdown device_area(const AccelConfig& cfg);

// The 45 nm unit figures the model is built from (also used by the calibration test).
namespace area45 {
constexpr double kFp32MultUm2 = 7700;   // Horowitz ISSCC 2014, Fig. 1.1.9
constexpr double kFp32AddUm2 = 4184;    // same
constexpr double kInt32MultUm2 = 3495;  // same; scaled by (bits/32)^2
constexpr double kInt32AddUm2 = 137;    // same; scaled by bits/32
constexpr double kFlipFlopUm2 = 4.522;  // NanGate 45 nm Open Cell Library, DFF_X1
constexpr double kMux2Um2 = 1.862;      // NanGate 45 nm, MUX2_X1
constexpr double kNand2Um2 = 0.798;     // NanGate 45 nm, NAND2_X1 (4 transistors)
constexpr double kSramBitUm2 =
    0.346 * 2;  // Intel 45 nm 6T cell (IEDM 2007) at 50 % array efficiency
}  // namespace area45

}  // namespace edgesa::sim
