#include "report/area_model.h"

#include "report/tech_node.h"

namespace edgesa::sim {

using namespace area45;

double AreaBreakdown::total_um2() const {
    double t = 0;
    for (double v : um2) t += v;
    return t;
}

namespace {

double mult_um2(const AccelConfig& c) {
    if (!c.derived.fixed_compute) return kFp32MultUm2;
    const double b = c.derived.operand_bits / 32.0;
    return kInt32MultUm2 * b * b;
}

double add_um2(const AccelConfig& c) {
    return c.derived.fixed_compute ? kInt32AddUm2 * double(c.compute.accumulator_bits) / 32.0
                                   : kFp32AddUm2;
}

double regs_um2(double bits) {
    return bits * kFlipFlopUm2;
}

// A 32-bit barrel shifter: 5 levels of 32 two-input multiplexers.
constexpr double kShifterUm2 = 5 * 32 * kMux2Um2;
// One SIEVE-style engine (seed 000 L883): the compressor compares against Min/2, Min and Max
// (three 32-bit compares), adjusts the exponent (an 8-bit add), shifts the mantissa and the
// exponent into place (two barrel shifters) and has its pipeline register (32 bits + tag); the
// decompressor is one add, one shifter and the register.
constexpr double kEngineRegBits = 40;
constexpr double kCompressorUm2 =
    3 * kInt32AddUm2 + kInt32AddUm2 / 4 + 2 * kShifterUm2 + kEngineRegBits * kFlipFlopUm2;
constexpr double kDecompressorUm2 = kInt32AddUm2 / 4 + kShifterUm2 + kEngineRegBits * kFlipFlopUm2;
// The constant calculator shared by a bank: eight 8-bit constants held in registers, two adds.
constexpr double kConstCalcUm2 = 64 * kFlipFlopUm2 + 2 * kInt32AddUm2 / 4;

}  // namespace

AreaBreakdown device_area(const AccelConfig& c) {
    const double rows = double(c.array.rows), width = double(c.array.width), cells = rows * width;
    const double op_bits = c.derived.operand_bits;
    const double acc_bits = c.derived.fixed_compute ? double(c.compute.accumulator_bits) : 32.0;
    double a[kComponents] = {};
    // Multipliers and the registers after them (array.multiplier_stages, product width).
    a[int(Component::kMultipliers)] =
        cells * (mult_um2(c) + regs_um2(double(c.array.multiplier_stages) * acc_bits));
    // width - 1 adders per row and the registered tree stages (at most width values per stage).
    a[int(Component::kAdderTrees)] =
        rows *
        ((width - 1) * add_um2(c) + regs_um2(double(c.derived.tree_stages) * width * acc_bits / 2));
    // Every cell holds buffer_depth stationary operands and its streaming operand register.
    a[int(Component::kCellBuffers)] =
        regs_um2(cells * (double(c.array.buffer_depth) + 1) * op_bits);
    // One SRAM of depth x accumulator width per row, and its adder.
    a[int(Component::kAccumulators)] =
        rows * (double(c.accumulator.depth) * acc_bits * kSramBitUm2 + add_um2(c));
    a[int(Component::kDecompressor)] =
        double(c.decompressor.engines) * kDecompressorUm2 + kConstCalcUm2;
    a[int(Component::kCompressor)] = double(c.compressor.engines) * kCompressorUm2 + kConstCalcUm2;
    // A lane: one compare (max pool, ReLU), one add (average pool, bias) and two value registers.
    a[int(Component::kActPool)] = double(c.act_pool.lanes) * (2 * kInt32AddUm2 + regs_um2(64));
    const double fifo_bits =
        8.0 * double(c.dram.burst_bytes) * double(c.fifo.read_depth + c.fifo.write_depth) +
        double(c.fifo.stream_depth) * width * 32 + double(c.fifo.result_depth) * 32;
    a[int(Component::kFifos)] = regs_um2(fifo_bits);
    const NodeScale s = node_scale(c.area.node);
    AreaBreakdown b;
    b.node_nm = s.nm;
    for (int i = 0; i < kComponents; ++i) b.um2[size_t(i)] = a[i] * s.area;
    return b;
}

}  // namespace edgesa::sim
