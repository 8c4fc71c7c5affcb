// The generated edgesa_top in Verilator against the SystemC model, one isolated layer at a time
// (docs/rtl-interface.md): the RTL's output codes equal SystemC functional mode's stored outputs
// bit for bit, and its start and end edges and every read and write request (edge, address, bursts)
// equal SystemC's. The runner (verify/rtl_runner) is verilated at build time with the design's RTL.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "config/loader.h"
#include "layer_image.h"
#include "rtl_run.h"
#include "sc_side.h"
#include "system/simulation.h"
#include "trace/trace_io.h"

namespace {

using namespace edgesa;

struct Compared {
    sim::SimResult sc;
    sim::EventCapture cap;
    verify::RtlLayerResult rtl;
    std::vector<int64_t> sc_codes, rtl_codes;
};

constexpr uint64_t kImageAddr = 0x1000, kOutAddr = 0x40000;

Compared run_both(const std::string& config, const std::string& trace, const std::string& runner,
                  int layer) {
    const AccelConfig cfg =
        load_config_file(std::string(EDGESA_SOURCE_PATH) + "/configs/" + config);
    const Network net =
        read_trace_file(std::string(EDGESA_SOURCE_PATH) + "/tests/verify_rtl/data/" + trace);
    const sim::Program prog = sim::Program::build(net, cfg);
    Compared c;
    c.cap.image_addr = kImageAddr;
    c.cap.out_addr = kOutAddr;
    sim::SimOptions opt;
    opt.functional = true;
    opt.isolate_layer = layer;
    opt.capture = &c.cap;
    c.sc = sim::simulate(net, cfg, prog, opt);
    const sim::FunctionalState fn(net, prog, cfg);
    const verify::RtlLayerJob job =
        verify::make_layer_job(cfg, prog.layers[size_t(layer)], fn, kImageAddr, kOutAddr);
    const std::string work = std::filesystem::temp_directory_path().string() + "/edgesa_rtl_top_" +
                             trace + "_" + std::to_string(layer);
    const auto res = verify::run_rtl(runner, {job}, work, {});
    REQUIRE(res.size() == 1);
    c.rtl = res[0];
    const auto& order = c.cap.layers[size_t(layer)].write_order;
    const auto& out = c.sc.outputs[size_t(layer)];
    for (uint32_t i : order) c.sc_codes.push_back(out[i]);
    const Layer& L = net.layers[size_t(layer)];
    c.rtl_codes = verify::unpack_codes(c.rtl.out_bytes, L.out_format.bits(), order.size(),
                                       L.out_format.is_fixed());
    return c;
}

void check_equal(const Compared& c, int layer) {
    const auto& st = c.sc.layers[size_t(layer)];
    const auto& ev = c.cap.layers[size_t(layer)];
    CHECK(c.rtl.start_cycle == st.start_cycle);
    CHECK(c.rtl.end_cycle == st.end_cycle);
    REQUIRE(c.rtl.reads.size() == ev.reads.size());
    for (size_t i = 0; i < ev.reads.size(); ++i) {
        INFO("read " << i);
        CHECK(c.rtl.reads[i].cycle == ev.reads[i].cycle);
        CHECK(c.rtl.reads[i].addr == ev.reads[i].addr);
        CHECK(c.rtl.reads[i].bursts == ev.reads[i].bursts);
    }
    REQUIRE(c.rtl.writes.size() == ev.writes.size());
    for (size_t i = 0; i < ev.writes.size(); ++i) {
        INFO("write " << i);
        CHECK(c.rtl.writes[i].cycle == ev.writes[i].cycle);
        CHECK(c.rtl.writes[i].addr == ev.writes[i].addr);
        CHECK(c.rtl.writes[i].bursts == ev.writes[i].bursts);
    }
    REQUIRE(c.sc_codes.size() == c.rtl_codes.size());
    size_t diff = 0;
    for (size_t i = 0; i < c.sc_codes.size(); ++i) diff += c.sc_codes[i] != c.rtl_codes[i];
    CHECK(diff == 0);
    CHECK(c.sc_codes.size() == c.sc.outputs[size_t(layer)].size());
}

}  // namespace

