// The drawer of `edgesa verify --random` (verify/random_cases.h): deterministic, every drawn
// config and trace passes the normal readers and the generated top's limits, and the draws cover
// the legal space (every layer type, every storage kind on both compute types, sizes that do and
// do not divide the array, stalling DRAM).
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "config/act_support.h"
#include "config/loader.h"
#include "functional/functional_state.h"
#include "io/atomic_file.h"
#include "numerics/activation.h"
#include "random_cases.h"
#include "rtl_run.h"
#include "trace/trace_io.h"

using namespace edgesa;
using namespace edgesa::verify;
namespace fs = std::filesystem;

namespace {

std::string kind(const StorageFormat& f) {
    return f.is_fp32() ? "fp32" : (f.is_custom_float() ? "cf" : "q");
}

}  // namespace

TEST_CASE("random cases: the same count and seed give the same cases; more cases append",
          "[verify][random]") {
    const auto a = draw_random_cases(7, 30, 6), b = draw_random_cases(7, 30, 6);
    const auto p = draw_random_cases(7, 14, 6);
    const auto other = draw_random_cases(8, 30, 6);
    REQUIRE(a.size() == 5);
    REQUIRE(p.size() == 3);
    REQUIRE(p.back().cases.size() == 2);
    for (size_t j = 0; j < a.size(); ++j) {
        CHECK(a[j].config_yaml == b[j].config_yaml);
        REQUIRE(a[j].cases.size() == 6);
        for (size_t k = 0; k < a[j].cases.size(); ++k) {
            CHECK(a[j].cases[k].index == int(j * 6 + k));
            CHECK(a[j].cases[k].trace_yaml == b[j].cases[k].trace_yaml);
            REQUIRE(a[j].cases[k].tensors.size() == b[j].cases[k].tensors.size());
            for (size_t t = 0; t < a[j].cases[k].tensors.size(); ++t)
                CHECK(a[j].cases[k].tensors[t].data.data == b[j].cases[k].tensors[t].data.data);
        }
    }
    for (size_t j = 0; j < p.size(); ++j) {
        CHECK(p[j].config_yaml == a[j].config_yaml);
        for (size_t k = 0; k < p[j].cases.size(); ++k)
            CHECK(p[j].cases[k].trace_yaml == a[j].cases[k].trace_yaml);
    }
    CHECK(other[0].config_yaml != a[0].config_yaml);
}

