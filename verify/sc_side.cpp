#include "sc_side.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "subprocess.h"
#include "system/simulation.h"

namespace edgesa::verify {

namespace {

nlohmann::json events_json(const std::vector<sim::MemEvent>& ev) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& e : ev) a.push_back({e.cycle, e.addr, e.bursts});
    return a;
}

nlohmann::json beats_json(const std::vector<sim::PortBeat>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& b : v) a.push_back({b.cycle, b.bursts});
    return a;
}

std::vector<sim::PortBeat> beats_from(const nlohmann::json& a) {
    std::vector<sim::PortBeat> v;
    for (const auto& b : a) v.push_back({b[0].get<uint64_t>(), b[1].get<uint32_t>()});
    return v;
}

std::vector<sim::MemEvent> events_from(const nlohmann::json& a) {
    std::vector<sim::MemEvent> ev;
    for (const auto& e : a)
        ev.push_back({e[0].get<uint64_t>(), e[1].get<uint64_t>(), e[2].get<uint32_t>()});
    return ev;
}

}  // namespace

Tensors sc_full_run(const Network& net, const AccelConfig& cfg, const sim::Program& prog) {
    const nlohmann::json j = run_forked([&] {
        ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
        sim::SimOptions opt;
        opt.functional = true;
        const sim::SimResult r = sim::simulate(net, cfg, prog, opt);
        return nlohmann::json(r.outputs);
    });
    return j.get<Tensors>();
}

ScLayerRun sc_layer_run(const Network& net, const AccelConfig& cfg, const sim::Program& prog,
                        int layer, const Tensors& producers, uint64_t image_addr, uint64_t out_addr,
                        const std::string& vcd_path) {
    const nlohmann::json j = run_forked([&] {
        ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
        sim::EventCapture cap;
        cap.image_addr = image_addr;
        cap.out_addr = out_addr;
        sim::SimOptions opt;
        opt.functional = true;
        opt.isolate_layer = layer;
        opt.preset_outputs = &producers;
        opt.capture = &cap;
        opt.vcd_path = vcd_path;
        const auto t0 = std::chrono::steady_clock::now();
        const sim::SimResult r = sim::simulate(net, cfg, prog, opt);
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto& st = r.layers[size_t(layer)];
        const auto& ev = cap.layers[size_t(layer)];
        const auto& out = r.outputs[size_t(layer)];
        std::vector<int64_t> codes;
        codes.reserve(ev.write_order.size());
        for (uint32_t idx : ev.write_order) {
            if (idx >= out.size())
                throw std::runtime_error(fmt::format("layer {}: write-back index {} out of range",
                                                     prog.layers[size_t(layer)].name, idx));
            codes.push_back(out[idx]);
        }
        return nlohmann::json{{"start", st.start_cycle},
                              {"end", st.end_cycle},
                              {"reads", events_json(ev.reads)},
                              {"writes", events_json(ev.writes)},
                              {"rd_data", beats_json(cap.rd_data)},
                              {"wr_done", beats_json(cap.wr_done)},
                              {"order", ev.write_order},
                              {"codes", codes},
                              {"seconds", s}};
    });
    ScLayerRun r;
    r.name = prog.layers[size_t(layer)].name;
    r.layer = layer;
    r.start_cycle = j["start"].get<uint64_t>();
    r.end_cycle = j["end"].get<uint64_t>();
    r.reads = events_from(j["reads"]);
    r.writes = events_from(j["writes"]);
    r.rd_data = beats_from(j["rd_data"]);
    r.wr_done = beats_from(j["wr_done"]);
    r.write_order = j["order"].get<std::vector<uint32_t>>();
    r.codes = j["codes"].get<std::vector<int64_t>>();
    r.seconds = j["seconds"].get<double>();
    return r;
}

}  // namespace edgesa::verify