TEST_CASE(
    "rtl top q3.13: a conv layer (G = 2, partial output block, two tiles) equals SystemC in codes, "
    "end edge and every memory request",
    "[xcheck]") {
    const Compared c = run_both("rtl_4x4_q3.13.yaml", "conv_q.yaml", EDGESA_RTL_RUNNER_Q, 0);
    check_equal(c, 0);
    // Not a trivially empty comparison: some outputs are non-zero and there are several writes.
    size_t nonzero = 0;
    for (int64_t v : c.rtl_codes) nonzero += v != 0;
    CHECK(nonzero > 10);
    CHECK(c.rtl.writes.size() > 4);
}

TEST_CASE("rtl top q3.13: an fc layer equals SystemC in codes, end edge and every memory request",
          "[xcheck]") {
    const Compared c = run_both("rtl_4x4_q3.13.yaml", "fc_q.yaml", EDGESA_RTL_RUNNER_Q, 0);
    check_equal(c, 0);
}

TEST_CASE(
    "rtl top fp32 with custom-float storage: a conv layer (fp32 input, e4m3b7 weights, e5m2b15 "
    "output; "
    "decompressor format reloads) equals SystemC in codes, end edge and every memory request",
    "[xcheck]") {
    const Compared c = run_both("rtl_8x8_fp32.yaml", "conv_cf.yaml", EDGESA_RTL_RUNNER_F, 0);
    check_equal(c, 0);
    size_t nonzero = 0;
    for (int64_t v : c.rtl_codes) nonzero += v != 0;
    CHECK(nonzero > 10);
}

TEST_CASE(
    "rtl top fp32 with custom-float storage: an fc layer (e4m3b7 in and weights, relu6, fp32 out) "
    "equals "
    "SystemC in codes, end edge and every memory request",
    "[xcheck]") {
    const Compared c = run_both("rtl_8x8_fp32.yaml", "fc_cf.yaml", EDGESA_RTL_RUNNER_F, 0);
    check_equal(c, 0);
}

TEST_CASE(
    "rtl top q3.13: a pointwise conv without bias or activation (every block resident, G = 1) "
    "equals "
    "SystemC",
    "[xcheck]") {
    const Compared c =
        run_both("verify/q3.13_4x4_mixed.yaml", "conv_q_mixed.yaml", EDGESA_RTL_RUNNER_QM, 0);
    check_equal(c, 0);
}

TEST_CASE("rtl top q3.13: a grouped, strided conv with relu6 into q2.6 storage equals SystemC",
          "[xcheck]") {
    const Compared c =
        run_both("verify/q3.13_4x4_mixed.yaml", "conv_q_mixed.yaml", EDGESA_RTL_RUNNER_QM, 1);
    check_equal(c, 1);
}

TEST_CASE(
    "rtl top q3.13: an activation layer (relu6 into q2.6; pass vectors through the act/pool bank) "
    "equals "
    "SystemC",
    "[xcheck]") {
    const Compared c =
        run_both("verify/q3.13_4x4_mixed.yaml", "act_q.yaml", EDGESA_RTL_RUNNER_QM, 0);
    check_equal(c, 0);
}

TEST_CASE("rtl top fp32: an activation layer (relu, e4m3b7 in, e5m2b15 out) equals SystemC",
          "[xcheck]") {
    const Compared c = run_both("rtl_8x8_fp32.yaml", "act_cf.yaml", EDGESA_RTL_RUNNER_F, 0);
    check_equal(c, 0);
}

