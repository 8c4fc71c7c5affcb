#include "rtl_run.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "axi_regs.h"
#include "diag/diagnostic.h"
#include "hw/hw_layout.h"
#include "io/atomic_file.h"
#include "io/subprocess.h"
#include "layer_image.h"
#include "memory/dram_model.h"
#include "numerics/activation.h"
#include "numerics/fp32.h"

namespace edgesa::verify {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& key, const std::string& value,
                       const std::string& rule) {
    throw InputError(Diagnostic{{where, 0, 0}, key, value, rule});
}

std::string read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string hex(const std::vector<uint8_t>& b) {
    static const char* d = "0123456789abcdef";
    std::string s;
    s.reserve(b.size() * 2);
    for (uint8_t c : b) {
        s += d[c >> 4];
        s += d[c & 15];
    }
    return s;
}

std::vector<uint8_t> unhex(const std::string& s) {
    std::vector<uint8_t> b(s.size() / 2);
    for (size_t i = 0; i < b.size(); ++i)
        b[i] = uint8_t(std::stoi(s.substr(2 * i, 2), nullptr, 16));
    return b;
}

}  // namespace

RtlLayerJob make_layer_job(const AccelConfig& cfg, const sim::LayerProgram& lp,
                           const sim::FunctionalState& fn, uint64_t image_addr, uint64_t out_addr) {
    const Layer& L = fn.network().layers[size_t(lp.layer)];
    const std::string where = cfg.source_file.empty() ? cfg.name : cfg.source_file;
    const bool fixed = cfg.derived.fixed_compute;
    // Every declared storage kind (storage.kinds) converts to and from either compute type
    // (gen/rtl/edgesa_storage_to_fixed.v, edgesa_fixed_to_storage.v); sim::Program::build rejected
    // the others.
    RtlLayerJob j;
    j.name = lp.name;
    j.image_addr = image_addr;
    j.out_addr = out_addr;
    RtlDescriptor& d = j.desc;
    if (lp.kind == sim::LayerKind::kGemm) {
        d.k = uint32_t(lp.K);
        d.n = uint32_t(lp.N);
        d.kb = uint32_t(lp.KB);
        d.rb = uint32_t(lp.RB);
        d.g = uint32_t(lp.G);
        d.resident = lp.resident_all;
        d.has_bias = L.has_bias;
        d.w_fmt = hw::encode_format_word(L.weight_format);
        d.x_fmt = hw::encode_format_word(fn.format(lp.inputs[0]));
        const int act = activation_code(L.activation);
        if (act < 0)
            fail(where, lp.name + ".activation", L.activation,
                 std::string("the generated RTL fuses none, ") + activation_function_names());
        d.act = uint32_t(act);
    } else if ((L.type == LayerType::kActivation && is_activation_function(L.activation)) ||
               L.type == LayerType::kUpsample) {
        // An activation layer: pass vectors through the act/pool bank, one output per input. An
        // upsample is an identity activation of its gathered source elements.
        d.x_fmt = hw::encode_format_word(fn.format(lp.inputs[0]));
        d.act = L.type == LayerType::kUpsample ? 0 : uint32_t(activation_code(L.activation));
    } else if (L.type == LayerType::kMul || L.type == LayerType::kScaleShift) {
        // x * z and x * s + t: two or three window-gathered values per output, folded by the
        // act/pool lanes' multiplier (docs/numerics.md, "Other layers").
        if (L.type == LayerType::kMul && lp.inputs.size() != 2)
            fail(where, lp.name + ".inputs", std::to_string(lp.inputs.size()),
                 "the generated RTL multiplies exactly two inputs");
        d.x_fmt = hw::encode_format_word(fn.format(lp.inputs[0]));
        d.p1_fmt = hw::encode_format_word(L.type == LayerType::kMul ? fn.format(lp.inputs[1])
                                                                    : L.weight_format);
        d.pool_op = L.type == LayerType::kMul ? 3 : 4;
        d.pool_count = lp.pool_count;
    } else if (L.type == LayerType::kMaxPool || L.type == LayerType::kAvgPool ||
               L.type == LayerType::kGlobalAvgPool || L.type == LayerType::kAdd) {
        // Pooling and add: window-gathered pass vectors folded by the act/pool lanes
        // (docs/architecture.md, "Pass layers"); no fused activation (docs/numerics.md).
        if (L.type == LayerType::kAdd && lp.inputs.size() != 2)
            fail(where, lp.name + ".inputs", std::to_string(lp.inputs.size()),
                 "the generated RTL adds exactly two inputs");
        if (lp.pool_count > 0xffff)
            fail(where, lp.name + ".kernel", std::to_string(lp.pool_count),
                 "the generated act/pool lanes fold at most 65535 values per window");
        for (size_t i = 0; i < lp.inputs.size(); ++i)
            d.x_fmt = hw::encode_format_word(fn.format(lp.inputs[0]));
        if (lp.inputs.size() > 1) d.p1_fmt = hw::encode_format_word(fn.format(lp.inputs[1]));
        d.pool_op = L.type == LayerType::kMaxPool ? 1 : 2;
        d.pool_count = lp.pool_count;
        if (L.type == LayerType::kAvgPool || L.type == LayerType::kGlobalAvgPool) {
            d.pool_scale = true;
            d.pool_recip = fixed ? uint32_t(std::llround(65536.0 / double(lp.pool_count)))
                                 : fp32::bits(float(1.0 / double(lp.pool_count)));
        } else if (L.type == LayerType::kAdd && fixed) {
            d.pool_scale = true;  // saturate(sum * 2^16 >> 16, operand bits): the add's saturation
            d.pool_recip = 65536;
        }
    } else {
        fail(where, lp.name + ".type",
             std::string(to_string(L.type)) + (L.activation.empty() ? "" : " " + L.activation),
             "the generated RTL runs conv2d, fc, activation, max/avg/global-avg pooling, "
             "two-input add and mul, scale_shift and upsample layers");
    }
    d.o_fmt = hw::encode_format_word(L.out_format);
    j.out_values = lp.out_values;
    j.out_bits = lp.out_bits;
    const sim::DramParams p = sim::DramParams::from_config(cfg);
    j.dram_millibytes_per_cycle = p.millibytes_per_cycle;
    j.dram_burst_bytes = p.burst_bytes;
    const hw::HwLayout hwl = hw::layout(cfg);
    j.rd_max = hwl.rd_max;
    j.wr_port = hwl.wr_port;
    j.axi_beats = hwl.axi_beats;
    j.axi_size = hwl.axi_size;
    j.dram_latency_cycles = p.latency_cycles;
    j.image = build_layer_image(cfg, lp, fn);
    return j;
}

