#include "report/layer_bounds.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace edgesa::sim {

namespace {

// Edges around the DRAM latency in the read loop (sim/streamer, sim/memory): a request is in
// flight for the latency plus its request and response registers; its FIFO bytes are held until
// the streamer has taken the whole vector they belong to, 5 edges after delivery. Measured on the
// seed design (docs/performance.md, "Bounds and bottlenecks"): the smallest max_outstanding and
// read_depth that reach the bandwidth bound are 9 and 14 bursts, exactly these formulas.
constexpr int64_t kRequestEdges = 2, kConsumeEdges = 5;

uint64_t div_up(double a, double b) {
    return b > 0 ? uint64_t(std::ceil(a / b - 1e-9)) : 0;
}

}  // namespace

ReadLoop read_loop(const AccelConfig& cfg) {
    const double bpc = cfg.derived.dram_bytes_per_cycle, burst = double(cfg.dram.burst_bytes);
    ReadLoop r;
    r.round_trip_cycles = cfg.derived.dram_latency_cycles + kRequestEdges + kConsumeEdges;
    r.outstanding_needed =
        int64_t(div_up(bpc * double(cfg.derived.dram_latency_cycles + kRequestEdges), burst));
    r.fifo_needed = int64_t(div_up(bpc * double(r.round_trip_cycles), burst));
    return r;
}

uint64_t LayerBounds::largest() const {
    return std::max({compute, dram, row0, decode, drain});
}

LayerBounds layer_bounds(const AccelConfig& cfg, const LayerProgram& lp, const LayerStats& st) {
    LayerBounds b;
    const double burst = double(cfg.dram.burst_bytes);
    b.achieved = st.end_cycle >= st.start_cycle && st.end_cycle != kNever
                     ? st.end_cycle - st.start_cycle
                     : 0;
    b.compute = div_up(double(lp.macs), double(cfg.derived.peak_macs_per_cycle));
    b.dram = div_up(double(st.dram_read_bursts + st.dram_write_bursts) * burst,
                    cfg.derived.dram_bytes_per_cycle);
    b.row0 = st.fill_vectors + st.stream_issues + st.pass_vectors;
    b.decode = div_up(double(st.decoded_values), double(cfg.decompressor.engines));
    b.drain = std::max(div_up(double(st.act_pool_values), double(cfg.act_pool.lanes)),
                       div_up(double(st.compressed_values), double(cfg.compressor.engines)));
    const uint64_t big = b.largest();
    if (b.achieved == 0) {
        b.limit = "none";
        b.knob = "no device work (host or no-op layer)";
        b.at_bound = true;
        return b;
    }
    b.at_bound = double(b.achieved) <= 1.25 * double(big);
    const ReadLoop rl = read_loop(cfg);
    const bool loop_short =
        cfg.fifo.read_depth < rl.fifo_needed || cfg.dram.max_outstanding < rl.outstanding_needed;
    auto latency_knob = [&] {
        b.limit = "dram_latency";
        b.knob = fmt::format(
            "fifo.read_depth >= {} and dram.max_outstanding >= {} bursts to cover latency x "
            "bandwidth "
            "(Little's law: {:.1f} B/cycle x {} cycles round trip / {} B bursts)",
            rl.fifo_needed, rl.outstanding_needed, cfg.derived.dram_bytes_per_cycle,
            rl.round_trip_cycles, cfg.dram.burst_bytes);
        b.knob_set = {
            {"fifo.read_depth",
             std::to_string(std::max<int64_t>(rl.fifo_needed, cfg.fifo.read_depth))},
            {"dram.max_outstanding",
             std::to_string(std::max<int64_t>(rl.outstanding_needed, cfg.dram.max_outstanding))}};
    };
    auto drain_knob = [&] {
        b.limit = b.at_bound ? "drain" : "writeback";
        const int64_t lanes = std::max<int64_t>(cfg.act_pool.lanes * 4, 1);
        b.knob = fmt::format(
            "act_pool.lanes and compressor.engines >= {} (now {} and {}): the outputs "
            "leave at {} values per cycle",
            lanes, cfg.act_pool.lanes, cfg.compressor.engines,
            std::min(cfg.act_pool.lanes, cfg.compressor.engines));
        b.knob_set = {
            {"act_pool.lanes", std::to_string(lanes)},
            {"compressor.engines", std::to_string(std::max(lanes, cfg.compressor.engines))}};
    };
    // Pours through row 0: a block used for fewer stream vectors than it takes to pour (fc layers
    // of one image) gains nothing from deeper buffers; only reuse across images does.
    auto pour_knob = [&] {
        if (lp.L > 0 && lp.L < cfg.array.rows) {
            b.knob = fmt::format(
                "each weight block takes {} pour cycles through row 0 and meets only {} stream "
                "vector(s): batch images (edgesa run --images N) where the blocks stay resident, "
                "or narrower weight storage (edgesa trace compress)",
                cfg.array.rows, lp.L);
            return;
        }
        b.knob = fmt::format(
            "row 0 pours {} weight vectors besides {} stream vectors: deeper cell buffers keep "
            "weight blocks resident (array.buffer_depth, now {})",
            st.fill_vectors, st.stream_issues, cfg.array.buffer_depth);
        b.knob_set = {{"array.buffer_depth",
                       std::to_string(std::min<int64_t>(cfg.array.buffer_depth * 4, 64))}};
    };
    if (b.at_bound) {
        if (big == b.compute) {
            b.limit = "compute";
            b.knob = fmt::format(
                "at its compute bound: only more multipliers move it (array.rows x array.width "
                "= {} MACs/cycle)",
                cfg.derived.peak_macs_per_cycle);
            b.knob_set = {{"array.rows", std::to_string(cfg.array.rows * 2)}};
        } else if (big == b.dram) {
            b.limit = "dram_bandwidth";
            b.knob = fmt::format(
                "at its DRAM bandwidth bound: dram.bandwidth_gbps (now {}), or fewer bytes "
                "(narrower storage formats: edgesa trace compress)",
                cfg.dram.bandwidth_gbps);
            b.knob_set = {{"dram.bandwidth_gbps", fmt::format("{}", cfg.dram.bandwidth_gbps * 2)}};
            if (loop_short) {  // the loop must keep up with the doubled bandwidth too
                AccelConfig twice = cfg;
                twice.derived.dram_bytes_per_cycle *= 2;
                const ReadLoop r2 = read_loop(twice);
                b.knob_set.push_back(
                    {"fifo.read_depth",
                     std::to_string(std::max(r2.fifo_needed, cfg.fifo.read_depth))});
                b.knob_set.push_back(
                    {"dram.max_outstanding",
                     std::to_string(std::max(r2.outstanding_needed, cfg.dram.max_outstanding))});
            }
        } else if (big == b.row0) {
            b.limit = "row0_pour";
            pour_knob();
        } else if (big == b.decode) {
            b.limit = "decompressor";
            b.knob = fmt::format(
                "decompressor.engines >= {} (one vector of array.width values per cycle)",
                cfg.array.width);
            b.knob_set = {
                {"decompressor.engines",
                 std::to_string(std::max(cfg.array.width, cfg.decompressor.engines * 2))}};
        } else {
            drain_knob();
        }
        return b;
    }
    // Far from every bound: the largest stall cause says what the array waited for.
    const uint64_t mem = st.stall[kStallMemory], fill = st.stall[kStallWeightFill];
    const uint64_t dec = st.stall[kStallDecompressor], wb = st.stall[kStallWriteback];
    const uint64_t excess = b.achieved - std::min(b.achieved, big);
    const uint64_t top = std::max({mem, dec, wb});
    if (top * 4 < excess && fill * 4 < excess) {
        b.limit = "pipeline_latency";
        b.knob =
            "fill and drain of the pipelines dominate this small layer: batch images (edgesa run "
            "--images N) "
            "or fewer pipeline stages";
        return b;
    }
    if (mem >= dec && mem >= wb && (mem >= fill || loop_short)) {
        if (loop_short)
            latency_knob();
        else {
            b.limit = "dram_bandwidth";
            b.knob = fmt::format(
                "DRAM bandwidth (dram.bandwidth_gbps, now {}) or narrower storage formats",
                cfg.dram.bandwidth_gbps);
            b.knob_set = {{"dram.bandwidth_gbps", fmt::format("{}", cfg.dram.bandwidth_gbps * 2)}};
        }
    } else if (wb >= dec && wb >= fill) {
        drain_knob();
    } else if (dec >= fill) {
        b.limit = "decompressor";
        b.knob = fmt::format("decompressor.engines >= {} (now {})", cfg.array.width,
                             cfg.decompressor.engines);
        b.knob_set = {{"decompressor.engines",
                       std::to_string(std::max(cfg.array.width, cfg.decompressor.engines * 2))}};
    } else {
        b.limit = "weight_pour";
        pour_knob();
    }
    return b;
}