namespace {

// Several layers of one trace, each SystemC run in its own forked process (verify/sc_side.h: a
// full run for the producers' outputs, then each layer isolated), all RTL jobs in one runner run.
// Checks codes, start and end edges and every memory request; returns the RTL codes per layer.
std::vector<std::vector<int64_t>> compare_layers(const std::string& config,
                                                 const std::string& trace,
                                                 const std::string& runner,
                                                 const std::vector<int>& layers) {
    const AccelConfig cfg =
        load_config_file(std::string(EDGESA_SOURCE_PATH) + "/configs/" + config);
    const Network net =
        read_trace_file(std::string(EDGESA_SOURCE_PATH) + "/tests/verify_rtl/data/" + trace);
    const sim::Program prog = sim::Program::build(net, cfg);
    const std::string work =
        std::filesystem::temp_directory_path().string() + "/edgesa_rtl_top_" + trace;
    std::filesystem::create_directories(work);
    const verify::Tensors full = verify::sc_full_run(net, cfg, prog);
    sim::FunctionalState fn(net, prog, cfg);
    fn.outputs = full;
    std::vector<verify::ScLayerRun> sc;
    std::vector<verify::RtlLayerJob> jobs;
    for (int l : layers) {
        sc.push_back(verify::sc_layer_run(net, cfg, prog, l, full, kImageAddr, kOutAddr, ""));
        jobs.push_back(
            verify::make_layer_job(cfg, prog.layers[size_t(l)], fn, kImageAddr, kOutAddr));
    }
    const auto res = verify::run_rtl(runner, jobs, work, {});
    REQUIRE(res.size() == layers.size());
    std::vector<std::vector<int64_t>> codes;
    for (size_t i = 0; i < layers.size(); ++i) {
        const Layer& L = net.layers[size_t(layers[i])];
        INFO("layer " << L.name);
        const auto& r = res[i];
        CHECK(r.start_cycle == sc[i].start_cycle);
        CHECK(r.end_cycle == sc[i].end_cycle);
        REQUIRE(r.reads.size() == sc[i].reads.size());
        for (size_t k = 0; k < r.reads.size(); ++k)
            CHECK((r.reads[k].cycle == sc[i].reads[k].cycle &&
                   r.reads[k].addr == sc[i].reads[k].addr &&
                   r.reads[k].bursts == sc[i].reads[k].bursts));
        REQUIRE(r.writes.size() == sc[i].writes.size());
        for (size_t k = 0; k < r.writes.size(); ++k)
            CHECK((r.writes[k].cycle == sc[i].writes[k].cycle &&
                   r.writes[k].addr == sc[i].writes[k].addr &&
                   r.writes[k].bursts == sc[i].writes[k].bursts));
        const auto rtl = verify::unpack_codes(r.out_bytes, L.out_format.bits(), sc[i].codes.size(),
                                              L.out_format.is_fixed());
        CHECK(rtl == sc[i].codes);
        CHECK(sc[i].codes.size() == size_t(L.out.elements()));
        codes.push_back(rtl);
    }
    std::filesystem::remove_all(work);
    return codes;
}

}  // namespace

// Pooling and add: window-gathered pass vectors folded by the act/pool lanes (docs/architecture.md,
// "Pass layers"). Layers 0-2 read the network input: max pool 3x3 stride 2 pad 1, avg pool 2x2
// stride 2, global avg pool (49 values per window); layer 4 adds an activation's output stored in
// another format (one block per input and group) to the input.
TEST_CASE("rtl top q3.13: max, avg and global avg pooling and an add of q2.6 + q3.13 equal SystemC",
          "[xcheck]") {
    const auto codes = compare_layers("verify/q3.13_4x4_mixed.yaml", "pool_q.yaml",
                                      EDGESA_RTL_RUNNER_QM, {0, 1, 2, 4});
    for (const auto& c : codes) {
        size_t nonzero = 0;
        for (int64_t v : c) nonzero += v != 0;
        CHECK(nonzero * 2 > c.size());
    }
}

TEST_CASE("rtl top fp32: max, avg and global avg pooling and an add of e4m3b7 + fp32 equal SystemC",
          "[xcheck]") {
    const auto codes =
        compare_layers("rtl_8x8_fp32.yaml", "pool_cf.yaml", EDGESA_RTL_RUNNER_F, {0, 1, 2, 4});
    for (const auto& c : codes) {
        size_t nonzero = 0;
        for (int64_t v : c) nonzero += v != 0;
        CHECK(nonzero * 2 > c.size());
    }
}

TEST_CASE("layer image: packed codes round-trip and the header bits follow the documented layout",
          "[smoke]") {
    std::vector<uint8_t> b;
    uint64_t pos = 0;
    verify::pack_codes({1, -1, 5}, 3, &b, &pos);
    REQUIRE(b.size() == 2);
    CHECK(b[0] ==
          uint8_t(0b01'111'001));  // value 0 at bits 2:0, value 1 at 5:3, value 2 low bits at 7:6
    CHECK(b[1] == 0b1);
    CHECK(verify::unpack_codes(b, 3, 3, true) == std::vector<int64_t>{1, -1, -3});
    CHECK(verify::unpack_codes(b, 3, 3, false) == std::vector<int64_t>{1, 7, 5});
}
