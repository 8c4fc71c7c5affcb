#include "report/run_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "config/loader.h"
#include "report/area_model.h"
#include "report/energy_breakdown.h"
#include "report/layer_bounds.h"
#include "util/hash.h"
#include "version.h"

namespace edgesa::sim {

namespace {

nlohmann::ordered_json stall_json(const uint64_t* s) {
    nlohmann::ordered_json j;
    for (int i = 0; i < kStallCount; ++i) j[stall_name(i)] = s[i];
    return j;
}

// Energy parts in integer femtojoules, "total" last; the parts add up to it exactly.
nlohmann::ordered_json energy_json(const EnergyBreakdown& e) {
    nlohmann::ordered_json j;
    for (Component c : kEnergyComponents) j[component_name(c)] = e.fj[size_t(c)];
    j["total"] = e.total_fj();
    return j;
}

nlohmann::ordered_json bounds_json(const LayerBounds& b) {
    nlohmann::ordered_json set = nlohmann::ordered_json::object();
    for (const auto& [k, v] : b.knob_set) set[k] = v;
    return {{"compute", b.compute}, {"dram", b.dram},         {"row0", b.row0},
            {"decode", b.decode},   {"drain", b.drain},       {"achieved", b.achieved},
            {"limit", b.limit},     {"at_bound", b.at_bound}, {"knob", b.knob},
            {"knob_set", set}};
}

nlohmann::ordered_json area_json(const AccelConfig& cfg) {
    const AreaBreakdown a = device_area(cfg);
    nlohmann::ordered_json parts;
    for (Component c : kAreaComponents) parts[component_name(c)] = a.um2[size_t(c)] / 1e6;
    return {{"node_nm", a.node_nm},
            {"per_device_mm2", a.total_um2() / 1e6},
            {"devices", cfg.system.devices},
            {"components_mm2", parts}};
}

}  // namespace

std::string format_energy_pj(double pj) {
    const double uj = pj / 1e6;
    if (uj >= 1000) return fmt::format("{:.4g} mJ", uj / 1e3);
    if (uj >= 1) return fmt::format("{:.4g} uJ", uj);
    return fmt::format("{:.4g} nJ", pj / 1e3);
}

nlohmann::ordered_json run_report_json(const AccelConfig& cfg, const Network& net,
                                       const Program& prog, const SimResult& r,
                                       const RunInfo& info) {
    nlohmann::ordered_json j;
    j["edgesa_version"] = EDGESA_VERSION;
    j["config_hash"] = cfg.derived.hash;
    j["workload_hash"] = info.workload_hash;
    j["mode"] = info.mode;
    j["workload"] = info.workload;
    j["config"] = config_to_json(cfg);
    const uint64_t burst = uint64_t(cfg.dram.burst_bytes);
    const double peak = double(cfg.derived.peak_macs_per_cycle);
    uint64_t macs = 0, rd = 0, wr = 0, saved = 0, stall[kStallCount] = {};
    EnergyBreakdown energy;
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (size_t i = 0; i < prog.layers.size(); ++i) {
        const LayerProgram& lp = prog.layers[i];
        const LayerStats& st = r.layers[i];
        const uint64_t cycles = st.end_cycle >= st.start_cycle ? st.end_cycle - st.start_cycle : 0;
        const EnergyBreakdown e = layer_energy(cfg, st, cycles);
        uint64_t layer_saved = 0;
        nlohmann::ordered_json tensors;
        for (size_t t = 0; t < size_t(Tensor::kCount); ++t) {
            uint64_t bytes = lp.bytes[t], fp32 = lp.fp32_bytes[t];
            if (Tensor(t) == Tensor::kOutputs && lp.kind != LayerKind::kNoop &&
                lp.kind != LayerKind::kHost) {
                bytes = packed_bytes(lp.out_values, lp.out_bits);
                fp32 = packed_bytes(lp.out_values, 32);
            }
            tensors[to_string(Tensor(t))] = {{"bytes", bytes}, {"fp32_bytes", fp32}};
            layer_saved += fp32 - std::min(fp32, bytes);
        }
        nlohmann::ordered_json l;
        l["name"] = lp.name;
        l["type"] = to_string(lp.type);
        l["device"] = lp.device;
        l["branch"] = lp.branch;
        l["image"] = lp.image + 1;
        l["start_cycle"] = st.start_cycle;
        l["end_cycle"] = st.end_cycle;
        l["cycles"] = cycles;
        l["macs"] = lp.macs;
        l["utilization"] = cycles ? double(lp.macs) / (double(cycles) * peak) : 0.0;
        l["dram_read_bytes"] = st.dram_read_bursts * burst;
        l["dram_write_bytes"] = st.dram_write_bursts * burst;
        l["energy_pj"] = e.total_pj();
        l["energy_fj"] = energy_json(e);
        l["link_bytes"] = st.link_bytes;
        l["stall_cycles"] = stall_json(st.stall);
        l["host"] = lp.kind == LayerKind::kHost;
        // Unstructured sparsity is stored dense: a dense systolic array cannot skip zeros.
        l["density"] = net.layers[i].density;
        l["weight_fills"] = lp.weight_fills;
        l["weight_fills_skipped"] = lp.weight_fills_skipped;
        l["fill_vectors"] = st.fill_vectors;
        l["stream_issues"] = st.stream_issues;
        l["tiling"] = {{"groups", lp.groups},
                       {"K", lp.K},
                       {"R", lp.R},
                       {"N", lp.N},
                       {"KB", lp.KB},
                       {"RB", lp.RB},
                       {"G", lp.G},
                       {"L", lp.L},
                       {"resident_all", lp.resident_all},
                       {"slot_base", lp.slot_base}};
        l["tensors"] = tensors;
        if (!r.outputs.empty()) {  // functional mode: a digest of the stored output codes
            std::string bytes;
            for (int64_t v : r.outputs[i])
                bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
            l["output_hash"] = hash_hex(bytes);
        }
        const LayerProbe& pr = r.probes[i];
        auto cyc = [](uint64_t c) {
            return c == kNever ? nlohmann::ordered_json() : nlohmann::ordered_json(c);
        };
        l["probes"] = {{"first_read_request", cyc(pr.first_read_request)},
                       {"first_read_data", cyc(pr.first_read_data)},
                       {"first_token", cyc(pr.first_token)},
                       {"first_decoded", cyc(pr.first_decoded)},
                       {"first_issue", cyc(pr.first_issue)},
                       {"first_product", cyc(pr.first_product)},
                       {"first_tree_out", cyc(pr.first_tree_out)},
                       {"first_acc_write", cyc(pr.first_acc_write)},
                       {"first_drain", cyc(pr.first_drain)},
                       {"first_act_out", cyc(pr.first_act_out)},
                       {"first_compressed", cyc(pr.first_compressed)},
                       {"first_write_request", cyc(pr.first_write_request)}};
        l["dram_bytes_saved_by_compression"] = layer_saved;
        l["bounds"] = bounds_json(layer_bounds(cfg, lp, st));
        layers.push_back(l);
        macs += lp.macs;
        rd += st.dram_read_bursts * burst;
        wr += st.dram_write_bursts * burst;
        saved += layer_saved;
        energy += e;
        for (int s = 0; s < kStallCount; ++s) stall[s] += st.stall[s];
    }
    nlohmann::ordered_json totals;
    totals["cycles"] = r.cycles;
    totals["time_ms"] = double(r.cycles) / (cfg.clock.mhz * 1e3);
    totals["macs"] = macs;
    totals["utilization"] =
        r.cycles ? double(macs) / (double(r.cycles) * peak * double(cfg.system.devices)) : 0.0;
    totals["energy_pj"] = energy.total_pj();
    totals["energy_fj"] = energy_json(energy);
    totals["area"] = area_json(cfg);
    totals["area_mm2"] =
        totals["area"]["per_device_mm2"].get<double>() * double(cfg.system.devices);
    totals["link"] = {{"bytes", r.stats.value("system.link.bytes")},
                      {"busy_cycles", r.stats.value("system.link.busy_cycles")},
                      {"transfers", r.stats.value("system.link.transfers")}};
    totals["dram_read_bytes"] = rd;
    totals["dram_write_bytes"] = wr;
    totals["dram_bytes_saved_by_compression"] = saved;
    totals["stall_cycles"] = stall_json(stall);
    // Bytes per tensor kind over the whole run, stored vs fp32 (why compression helps).
    nlohmann::ordered_json by_tensor;
    for (size_t t = 0; t < size_t(Tensor::kCount); ++t) {
        uint64_t b = 0, f = 0;
        for (const auto& l : layers) {
            b += l["tensors"][to_string(Tensor(t))]["bytes"].get<uint64_t>();
            f += l["tensors"][to_string(Tensor(t))]["fp32_bytes"].get<uint64_t>();
        }
        by_tensor[to_string(Tensor(t))] = {{"bytes", b}, {"fp32_bytes", f}};
    }
    totals["tensors"] = by_tensor;
    // Per batch image (`edgesa run --images N`): its span and its weight traffic.
    nlohmann::ordered_json images = nlohmann::ordered_json::array();
    for (size_t i = 0; i < prog.layers.size(); ++i) {
        const auto& lp = prog.layers[i];
        const auto& l = layers[i];
        while (images.size() <= size_t(lp.image))
            images.push_back({{"image", images.size() + 1},
                              {"start_cycle", kNever},
                              {"end_cycle", 0},
                              {"cycles", 0},
                              {"macs", 0},
                              {"fill_vectors", 0},
                              {"weight_fills", 0},
                              {"weight_fills_skipped", 0},
                              {"dram_read_bytes", 0}});
        auto& im = images[size_t(lp.image)];
        im["start_cycle"] =
            std::min(im["start_cycle"].get<uint64_t>(), l["start_cycle"].get<uint64_t>());
        im["end_cycle"] = std::max(im["end_cycle"].get<uint64_t>(), l["end_cycle"].get<uint64_t>());
        im["cycles"] = im["end_cycle"].get<uint64_t>() - im["start_cycle"].get<uint64_t>();
        for (const char* k :
             {"macs", "fill_vectors", "weight_fills", "weight_fills_skipped", "dram_read_bytes"})
            im[k] = im[k].get<uint64_t>() + l[k].get<uint64_t>();
    }
    j["totals"] = totals;
    j["images"] = images;
    j["layers"] = layers;
    j["stats"] = r.stats.to_json();
    // How the simulator ran (not the accelerator): edges jumped over by idle skipping.
    j["simulator"] = {{"skipped_edges", r.skipped_edges}, {"skips", r.skips}};
    return j;
}

std::string run_report_text(const nlohmann::ordered_json& j) {
    std::string s = fmt::format(
        "{:<24} {:>4} {:>12} {:>12} {:>14} {:>6} {:>12} {:>12} {:>10} {:>10} {:>10} {:>10} {:>6}  "
        "{}\n",
        "layer", "dev", "start", "cycles", "MACs", "util", "read B", "write B", "st.mem", "st.fill",
        "st.dec", "st.wb", "bound", "limit");
    for (const auto& l : j["layers"]) {
        const auto& st = l["stall_cycles"];
        const auto& b = l["bounds"];
        const uint64_t big = std::max({b["compute"].get<uint64_t>(), b["dram"].get<uint64_t>(),
                                       b["row0"].get<uint64_t>(), b["decode"].get<uint64_t>(),
                                       b["drain"].get<uint64_t>()});
        const uint64_t cycles = l["cycles"].get<uint64_t>();
        s += fmt::format(
            "{:<24} {:>4} {:>12} {:>12} {:>14} {:>6.3f} {:>12} {:>12} {:>10} {:>10} {:>10} {:>10} "
            "{:>6} "
            " {}{}\n",
            l["name"].get<std::string>(), l["device"].get<int>(), l["start_cycle"].get<uint64_t>(),
            cycles, l["macs"].get<uint64_t>(), l["utilization"].get<double>(),
            l["dram_read_bytes"].get<uint64_t>(), l["dram_write_bytes"].get<uint64_t>(),
            st["memory"].get<uint64_t>(), st["weight_fill"].get<uint64_t>(),
            st["decompressor"].get<uint64_t>(), st["writeback"].get<uint64_t>(),
            big ? fmt::format("{:.2f}", double(cycles) / double(big)) : std::string("-"),
            b["limit"].get<std::string>(),
            l["host"].get<bool>()              ? "  (host)"
            : l["density"].get<double>() < 1.0 ? "  (sparse weights stored dense: no saving)"
                                               : "");
    }
    s += "columns: util = MACs / (cycles x rows x width); st.* = row-0 issue cycles lost to (or "
         "spent on): mem = "
         "waiting for DRAM bytes, fill = pouring weight blocks, dec = waiting for the "
         "decompressors, wb = waiting "
         "for write-back/drain;\n"
         "         bound = cycles / largest closed-form bound; limit = limiting resource "
         "(docs/performance.md, "
         "\"Bounds and bottlenecks\"; the knob per layer is in --json and --report)\n";
    const auto& t = j["totals"];
    const auto& st = t["stall_cycles"];
    s += fmt::format(
        "\ntotal: {} cycles = {:.4f} ms at {} MHz, {} MACs, utilization {:.3f}\n"
        "DRAM: {} B read, {} B written, {} B saved by compression\n"
        "stalls (row-0 issue cycles): memory {}, weight fill {}, decompressor {}, write-back {}\n"
        "energy: {}",
        t["cycles"].get<uint64_t>(), t["time_ms"].get<double>(), j["config"]["clock"]["mhz"].dump(),
        t["macs"].get<uint64_t>(), t["utilization"].get<double>(),
        t["dram_read_bytes"].get<uint64_t>(), t["dram_write_bytes"].get<uint64_t>(),
        t["dram_bytes_saved_by_compression"].get<uint64_t>(), st["memory"].get<uint64_t>(),
        st["weight_fill"].get<uint64_t>(), st["decompressor"].get<uint64_t>(),
        st["writeback"].get<uint64_t>(), format_energy_pj(t["energy_pj"].get<double>()));
    // The parts, largest first, as shares of the total.
    const auto& e = t["energy_fj"];
    const double total = std::max(1.0, double(e["total"].get<uint64_t>()));
    std::vector<std::pair<uint64_t, std::string>> parts;
    for (auto it = e.begin(); it != e.end(); ++it)
        if (it.key() != "total" && it.value().get<uint64_t>() > 0)
            parts.push_back({it.value().get<uint64_t>(), it.key()});
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string list;
    for (const auto& [fj, name] : parts)
        list +=
            fmt::format("{}{} {:.1f}%", list.empty() ? "" : ", ", name, 100.0 * double(fj) / total);
    const auto& a = t["area"];
    s += fmt::format(
        " ({}) at {} nm\narea: {:.4f} mm2 per device at {} nm (model, docs/energy.md)\n", list,
        j["config"]["energy"]["node"].get<std::string>(), a["per_device_mm2"].get<double>(),
        a["node_nm"].get<int>());
    if (j["config"]["system"]["devices"].get<int64_t>() > 1) {
        const auto& k = t["link"];
        const double mhz = j["config"]["clock"]["mhz"].get<double>();
        s += fmt::format(
            "link: {} B in {} transfers, busy {} cycles ({:.3f} ms, {:.1f}% of the run), energy "
            "{}\n",
            k["bytes"].get<uint64_t>(), k["transfers"].get<uint64_t>(),
            k["busy_cycles"].get<uint64_t>(),
            double(k["busy_cycles"].get<uint64_t>()) / (mhz * 1e3),
            t["cycles"].get<uint64_t>() ? 100.0 * double(k["busy_cycles"].get<uint64_t>()) /
                                              double(t["cycles"].get<uint64_t>())
                                        : 0.0,
            format_energy_pj(double(e["link"].get<uint64_t>()) / 1e3));
    }
    s += fmt::format(
        "bytes by tensor (stored / at fp32): weights {} / {}, inputs {} / {}, outputs {} / {}, "
        "biases {} / {}, headers {}\n",
        t["tensors"]["weights"]["bytes"].get<uint64_t>(),
        t["tensors"]["weights"]["fp32_bytes"].get<uint64_t>(),
        t["tensors"]["inputs"]["bytes"].get<uint64_t>(),
        t["tensors"]["inputs"]["fp32_bytes"].get<uint64_t>(),
        t["tensors"]["outputs"]["bytes"].get<uint64_t>(),
        t["tensors"]["outputs"]["fp32_bytes"].get<uint64_t>(),
        t["tensors"]["biases"]["bytes"].get<uint64_t>(),
        t["tensors"]["biases"]["fp32_bytes"].get<uint64_t>(),
        t["tensors"]["headers"]["bytes"].get<uint64_t>());
    if (j["images"].size() > 1)
        for (const auto& im : j["images"])
            s += fmt::format(
                "image {}: cycles {} to {} ({} cycles), {} MACs, {} fill vectors, weight blocks "
                "filled {} / left resident {}, {} B read\n",
                im["image"].get<uint64_t>(), im["start_cycle"].get<uint64_t>(),
                im["end_cycle"].get<uint64_t>(), im["cycles"].get<uint64_t>(),
                im["macs"].get<uint64_t>(), im["fill_vectors"].get<uint64_t>(),
                im["weight_fills"].get<uint64_t>(), im["weight_fills_skipped"].get<uint64_t>(),
                im["dram_read_bytes"].get<uint64_t>());
    return s;
}

std::string run_report_csv(const nlohmann::ordered_json& j) {
    std::string s =
        "name,type,device,branch,start_cycle,end_cycle,cycles,macs,utilization,dram_read_bytes,"
        "dram_write_bytes,energy_pj,stall_memory,stall_weight_fill,stall_decompressor,stall_"
        "writeback\n";
    for (const auto& l : j["layers"]) {
        const auto& st = l["stall_cycles"];
        s += fmt::format("{},{},{},{},{},{},{},{},{:.6f},{},{},{:.3f},{},{},{},{}\n",
                         l["name"].get<std::string>(), l["type"].get<std::string>(),
                         l["device"].get<int>(), l["branch"].get<int>(),
                         l["start_cycle"].get<uint64_t>(), l["end_cycle"].get<uint64_t>(),
                         l["cycles"].get<uint64_t>(), l["macs"].get<uint64_t>(),
                         l["utilization"].get<double>(), l["dram_read_bytes"].get<uint64_t>(),
                         l["dram_write_bytes"].get<uint64_t>(), l["energy_pj"].get<double>(),
                         st["memory"].get<uint64_t>(), st["weight_fill"].get<uint64_t>(),
                         st["decompressor"].get<uint64_t>(), st["writeback"].get<uint64_t>());
    }
    return s;
}

}  // namespace edgesa::sim
