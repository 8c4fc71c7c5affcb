#pragma once
// Energy of one layer split by component (docs/energy.md). Every part is an integer number of
// femtojoules, so the parts of a layer, the layers of a run and the run's parts add up exactly.
#include <array>
#include <cstdint>

#include "common/sim_context.h"
#include "config/accel_config.h"
#include "report/component.h"

namespace edgesa::sim {

struct EnergyBreakdown {
    std::array<uint64_t, kComponents> fj{};  // by Component; only kEnergyComponents are set
    uint64_t total_fj() const;
    double total_pj() const { return double(total_fj()) / 1e3; }
    EnergyBreakdown& operator+=(const EnergyBreakdown& o);
};

// One layer's energy from its counters and the config's per-event table at cfg.energy.node.
EnergyBreakdown layer_energy(const AccelConfig& cfg, const LayerStats& st, uint64_t cycles);

}  // namespace edgesa::sim
