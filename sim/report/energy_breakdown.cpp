#include "report/energy_breakdown.h"

#include <cmath>

#include "report/tech_node.h"

namespace edgesa::sim {

uint64_t EnergyBreakdown::total_fj() const {
    uint64_t t = 0;
    for (uint64_t v : fj) t += v;
    return t;
}

EnergyBreakdown& EnergyBreakdown::operator+=(const EnergyBreakdown& o) {
    for (int i = 0; i < kComponents; ++i) fj[size_t(i)] += o.fj[size_t(i)];
    return *this;
}

EnergyBreakdown layer_energy(const AccelConfig& cfg, const LayerStats& st, uint64_t cycles) {
    const auto& e = cfg.energy;
    const double k = node_scale(e.node).energy;  // on-chip events only
    const bool fixed = cfg.derived.fixed_compute;
    const double mult = (fixed ? e.mult_fixed_pj : e.mult_fp32_pj) * k;
    const double add = (fixed ? e.add_fixed_pj : e.add_fp32_pj) * k;
    const double width = double(cfg.array.width);
    const double operand_bytes = cfg.derived.operand_bits / 8.0;
    const double cell_bytes =
        double(cfg.array.rows) * width * operand_bytes;  // one vector in every row
    const double burst = double(cfg.dram.burst_bytes);
    double pj[kComponents] = {};
    // Every cell multiplies at each stream issue (mac_slots = rows * width per issue); each row's
    // tree adds width - 1 products, and the accumulator adds the tree's sum once per row.
    pj[int(Component::kMultipliers)] = double(st.mac_slots) * mult;
    pj[int(Component::kAdderTrees)] = double(st.mac_slots) * (width - 1) / width * add;
    // Weight pours and streamed operands move down every row's registers and cell buffer.
    pj[int(Component::kCellBuffers)] =
        double(st.fill_vectors + st.stream_issues) * cell_bytes * e.reg_pj_per_byte * k;
    pj[int(Component::kAccumulators)] =
        double(st.mac_slots) / width * add +
        double(st.acc_writes) * 8.0 * e.sram_pj_per_byte * k;  // RMW of 4 B
    pj[int(Component::kDecompressor)] = double(st.decoded_values) * e.codec_pj_per_value * k;
    pj[int(Component::kCompressor)] = double(st.compressed_values) * e.codec_pj_per_value * k;
    pj[int(Component::kActPool)] = double(st.act_pool_values) * e.act_pool_pj_per_value * k;
    pj[int(Component::kDram)] =
        double(st.dram_read_bursts + st.dram_write_bursts) * burst * e.dram_pj_per_byte;
    pj[int(Component::kLink)] = double(st.link_bytes) * e.link_pj_per_byte;
    pj[int(Component::kStatic)] =
        e.static_mw * double(cycles) / cfg.clock.mhz * 1e3;  // mW * us -> pJ
    EnergyBreakdown b;
    for (int i = 0; i < kComponents; ++i) b.fj[size_t(i)] = uint64_t(std::llround(pj[i] * 1e3));
    return b;
}

}  // namespace edgesa::sim