uint64_t descriptor_value(const RtlLayerJob& j, const std::string& name) {
    const RtlDescriptor& d = j.desc;
    if (name == "image_addr") return j.image_addr;
    if (name == "image_bytes") return j.image.size();
    if (name == "out_addr") return j.out_addr;
    if (name == "k") return d.k;
    if (name == "n") return d.n;
    if (name == "kb") return d.kb;
    if (name == "rb") return d.rb;
    if (name == "g") return d.g;
    if (name == "resident") return d.resident;
    if (name == "has_bias") return d.has_bias;
    if (name == "act") return d.act;
    if (name == "w_fmt") return d.w_fmt;
    if (name == "x_fmt") return d.x_fmt;
    if (name == "p1_fmt") return d.p1_fmt;
    if (name == "o_fmt") return d.o_fmt;
    if (name == "pool_op") return d.pool_op;
    if (name == "pool_count") return d.pool_count;
    if (name == "pool_scale") return d.pool_scale;
    if (name == "pool_recip") return d.pool_recip;
    throw std::logic_error("descriptor field '" + name + "' has no value");
}

std::vector<std::pair<std::string, uint32_t>> descriptor_values(const RtlLayerJob& j) {
    std::vector<std::pair<std::string, uint32_t>> v;
    for (const auto& f : hw::descriptor_fields())
        v.push_back({f.name, uint32_t(descriptor_value(j, f.name))});
    return v;
}