TEST_CASE("random cases load through the normal readers, run on the top and cover the space",
          "[verify][random]") {
    const fs::path dir = fs::path("/tmp") / ("edgesa_random_cases_" + std::to_string(::getpid()));
    std::set<std::string> seen;
    int cases = 0;
    for (uint64_t seed : {1, 2, 3, 4, 5}) {
        for (const RandomGroup& g : draw_random_cases(seed, 60, 6)) {
            const AccelConfig cfg = load_config_text(g.config_yaml, "random config");
            const bool fixed = cfg.derived.fixed_compute;
            const std::string ct = fixed ? "fixed" : "fp32";
            if (cfg.derived.dram_millibytes_per_cycle < 2000) seen.insert("dram<2B/cycle");
            if (cfg.derived.dram_latency_cycles >= 10) seen.insert("dram latency>=10");
            if (cfg.dram.max_outstanding == 1) seen.insert("1 outstanding read");
            if (cfg.array.rows % 2 == 1) seen.insert("odd rows");
            const uint32_t fns = cfg.derived.act_functions;
            seen.insert(fns == 0x1feu ? "all functions" : "some functions");
            const uint32_t ops = cfg.derived.pool_ops;
            seen.insert(ops == kAllPoolOps ? "all pool ops" : "some pool ops");
            for (const RandomCase& c : g.cases) {
                INFO("seed " << seed << " case " << c.index << "\n"
                             << g.config_yaml << c.trace_yaml);
                ++cases;
                const fs::path cdir = dir / std::to_string(seed) / std::to_string(c.index);
                fs::create_directories(cdir / "tensors");
                for (const auto& t : c.tensors) write_npy((cdir / t.file).string(), t.data);
                write_file_atomic((cdir / "trace.yaml").string(), c.trace_yaml);
                const Network net = read_trace_file((cdir / "trace.yaml").string());
                const sim::Program prog = sim::Program::build(net, cfg);
                sim::FunctionalState fn(net, prog, cfg);
                seen.insert("input " + kind(net.input_format) + " on " + ct);
                for (const auto& lp : prog.layers) {
                    const Layer& L = net.layers[size_t(lp.layer)];
                    // The top runs every drawn layer with device work (make_layer_job rejects
                    // what it cannot); a channel shuffle is its consumer's addressing.
                    if (lp.kind == sim::LayerKind::kGemm || lp.kind == sim::LayerKind::kPass)
                        CHECK_NOTHROW(make_layer_job(cfg, lp, fn, 0x10000, 0x80000));
                    std::string type = to_string(L.type);
                    if (L.type == LayerType::kConv2d && L.groups > 1)
                        type = L.groups == L.in.c && L.groups == L.out.c ? "depthwise" : "grouped";
                    seen.insert(type);
                    // only functions the design implements (Program::build checks it too)
                    if (!L.activation.empty()) {
                        INFO(L.name << ".activation = " << L.activation);
                        CHECK((fns >> activation_code(L.activation) & 1u) == 1u);
                        if (fns != 0x1feu) seen.insert("activation of a subset");
                    }
                    // only operations the design implements (Program::build checks it too)
                    const int op = pool_op_bit(pool_op_of(L.type));
                    if (op >= 0) {
                        INFO(L.name << ".type = " << to_string(L.type));
                        CHECK((ops >> op & 1u) == 1u);
                        if (ops != kAllPoolOps) seen.insert("pool op of a subset");
                    }
                    seen.insert("out " + kind(L.out_format) + " on " + ct);
                    if (L.type == LayerType::kMaxPool || L.type == LayerType::kAvgPool) {
                        if (L.pad_top > 0) seen.insert("padded pool");
                        if (L.ceil_mode) seen.insert("ceil_mode pool");
                    }
                    if (lp.kind != sim::LayerKind::kGemm) continue;
                    seen.insert("weights " + kind(L.weight_format) + " on " + ct);
                    seen.insert(L.has_bias ? "bias" : "no bias");
                    seen.insert(L.activation.empty() ? "no activation" : L.activation);
                    seen.insert(lp.K % cfg.array.rows ? "K not divisible" : "K divisible");
                    seen.insert(lp.R % cfg.array.width ? "R not divisible" : "R divisible");
                    seen.insert(lp.resident_all ? "resident" : "streaming");
                    if (lp.N > lp.L) seen.insert("several tiles");
                    if (L.type == LayerType::kConv2d && L.stride_h > 1) seen.insert("strided");
                }
            }
        }
    }
    fs::remove_all(dir);
    CHECK(cases == 300);
    for (const char* what : {"conv2d",
                             "depthwise",
                             "grouped",
                             "fc",
                             "maxpool",
                             "avgpool",
                             "global_avgpool",
                             "activation",
                             "add",
                             "scale_shift",
                             "mul",
                             "upsample",
                             "channel_shuffle",
                             "relu",
                             "relu6",
                             "leaky_relu",
                             "hard_sigmoid",
                             "hard_swish",
                             "sigmoid",
                             "silu",
                             "tanh",
                             "no activation",
                             "bias",
                             "no bias",
                             "K not divisible",
                             "K divisible",
                             "R not divisible",
                             "R divisible",
                             "resident",
                             "streaming",
                             "several tiles",
                             "strided",
                             "padded pool",
                             "ceil_mode pool",
                             "dram<2B/cycle",
                             "dram latency>=10",
                             "1 outstanding read",
                             "odd rows",
                             "all functions",
                             "some functions",
                             "activation of a subset",
                             "all pool ops",
                             "some pool ops",
                             "pool op of a subset"}) {
        INFO(what);
        CHECK(seen.count(what) == 1);
    }
    for (const char* ct : {"fp32", "fixed"})
        for (const char* k : {"fp32", "cf", "q"})
            for (const char* t : {"input", "out", "weights"}) {
                const std::string what = std::string(t) + " " + k + " on " + ct;
                INFO(what);
                CHECK(seen.count(what) == 1);
            }
}
