#pragma once
// The hardware components the energy and area reports are split into (docs/energy.md). Energy
// has no FIFO part (their accesses are in the units that use them); area has no DRAM, link or
// static part.
#include <array>

namespace edgesa::sim {

enum class Component {
    kMultipliers,
    kAdderTrees,
    kCellBuffers,
    kAccumulators,
    kDecompressor,
    kCompressor,
    kActPool,
    kFifos,
    kDram,
    kLink,
    kStatic,
    kCount
};
constexpr int kComponents = int(Component::kCount);
const char* component_name(Component c);  // "multipliers", "adder_trees", ...

constexpr std::array<Component, 10> kEnergyComponents = {
    Component::kMultipliers,  Component::kAdderTrees,   Component::kCellBuffers,
    Component::kAccumulators, Component::kDecompressor, Component::kCompressor,
    Component::kActPool,      Component::kDram,         Component::kLink,
    Component::kStatic};
constexpr std::array<Component, 8> kAreaComponents = {
    Component::kMultipliers,  Component::kAdderTrees,   Component::kCellBuffers,
    Component::kAccumulators, Component::kDecompressor, Component::kCompressor,
    Component::kActPool,      Component::kFifos};

}  // namespace edgesa::sim
