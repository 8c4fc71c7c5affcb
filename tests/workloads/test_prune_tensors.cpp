// Pruning a trace that carries tensors: the pruned trace's .npy files hold the kept filters and the
// matching input channels, so its reference inference equals a hand-built pruned computation.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../run_cli.h"
#include "reference/reference.h"
#include "trace/trace_io.h"
#include "trace/trace_tensors.h"
#include "transforms/transforms.h"
#include "zoo/net_builder.h"

using namespace edgesa;

namespace {
// conv1 2->C1 k3 pad 1, relu - conv2 C1->C2 k3 pad 1, relu - flatten - fc (C2*36) -> 5
Network net(int64_t c1, int64_t c2) {
    NetBuilder b("tiny", Shape{2, 6, 6});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    auto x = b.conv("conv1", "input", c1, 3, o);
    x = b.conv("conv2", x, c2, 3, o);
    x = b.flatten("flatten", x);
    b.fc("fc", x, 5, true, "");
    return b.take();
}

// Filter k of a conv is scale[k] times one base filter, so the L1 ranking is the |scale| ranking.
std::vector<float> scaled_filters(const std::vector<float>& scale, size_t per_filter,
                                  const char* stream) {
    const auto base = seeded_normal(3, stream, per_filter, 0.5);
    std::vector<float> w;
    for (float s : scale)
        for (float v : base) w.push_back(s * v);
    return w;
}
}  // namespace

TEST_CASE("a pruned trace carries its kept filters and channels as tensors", "[workloads]") {
    using namespace edgesa::test;
    const std::string dir = "/tmp/edgesa_wl_prune_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    // conv1 L1 norms rank 0.3, 0.1, 0.4, 0.2 -> ratio 0.5 keeps filters 0 and 2;
    // conv2 ranks 0.5, 0.1, 0.3 -> ratio 0.34 removes floor(1.02) = 1 filter, keeps 0 and 2
    const Network src = net(4, 3);
    WeightStore ws;
    const auto w1 = scaled_filters({0.3f, -0.1f, 0.4f, 0.2f}, 2 * 9, "w1");
    const auto b1 = seeded_normal(3, "b1", 4, 0.1);
    const auto w2 = scaled_filters({0.5f, 0.1f, -0.3f}, 4 * 9, "w2");
    const auto b2 = seeded_normal(3, "b2", 3, 0.1);
    const auto w3 = seeded_normal(3, "w3", 5 * 3 * 36, 0.2);
    const auto b3 = seeded_normal(3, "b3", 5, 0.1);
    ws.set("conv1", w1, b1);
    ws.set("conv2", w2, b2);
    ws.set("fc", w3, b3);
    write_trace_with_tensors(dir + "/src.yaml", src, ws);
    CliResult r = run_edgesa("trace prune " + dir + "/src.yaml -o " + dir +
                             "/p.yaml --ratio conv1=0.5 --ratio conv2=0.34");
    REQUIRE(r.exit_code == 0);
    const Network p = read_trace_file(dir + "/p.yaml");
    CHECK(p.find("conv1")->weights_file == "p.yaml.tensors/conv1.w.npy");
    CHECK(p.find("conv2")->in.c == 2);
    CHECK(p.find("fc")->in.c == 2 * 36);

    // The hand-built pruned network: filters {0, 2} of conv1 and conv2, conv2's input channels
    // {0, 2}, fc's columns of channels {0, 2} (36 features each)
    const Network hand = net(2, 2);
    WeightStore hw;
    std::vector<float> hw1, hb1, hw2, hb2, hw3;
    for (int k : {0, 2}) {
        hw1.insert(hw1.end(), w1.begin() + k * 18, w1.begin() + (k + 1) * 18);
        hb1.push_back(b1[size_t(k)]);
        for (int c : {0, 2})
            hw2.insert(hw2.end(), w2.begin() + (k * 4 + c) * 9, w2.begin() + (k * 4 + c + 1) * 9);
        hb2.push_back(b2[size_t(k)]);
    }
    for (int u = 0; u < 5; ++u)
        for (int c : {0, 2})
            hw3.insert(hw3.end(), w3.begin() + u * 108 + c * 36,
                       w3.begin() + u * 108 + (c + 1) * 36);
    hw.set("conv1", hw1, hb1);
    hw.set("conv2", hw2, hb2);
    hw.set("fc", hw3, b3);
    const auto x = seeded_input(src, 4);
    const auto got = run_reference(p, x, WeightStore::from_trace(p, 1), ReferenceOptions{});
    const auto want = run_reference(hand, x, hw, ReferenceOptions{});
    CHECK(got.at("conv1") == want.at("conv1"));
    CHECK(got.at("fc") == want.at("fc"));
    // and it is not what synthetic weights or the unpruned net would give
    CHECK(got.at("fc") != run_reference(p, x, WeightStore(1), ReferenceOptions{}).at("fc"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("pruning with tensors through a depthwise conv keeps its matching filters",
          "[workloads]") {
    NetBuilder b("dw", Shape{3, 5, 5});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    auto x = b.conv("pw", "input", 4, 1, NetBuilder::ConvOpts{});
    NetBuilder::ConvOpts d = o;
    d.groups = 4;
    x = b.conv("dw", x, 4, 3, d);
    b.conv("out", x, 2, 1, NetBuilder::ConvOpts{});
    const Network n = b.take();
    WeightStore ws(1);
    ws.set("pw", scaled_filters({0.1f, 0.4f, 0.2f, 0.3f}, 3, "pw"), {0.f, 1.f, 2.f, 3.f});
    WeightStore t;
    const Network p = prune_filters(n, ws, {{"pw", 0.5}}, &t);  // keeps filters 1 and 3
    CHECK(p.find("dw")->groups == 2);
    CHECK(t.biases(*p.find("pw")) == std::vector<float>{1.f, 3.f});
    const auto& dw = ws.weights(*n.find("dw"));
    const std::vector<float> want_dw(dw.begin() + 9, dw.begin() + 18);
    CHECK(std::vector<float>(t.weights(*p.find("dw")).begin(),
                             t.weights(*p.find("dw")).begin() + 9) == want_dw);
    const auto& out = ws.weights(*n.find("out"));  // [2][4]: columns 1 and 3
    CHECK(t.weights(*p.find("out")) == std::vector<float>{out[1], out[3], out[5], out[7]});
}

TEST_CASE("pruning with tensors refuses a grouped conv after the pruned layer", "[workloads]") {
    NetBuilder b("g", Shape{3, 5, 5});
    auto x = b.conv("conv1", "input", 4, 1, NetBuilder::ConvOpts{});
    NetBuilder::ConvOpts g;
    g.groups = 2;
    b.conv("conv2", x, 4, 1, g);
    const Network n = b.take();
    WeightStore t;
    CHECK_THROWS_WITH(
        prune_filters(n, WeightStore(1), {{"conv1", 0.5}}, &t),
        Catch::Contains("--ratio = conv2: a grouped conv cannot follow a pruned layer"));
    CHECK(prune_filters(n, WeightStore(1), {{"conv1", 0.5}}).find("conv2")->in.c ==
          2);  // shapes only: fine
}