std::vector<std::string> config_warnings(const AccelConfig& cfg) {
    std::vector<std::string> w;
    const ReadLoop rl = read_loop(cfg);
    const std::string why = fmt::format("latency x bandwidth = {} cycles x {:.2f} B/cycle",
                                        rl.round_trip_cycles, cfg.derived.dram_bytes_per_cycle);
    if (cfg.fifo.read_depth < rl.fifo_needed)
        w.push_back(fmt::format(
            "fifo.read_depth = {} bursts cannot cover {}: reads reach at most {:.1f} of "
            "{:.1f} B/cycle; set fifo.read_depth >= {}",
            cfg.fifo.read_depth, why,
            double(cfg.fifo.read_depth * cfg.dram.burst_bytes) / double(rl.round_trip_cycles),
            cfg.derived.dram_bytes_per_cycle, rl.fifo_needed));
    if (cfg.dram.max_outstanding < rl.outstanding_needed)
        w.push_back(fmt::format(
            "dram.max_outstanding = {} requests cannot cover {}; set dram.max_outstanding >= {}",
            cfg.dram.max_outstanding, why, rl.outstanding_needed));
    // With a one-chunk reduction (K <= width) every row finishes a value per stream issue.
    if (cfg.act_pool.lanes < cfg.array.rows)
        w.push_back(fmt::format(
            "act_pool.lanes = {} cannot drain as fast as the array produces when a layer's "
            "reduction fits one width chunk ({} rows finish a value per cycle); the drain "
            "bound is out values / {}",
            cfg.act_pool.lanes, cfg.array.rows, cfg.act_pool.lanes));
    if (cfg.compressor.engines < cfg.act_pool.lanes)
        w.push_back(fmt::format(
            "compressor.engines = {} < act_pool.lanes = {}: the compressors, not the lanes, "
            "set the drain rate",
            cfg.compressor.engines, cfg.act_pool.lanes));
    return w;
}

}  // namespace edgesa::sim