std::vector<RtlLayerResult> run_rtl(const std::string& runner_exe,
                                    const std::vector<RtlLayerJob>& jobs,
                                    const std::string& work_dir, const RtlRunOptions& opt) {
    namespace fs = std::filesystem;
    fs::create_directories(work_dir);
    nlohmann::json doc;
    doc["max_cycles"] = opt.max_cycles;
    doc["vcd"] = opt.vcd_path;
    doc["jobs"] = nlohmann::json::array();
    for (size_t i = 0; i < jobs.size(); ++i) {
        const RtlLayerJob& j = jobs[i];
        // Every descriptor field by its port name (desc_<name>_i), as numbers.
        nlohmann::json desc = nlohmann::json::object();
        for (const auto& [name, value] : descriptor_values(j)) desc[name] = value;
        doc["jobs"].push_back({{"name", j.name},
                               {"image", hex(j.image)},
                               {"image_addr", j.image_addr},
                               {"out_addr", j.out_addr},
                               {"start_cycle", j.start_cycle},
                               {"out_values", j.out_values},
                               {"out_bits", j.out_bits},
                               {"dram",
                                {{"millibytes_per_cycle", j.dram_millibytes_per_cycle},
                                 {"burst_bytes", j.dram_burst_bytes},
                                 {"rd_max", j.rd_max},
                                 {"wr_port", j.wr_port},
                                 {"latency_cycles", j.dram_latency_cycles}}},
                               {"desc", desc}});
        // edgesa_axi_top's runner: the register writes and the offsets it reads (the map of
        // hw::axi_lite_regs()); the edgesa_top runner ignores this.
        nlohmann::json writes = nlohmann::json::array();
        for (const auto& w : descriptor_writes(j)) writes.push_back({w.offset, w.value});
        auto reg = [](const char* name) {
            for (const auto& r : hw::axi_lite_regs())
                if (r.name == name) return r.offset;
            throw std::logic_error(std::string("no AXI-Lite register ") + name);
        };
        namespace al = hw::axi_lite;
        doc["jobs"].back()["axi"] = {
            {"beats", j.axi_beats},
            {"size", j.axi_size},
            {"writes", writes},
            {"ctrl", reg("Ctrl")},
            {"status", reg("Status")},
            {"cycles", reg("Cycles")},
            {"id", reg("Id")},
            {"stall_seed", opt.axi_stall_seed},
            {"start_value", al::kCtrlStart.put(al::kCtrlIrqEn.put(0, 1), 1)},
            {"done_value", al::kStatusDone.put(0, 1)}};
    }
    const std::string job_path = (fs::path(work_dir) / "rtl_jobs.json").string();
    const std::string result_path = (fs::path(work_dir) / "rtl_result.json").string();
    const std::string log_path = (fs::path(work_dir) / "rtl_runner.log").string();
    write_file_atomic(job_path, doc.dump() + "\n");
    fs::remove(result_path);
    fs::remove(log_path);
    const int rc = run_logged({runner_exe, job_path, result_path}, log_path);
    if (rc != 0 || !fs::exists(result_path)) {
        std::string log = read_all(log_path);
        while (!log.empty() && (log.back() == '\n' || log.back() == ' ')) log.pop_back();
        fail(runner_exe, "rtl runner", fmt::format("exit status {}", rc),
             fmt::format("must run the jobs of {} to completion; its log ({}) says: {}", job_path,
                         log_path, log.empty() ? "(nothing)" : log));
    }
    nlohmann::json res;
    try {
        res = nlohmann::json::parse(read_all(result_path));
    } catch (const std::exception& e) {
        fail(result_path, "rtl result", "", std::string("must be JSON: ") + e.what());
    }
    std::vector<RtlLayerResult> out;
    for (const auto& l : res.at("layers")) {
        RtlLayerResult r;
        r.name = l.at("name").get<std::string>();
        r.start_cycle = l.at("start_cycle").get<uint64_t>();
        r.end_cycle = l.at("end_cycle").get<uint64_t>();
        r.timed_out = l.value("timed_out", false);
        for (const auto& t : l.at("reads"))
            r.reads.push_back({t[0].get<uint64_t>(), t[1].get<uint64_t>(), t[2].get<uint32_t>()});
        for (const auto& t : l.at("writes"))
            r.writes.push_back({t[0].get<uint64_t>(), t[1].get<uint64_t>(), t[2].get<uint32_t>()});
        for (const char* k : {"rd_data", "wr_done"})
            for (const auto& b : l.at(k))
                (k[0] == 'r' ? r.rd_data : r.wr_done)
                    .push_back({b[0].get<uint64_t>(), b[1].get<uint32_t>()});
        r.out_bytes = unhex(l.at("out").get<std::string>());
        if (l.contains("axi")) {
            const auto& a = l.at("axi");
            AxiLayerResult x;
            x.start_edge = a.at("start_edge").get<uint64_t>();
            x.cycles_register = a.at("cycles_register").get<uint32_t>();
            x.status_done = a.at("status_done").get<uint32_t>();
            x.status_cleared = a.at("status_cleared").get<uint32_t>();
            x.id = a.at("id").get<uint32_t>();
            for (const auto& p : a.at("readback"))
                x.readback.push_back({p[0].get<uint32_t>(), p[1].get<uint32_t>()});
            for (const auto& e : a.at("errors")) x.errors.push_back(e.get<std::string>());
            r.axi = x;
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace edgesa::verify
