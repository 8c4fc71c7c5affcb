#pragma once
// Energy of one layer split by component (docs/energy.md). Every part is an integer number of
// femtojoules, so the parts of a layer, the layers of a run and the run's parts add up exactly.
#include <array>
#include <cstdint>

#include "common/sim_context.h"
#include "config/accel_config.h"

namespace edgesa::sim {

enum class EnergyPart {
    kMultipliers,
    kAdderTrees,
    kCellBuffers,
    kAccumulators,
    kDecompressor,
    kCompressor,
    kActPool,
    kDram,
    kLink,
    kStatic,
    kCount
};
constexpr int kEnergyParts = int(EnergyPart::kCount);
const char* energy_part_name(int part);  // "multipliers", "adder_trees", ...

struct EnergyBreakdown {
    std::array<uint64_t, kEnergyParts> fj{};
    uint64_t total_fj() const;
    double total_pj() const { return double(total_fj()) / 1e3; }
    EnergyBreakdown& operator+=(const EnergyBreakdown& o);
};

// One layer's energy from its counters and the config's per-event table at cfg.energy.node.
EnergyBreakdown layer_energy(const AccelConfig& cfg, const LayerStats& st, uint64_t cycles);

}  // namespace edgesa::sim
