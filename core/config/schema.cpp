#include "config/schema.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "config/act_support.h"
#include "config/storage_support.h"
#include "numerics/activation.h"
#include "numerics/storage_format.h"

namespace edgesa {
namespace {

// Binds a spec to one AccelConfig field of type T.
template <class T, class Access>
void bind(ParamSpec& p, Access access) {
    p.set = [access](AccelConfig& c, const ParamValue& v) { access(c) = std::get<T>(v); };
    p.get = [access](const AccelConfig& c) {
        return ParamValue(access(const_cast<AccelConfig&>(c)));
    };
}

#define FIELD(member)              \
    [](AccelConfig & c) -> auto& { \
        return c.member;           \
    }

ParamSpec int_param(std::string path, std::string unit, std::optional<int64_t> def, int64_t lo,
                    int64_t hi, std::string desc) {
    ParamSpec p;
    p.path = std::move(path);
    p.type = ParamType::kInt;
    p.unit = std::move(unit);
    if (def) p.default_value = ParamValue(*def);
    p.min = double(lo);
    p.max = double(hi);
    p.description = std::move(desc);
    return p;
}

ParamSpec float_param(std::string path, std::string unit, double def, double lo, double hi,
                      std::string desc) {
    ParamSpec p;
    p.path = std::move(path);
    p.type = ParamType::kFloat;
    p.unit = std::move(unit);
    p.default_value = ParamValue(def);
    p.min = lo;
    p.max = hi;
    p.description = std::move(desc);
    return p;
}

ParamSpec string_param(std::string path, std::string def, std::string desc) {
    ParamSpec p;
    p.path = std::move(path);
    p.type = ParamType::kString;
    p.default_value = ParamValue(std::move(def));
    p.description = std::move(desc);
    return p;
}

ParamSpec enum_param(std::string path, std::string def, std::vector<std::string> choices,
                     std::string desc) {
    ParamSpec p = string_param(std::move(path), std::move(def), std::move(desc));
    p.type = ParamType::kEnum;
    p.choices = std::move(choices);
    return p;
}

template <class T, class Access>
ParamSpec&& bound(ParamSpec&& p, Access a) {
    bind<T>(p, a);
    return std::move(p);
}

std::string check_compute_type(const std::string& s) {
    if (s == "fp32") return "";
    std::string why;
    auto f = StorageFormat::parse(s, &why);
    if (!f) return "must be fp32 or a fixed format q<I>.<F>: " + why;
    if (!f->is_fixed()) return "must be fp32 or a fixed format q<I>.<F>, not a custom float";
    if (f->fixed().total_bits() > 24) return "fixed operands are limited to 24 bits";
    return "";
}

std::string check_storage_kinds(const std::string& s) {
    const auto kinds = split_storage_kinds(s);
    if (kinds.empty()) return "must name at least one of fp32, custom, fixed (comma-separated)";
    for (size_t i = 0; i < kinds.size(); ++i) {
        if (kinds[i] != "fp32" && kinds[i] != "custom" && kinds[i] != "fixed")
            return "'" + kinds[i] + "' is not a storage kind; expected fp32, custom or fixed";
        for (size_t j = 0; j < i; ++j)
            if (kinds[j] == kinds[i]) return "names '" + kinds[i] + "' twice";
    }
    return "";
}

// A non-empty comma-separated list of distinct names that `known` accepts (`what`: "an activation
// function"; `names`: the ones it accepts, for the message).
std::string check_name_list(const std::string& s, bool (*known)(const std::string&),
                            const char* what, const char* names) {
    const auto list = split_storage_kinds(s);
    if (list.empty())
        return std::string("must name at least one of ") + names + " (comma-separated)";
    for (size_t i = 0; i < list.size(); ++i) {
        if (!known(list[i])) return "'" + list[i] + "' is not " + what + "; expected " + names;
        for (size_t j = 0; j < i; ++j)
            if (list[j] == list[i]) return "names '" + list[i] + "' twice";
    }
    return "";
}

std::string check_act_functions(const std::string& s) {
    return check_name_list(s, is_activation_function, "an activation function",
                           activation_function_names());
}

bool is_pool_op(const std::string& name) {
    return pool_op_bit(name) >= 0;
}

std::string check_pool_ops(const std::string& s) {
    return check_name_list(s, is_pool_op, "an act/pool operation", pool_op_names());
}

std::vector<ParamSpec> build_schema() {
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<ParamSpec> s;
    auto add = [&](ParamSpec&& p) { s.push_back(std::move(p)); };

    add(bound<std::string>(string_param("name", "", "Short name of the design, used in reports"),
                           FIELD(name)));
    add(bound<std::string>(string_param("description", "", "Free text: what the design trades off"),
                           FIELD(description)));

    {
        auto p = int_param("array.rows", "", std::nullopt, 1, 1024,
                           "Rows of multiplier cells: output channels computed in flight");
        add(bound<int64_t>(std::move(p), FIELD(array.rows)));
        p = int_param("array.width", "", std::nullopt, 2, 1024,
                      "Cells per row: dot-product length each row's adder tree reduces");
        p.power_of_two = true;
        add(bound<int64_t>(std::move(p), FIELD(array.width)));
    }
    add(bound<int64_t>(int_param("array.buffer_depth", "weights", 4, 1, 64,
                                 "Stationary weight slots per cell (resident weight blocks)"),
                       FIELD(array.buffer_depth)));
    add(bound<int64_t>(int_param("array.multiplier_stages", "cycles", 1, 1, 4,
                                 "Pipeline registers after each cell's multiplier"),
                       FIELD(array.multiplier_stages)));
    add(bound<int64_t>(
        int_param("array.tree_levels_per_stage", "levels", 1, 1, 10,
                  "Adder-tree levels between pipeline registers (1 = every level registered)"),
        FIELD(array.tree_levels_per_stage)));
    {
        auto p = string_param("compute.type", "fp32",
                              "Compute type of multipliers and adders: fp32 or fixed q<I>.<F>");
        p.check = check_compute_type;
        p.rule_text = "fp32 | q<I>.<F>";
        add(bound<std::string>(std::move(p), FIELD(compute.type)));
    }
    add(bound<int64_t>(
        int_param("compute.product_bits", "bits", 32, 2, 48,
                  "Fixed compute only: bits kept of each product (low bits dropped)"),
        FIELD(compute.product_bits)));
    add(bound<int64_t>(
        int_param("compute.accumulator_bits", "bits", 32, 2, 48,
                  "Fixed compute only: saturating width of tree and accumulator adds"),
        FIELD(compute.accumulator_bits)));
    add(bound<int64_t>(
        int_param("decompressor.engines", "engines", 4, 1, 1024,
                  "Decompressor engines between memory and row 0 (values per cycle)"),
        FIELD(decompressor.engines)));
    add(bound<int64_t>(int_param("decompressor.stages", "cycles", 1, 1, 8,
                                 "Pipeline stages of each decompressor engine"),
                       FIELD(decompressor.stages)));
    add(bound<int64_t>(int_param("compressor.engines", "engines", 4, 1, 1024,
                                 "Compressor engines on the write-back path (values per cycle)"),
                       FIELD(compressor.engines)));
    add(bound<int64_t>(int_param("compressor.stages", "cycles", 1, 1, 8,
                                 "Pipeline stages of each compressor engine"),
                       FIELD(compressor.stages)));
    add(bound<std::string>(enum_param("rounding", "trunc", {"trunc", "rne"},
                                      "Rounding of the compressors and of fixed requantisation"),
                           FIELD(rounding)));
    {
        auto p = string_param("storage.kinds", "fp32,custom,fixed",
                              "Storage kinds the hardware converts (fp32, custom floats "
                              "e<E>m<M>b<B>, fixed q<I>.<F>); the generator builds only these "
                              "converter paths and traces using another kind are rejected");
        p.check = check_storage_kinds;
        p.rule_text = "comma-separated subset of fp32, custom, fixed";
        add(bound<std::string>(std::move(p), FIELD(storage.kinds)));
    }
    add(bound<int64_t>(
        int_param("storage.lane_bits", "bits", 0, 0, 32,
                  "Bits of every stored value: 0 = any width up to 32, chosen per tensor "
                  "(run-time unpacking and packing); N = every tensor is stored at exactly N bits"),
        FIELD(storage.lane_bits)));
    add(bound<int64_t>(
        int_param("accumulator.depth", "entries", 1024, 1, 1 << 20,
                  "Output accumulator entries per row (bounds the streaming block length)"),
        FIELD(accumulator.depth)));
    add(bound<int64_t>(int_param("act_pool.lanes", "values/cycle", 4, 1, 1024,
                                 "Activation and pooling throughput"),
                       FIELD(act_pool.lanes)));
    add(bound<int64_t>(int_param("act_pool.stages", "cycles", 1, 1, 8,
                                 "Pipeline stages of the activation and pooling unit"),
                       FIELD(act_pool.stages)));
    {
        auto p = string_param("act_pool.functions", activation_function_names(),
                              "Activation functions the act/pool lanes implement; the generator "
                              "builds only these and traces using another are rejected");
        p.check = check_act_functions;
        p.hash_only_if_set = true;  // the designs before the key keep their hash
        p.rule_text =
            "comma-separated subset of relu, relu6, leaky_relu, hard_sigmoid, "
            "hard_swish, sigmoid, silu, tanh";
        add(bound<std::string>(std::move(p), FIELD(act_pool.functions)));
    }
    {
        auto p =
            string_param("act_pool.ops", pool_op_names(),
                         "Pooling and elementwise operations the act/pool lanes implement; the "
                         "generator builds only their paths and traces using another are "
                         "rejected");
        p.check = check_pool_ops;
        p.hash_only_if_set = true;  // the designs before the key keep their hash
        p.rule_text = "comma-separated subset of max_pool, avg_pool, add, mul, scale_shift";
        add(bound<std::string>(std::move(p), FIELD(act_pool.ops)));
    }
    add(bound<double>(float_param("clock.mhz", "MHz", 100.0, 1.0, 5000.0, "Core clock frequency"),
                      FIELD(clock.mhz)));
    add(bound<double>(
        float_param(
            "dram.bandwidth_gbps", "GB/s", 3.73, 0.001, 1000.0,
            "Peak DRAM bandwidth shared by reads and writes (LPDDR2 x32 at 933 Mb/s/pin = 3.73)"),
        FIELD(dram.bandwidth_gbps)));
    add(bound<double>(float_param("dram.latency_ns", "ns", 50.0, 0.0, 10000.0,
                                  "Fixed access latency from request to first data"),
                      FIELD(dram.latency_ns)));
    {
        auto p = int_param("dram.burst_bytes", "bytes", 32, 1, 4096,
                           "Transfer granularity: requests are rounded up to whole bursts");
        p.power_of_two = true;
        add(bound<int64_t>(std::move(p), FIELD(dram.burst_bytes)));
    }
    add(bound<int64_t>(int_param("dram.max_outstanding", "requests", 8, 1, 256,
                                 "Read requests in flight before the requester stalls"),
                       FIELD(dram.max_outstanding)));
    add(bound<int64_t>(int_param("fifo.read_depth", "entries", 8, 1, 4096, "DRAM read data FIFO"),
                       FIELD(fifo.read_depth)));
    add(bound<int64_t>(int_param("fifo.stream_depth", "vectors", 4, 1, 4096,
                                 "Decompressed vectors waiting to enter row 0"),
                       FIELD(fifo.stream_depth)));
    add(bound<int64_t>(int_param("fifo.result_depth", "values", 16, 1, 65536,
                                 "Post-processed values waiting for the compressors"),
                       FIELD(fifo.result_depth)));
    add(bound<int64_t>(int_param("fifo.write_depth", "entries", 8, 1, 4096,
                                 "Compressed words waiting for DRAM write bandwidth"),
                       FIELD(fifo.write_depth)));
    // Energy defaults: Horowitz, "Computing's energy problem", ISSCC 2014, 45 nm (docs/energy.md).
    add(bound<double>(float_param("energy.mult_fp32_pj", "pJ", 3.7, 0, inf, "fp32 multiply"),
                      FIELD(energy.mult_fp32_pj)));
    add(bound<double>(float_param("energy.add_fp32_pj", "pJ", 0.9, 0, inf, "fp32 add"),
                      FIELD(energy.add_fp32_pj)));
    add(bound<double>(float_param("energy.mult_fixed_pj", "pJ", 0.8, 0, inf,
                                  "Fixed multiply (16-bit: 32-bit 3.1 pJ scaled by width^2)"),
                      FIELD(energy.mult_fixed_pj)));
    add(bound<double>(float_param("energy.add_fixed_pj", "pJ", 0.1, 0, inf, "Fixed add (32-bit)"),
                      FIELD(energy.add_fixed_pj)));
    add(bound<double>(float_param("energy.reg_pj_per_byte", "pJ/B", 0.05, 0, inf,
                                  "Moving one byte through a pipeline register"),
                      FIELD(energy.reg_pj_per_byte)));
    add(bound<double>(
        float_param("energy.sram_pj_per_byte", "pJ/B", 1.25, 0, inf,
                    "On-chip buffer or accumulator access (8 KB SRAM, 10 pJ per 64 bits)"),
        FIELD(energy.sram_pj_per_byte)));
    add(bound<double>(float_param("energy.dram_pj_per_byte", "pJ/B", 162.5, 0, inf,
                                  "DRAM access (1.3 nJ per 64-bit access)"),
                      FIELD(energy.dram_pj_per_byte)));
    add(bound<double>(
        float_param("energy.codec_pj_per_value", "pJ", 0.3, 0, inf,
                    "One compressor or decompressor conversion (about three 32-bit integer ops)"),
        FIELD(energy.codec_pj_per_value)));
    add(bound<double>(float_param("energy.act_pool_pj_per_value", "pJ", 0.1, 0, inf,
                                  "One activation or pooling operation"),
                      FIELD(energy.act_pool_pj_per_value)));
    add(bound<double>(float_param("energy.static_mw", "mW", 0.0, 0, inf, "Static power"),
                      FIELD(energy.static_mw)));
    {
        auto p = float_param("energy.link_pj_per_byte", "pJ/B", 2.4e6, 0, inf,
                             "Inter-device link, per payload byte sent and received (802.11: "
                             "1.9 uJ/B send + 0.5 uJ/B receive, Feeney and Nilsson 2001)");
        p.hash_only_if_set = true;
        add(bound<double>(std::move(p), FIELD(energy.link_pj_per_byte)));
        p = enum_param("energy.node", "45", {"45", "28", "16", "7"},
                       "Technology node (nm) the on-chip energy entries (given at 45 nm) are "
                       "scaled to; DRAM and link energy do not scale (docs/energy.md)");
        p.hash_only_if_set = true;
        add(bound<std::string>(std::move(p), FIELD(energy.node)));
        p = enum_param("area.node", "45", {"45", "28", "16", "7"},
                       "Technology node (nm) of the area estimate (model built at 45 nm, "
                       "docs/energy.md)");
        p.hash_only_if_set = true;
        add(bound<std::string>(std::move(p), FIELD(area.node)));
    }
    add(bound<int64_t>(int_param("system.devices", "devices", 1, 1, 1024,
                                 "Accelerators in the system (split traces are assigned to them)"),
                       FIELD(system.devices)));
    add(bound<double>(
        float_param("system.link_mbps", "Mb/s", 62.24, 0.001, 1e6,
                    "Network link bandwidth between devices (seed 003: measured WiFi)"),
        FIELD(system.link_mbps)));
    add(bound<double>(float_param("system.link_latency_ms", "ms", 8.83, 0, 1e4,
                                  "Latency per link message (seed 003: 8.83 ms per 64 B)"),
                      FIELD(system.link_latency_ms)));
    add(bound<int64_t>(int_param("system.link_message_bytes", "bytes", 64, 1, 1 << 30,
                                 "Payload bytes per link message"),
                       FIELD(system.link_message_bytes)));
    return s;
}

}  // namespace

const std::vector<ParamSpec>& param_schema() {
    static const std::vector<ParamSpec> schema = build_schema();
    return schema;
}

const ParamSpec* find_param(const std::string& path) {
    for (const auto& p : param_schema())
        if (p.path == path) return &p;
    return nullptr;
}

std::string format_value(const ParamValue& v) {
    if (auto i = std::get_if<int64_t>(&v)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&v)) return fmt::format("{}", *d);
    return std::get<std::string>(v);
}

std::string type_name(ParamType t) {
    switch (t) {
        case ParamType::kInt:
            return "int";
        case ParamType::kFloat:
            return "float";
        case ParamType::kString:
            return "string";
        case ParamType::kEnum:
            return "enum";
    }
    return "?";
}

std::string describe_rule(const ParamSpec& p) {
    if (!p.rule_text.empty()) return p.rule_text;
    if (p.type == ParamType::kEnum) {
        std::string s;
        for (const auto& c : p.choices) s += (s.empty() ? "" : " | ") + c;
        return s;
    }
    if (p.type == ParamType::kString) return "text";
    std::string r;
    if (p.type == ParamType::kInt)
        r = fmt::format("{}..{}", int64_t(p.min), int64_t(p.max));
    else
        r = std::isinf(p.max) ? fmt::format(">= {}", p.min) : fmt::format("{}..{}", p.min, p.max);
    if (p.power_of_two) r += ", power of two";
    return r;
}

}  // namespace edgesa
