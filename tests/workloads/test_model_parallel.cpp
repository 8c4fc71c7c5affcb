// Model-parallel split (split --model-parallel): exact MAC, halo and link counts, reference
// equality with the unsplit network, refusals, and a simulation of the split trace.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "../run_cli.h"
#include "diag/diagnostic.h"
#include "reference/reference.h"
#include "trace/trace_io.h"
#include "trace/trace_tensors.h"
#include "transforms/transforms.h"
#include "zoo/net_builder.h"
#include "zoo/zoo.h"

using namespace edgesa;

namespace {

// conv 3->8 (12x12) - pool - conv 8->6 stride 1 - flatten - fc 216->10 - fc 10->4
Network tiny() {
    NetBuilder b("tiny", Shape{3, 12, 12});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    auto x = b.conv("conv1", "input", 8, 3, o);
    x = b.maxpool("pool1", x, 2, 2);
    x = b.conv("conv2", x, 6, 3, o);
    x = b.flatten("flatten", x);
    x = b.fc("fc1", x, 10);
    b.fc("fc2", x, 4, true, "");
    return b.take();
}

ModelParallelOptions mp(int n, ConvSplit c, FcSplit f) {
    ModelParallelOptions o;
    o.devices = n;
    o.conv = c;
    o.fc = f;
    return o;
}

uint64_t link_bytes(const Network& n) {
    uint64_t b = 0;
    for (const auto& l : n.layers)
        if (l.is_transfer()) b += layer_out_bytes(l);
    return b;
}

std::vector<float> final_output(const Network& n, const WeightStore& ws) {
    return run_reference(n, seeded_input(n, 3), ws, ReferenceOptions{}).at(n.layers.back().name);
}

}  // namespace

TEST_CASE("model parallel by output channels: same MACs, exact link bytes, bit-exact reference",
          "[workloads]") {
    const Network n = tiny();
    const WeightStore ws(7);
    for (int N : {2, 4}) {
        INFO(N);
        WeightStore t;
        const Network s = split_model_parallel(n, ws, mp(N, ConvSplit::kOut, FcSplit::kOut), &t);
        CHECK(network_macs(s) == network_macs(n));
        CHECK(network_weights(s) == network_weights(n));
        CHECK(s.find("conv1/p1")->device == 1);
        CHECK(s.find("conv1")->type == LayerType::kConcat);
        CHECK(s.find("pool1")->device == 0);
        // Expected traffic, per split layer: the parts of devices 1..N-1 go to device 0, and its
        // input (unless the network input) goes from device 0 to devices 1..N-1; fp32 = 4 bytes
        uint64_t want = 0;
        for (const auto& l : n.layers) {
            if (l.type != LayerType::kConv2d && l.type != LayerType::kFc) continue;
            const int64_t part0 = l.out.c / N;  // floor(1*K/N)
            want += uint64_t(l.out.elements() - part0 * l.out.h * l.out.w) * 4;
            if (l.inputs[0] != "input") want += uint64_t(N - 1) * uint64_t(l.in.elements()) * 4;
        }
        CHECK(link_bytes(s) == want);
        CHECK(final_output(s, t) == final_output(n, ws));  // the same sums in the same order
    }
}

TEST_CASE("model parallel by spatial tiles counts the halo rows exactly", "[workloads]") {
    const Network n = tiny();
    const WeightStore ws(7);
    WeightStore t;
    const Network s = split_model_parallel(n, ws, mp(4, ConvSplit::kSpatial, FcSplit::kOut), &t);
    CHECK(network_macs(s) == network_macs(n));
    // conv1 (k3, s1, p1): 12 output rows as 3+3+3+3 read input rows [0,4) [2,7) [5,10) [8,12)
    CHECK(s.find("conv1/in0")->out.h == 4);
    CHECK(s.find("conv1/in1")->out.h == 5);
    CHECK(s.find("conv1/in1")->slice_r0 == 2);
    CHECK(s.find("conv1/in3")->out.h == 4);
    CHECK(s.find("conv1/p0")->pad_top == 1);
    CHECK(s.find("conv1/p0")->pad_bottom == 0);
    CHECK(s.find("conv1/p3")->pad_bottom == 1);
    CHECK(s.find("conv1")->concat_rows);
    // conv2 on 6 rows: 1+2+1+2 output rows from input rows [0,2) [0,4) [2,5) [3,6): 12 = 6 + 6 halo
    int64_t rows = 0;
    for (int p = 0; p < 4; ++p) rows += s.find("conv2/in" + std::to_string(p))->out.h;
    CHECK(rows == 12);
    // links: conv1 parts 1..3 (8 x 9 rows x 12) to device 0; conv2 input bands of devices 1..3
    // (8 x (4+3+3) x 6); conv2 parts 1..3 (6 x 5 x 6); the fcs by units: units 2..9 and 1..3 to
    // device 0, their inputs (216 and 10) to devices 1..3
    const uint64_t fc = (10 - 2) + 3 * 216 + (4 - 1) + 3 * 10;
    CHECK(link_bytes(s) == 4 * (8 * 9 * 12 + 8 * 10 * 6 + 6 * 5 * 6 + fc));
    CHECK(final_output(s, t) == final_output(n, ws));
}

TEST_CASE("spatial tiles of strided convs equal the unsplit conv bit for bit", "[workloads]") {
    // AlexNet-like conv1 (k11 s4 p2) and a k3 s2 p1 conv; bands at the edges get the padding
    NetBuilder b("strided", Shape{3, 35, 35});
    NetBuilder::ConvOpts o;
    o.pad = 2;
    o.stride = 4;
    auto x = b.conv("conv1", "input", 4, 11, o);  // 35 -> 8 rows
    o.pad = 1;
    o.stride = 2;
    b.conv("conv2", x, 3, 3, o);  // 8 -> 4 rows
    const Network n = b.take();
    const WeightStore ws(11);
    for (int N : {2, 3, 4}) {
        INFO(N);
        WeightStore t;
        const Network s =
            split_model_parallel(n, ws, mp(N, ConvSplit::kSpatial, FcSplit::kOut), &t);
        CHECK(network_macs(s) == network_macs(n));
        CHECK(final_output(s, t) == final_output(n, ws));
    }
    WeightStore t;
    const Network s = split_model_parallel(n, ws, mp(3, ConvSplit::kSpatial, FcSplit::kOut), &t);
    // conv1 rows [0,2) [2,5) [5,8) need input rows 4*r0-2 .. 4*(r1-1)-2+10: [-2,13) [6,25) [18,37),
    // clipped to [0,13) [6,25) [18,35) with 2 padding rows above the first and below the last
    CHECK(s.find("conv1/in0")->out.h == 13);
    CHECK(s.find("conv1/p0")->pad_top == 2);
    CHECK(s.find("conv1/p0")->pad_bottom == 0);
    CHECK(s.find("conv1/in1")->slice_r0 == 6);
    CHECK(s.find("conv1/in1")->out.h == 19);
    CHECK(s.find("conv1/p1")->pad_top == 0);
    CHECK(s.find("conv1/in2")->slice_r0 == 18);
    CHECK(s.find("conv1/in2")->out.h == 17);
    CHECK(s.find("conv1/p2")->pad_bottom == 2);
}

TEST_CASE("model parallel by input channels adds partial sums within a stated tolerance",
          "[workloads]") {
    const Network n = tiny();
    const WeightStore ws(7);
    WeightStore t;
    const Network s = split_model_parallel(n, ws, mp(3, ConvSplit::kIn, FcSplit::kIn), &t);
    CHECK(network_macs(s) == network_macs(n));
    CHECK(s.find("conv2/in2")->out.c == 8 - 5);  // channels [5, 8)
    CHECK(s.find("conv2/p0")->has_bias);
    CHECK_FALSE(s.find("conv2/p1")->has_bias);
    CHECK(s.find("conv2/sum")->type == LayerType::kAdd);
    CHECK(s.find("conv2")->activation == "relu");
    CHECK(s.find("fc2")->type == LayerType::kAdd);  // no fused activation: the add keeps the name
    // The partial sums change the fp32 association order: equal within a few ulps of the values
    const auto a = final_output(s, t), b = final_output(n, ws);
    REQUIRE(a.size() == b.size());
    float scale = 0;
    for (float v : b) scale = std::max(scale, std::fabs(v));
    for (size_t i = 0; i < a.size(); ++i) CHECK(std::fabs(a[i] - b[i]) <= 1e-5f * scale);
    CHECK(a != std::vector<float>(a.size(), 0.0f));
}

TEST_CASE("model parallel of a grouped conv follows its groups", "[workloads]") {
    NetBuilder b("grouped", Shape{3, 8, 8});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    auto x = b.conv("conv1", "input", 8, 3, o);
    o.groups = 2;
    x = b.conv("conv2", x, 8, 3, o);
    b.fc("fc", x, 4, true, "");
    const Network n = b.take();
    const WeightStore ws(5);
    WeightStore t2, t4;
    // N = 2 divides the 2 groups: one group per device; N = 4: two devices per group
    const Network s2 = split_model_parallel(n, ws, mp(2, ConvSplit::kOut, FcSplit::kOut), &t2);
    CHECK(s2.find("conv2/in1")->slice_c0 == 4);
    CHECK(s2.find("conv2/p1")->groups == 1);
    const Network s4 = split_model_parallel(n, ws, mp(4, ConvSplit::kOut, FcSplit::kOut), &t4);
    CHECK(s4.find("conv2/in2")->slice_c0 == 4);
    CHECK(s4.find("conv2/in2")->out.c == 4);
    CHECK(s4.find("conv2/p2")->out.c == 2);
    for (const Network* s : {&s2, &s4}) {
        CHECK(network_macs(*s) == network_macs(n));
        CHECK(network_weights(*s) == network_weights(n));
    }
    CHECK(final_output(s2, t2) == final_output(n, ws));
    CHECK(final_output(s4, t4) == final_output(n, ws));
    // 3 groups on 2 devices: refused when named, left whole by default
    NetBuilder b3("g3", Shape{6, 4, 4});
    o.groups = 3;
    b3.conv("conv", "input", 6, 3, o);
    const Network n3 = b3.take();
    ModelParallelOptions named = mp(2, ConvSplit::kOut, FcSplit::kOut);
    named.layers = "conv";
    CHECK_THROWS_WITH(split_model_parallel(n3, ws, named, nullptr),
                      Catch::Contains("conv has 3 groups"));
    CHECK(split_model_parallel(n3, ws, mp(2, ConvSplit::kOut, FcSplit::kOut), nullptr)
              .find("conv")
              ->type == LayerType::kConv2d);
}

TEST_CASE("model parallel refusals name the option and the rule", "[workloads]") {
    const Network n = tiny();
    const WeightStore ws(7);
    auto named = [](int N, ConvSplit c, const std::string& layers) {
        ModelParallelOptions o = mp(N, c, FcSplit::kOut);
        o.layers = layers;
        return o;
    };
    CHECK_THROWS_WITH(
        split_model_parallel(n, ws, named(4, ConvSplit::kIn, "conv1"), nullptr),
        Catch::Contains("--conv-mode = in: conv1 has 3 input channels, fewer than the 4 devices"));
    CHECK_THROWS_WITH(
        split_model_parallel(n, ws, named(5, ConvSplit::kOut, "fc*"), nullptr),
        Catch::Contains("--fc-mode = out: fc2 has 4 output channels, fewer than the 5 devices"));
    CHECK_THROWS_WITH(split_model_parallel(n, ws, named(13, ConvSplit::kSpatial, "conv1"), nullptr),
                      Catch::Contains("conv1 has 12 output rows, fewer than the 13 devices"));
    CHECK_THROWS_WITH(split_model_parallel(n, ws, mp(1, ConvSplit::kOut, FcSplit::kOut), nullptr),
                      Catch::Contains("must be in 2..1024"));
    CHECK_THROWS_WITH(split_model_parallel(n, ws, named(2, ConvSplit::kOut, "pool1"), nullptr),
                      Catch::Contains("pool1 is a maxpool layer"));
    CHECK_THROWS_WITH(split_model_parallel(n, ws, named(2, ConvSplit::kOut, "conv9"), nullptr),
                      Catch::Contains("matches no layer"));
    // by default, layers that cannot be split over N stay whole on device 0
    const Network d = split_model_parallel(n, ws, mp(5, ConvSplit::kOut, FcSplit::kOut), nullptr);
    CHECK(d.find("fc2")->type == LayerType::kFc);
    CHECK(d.find("fc2")->device == 0);
    CHECK(d.find("fc1/p4")->device == 4);
    const Network s = split_model_parallel(n, ws, named(2, ConvSplit::kOut, "conv2"), nullptr);
    CHECK(s.find("conv1")->type == LayerType::kConv2d);
    CHECK(s.find("conv2/p1")->device == 1);
}

TEST_CASE("split --model-parallel from the CLI: round trip, simulation, errors write nothing",
          "[smoke][workloads]") {
    using namespace edgesa::test;
    const std::string dir = "/tmp/edgesa_wl_mp_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    write_trace_file(dir + "/t.yaml", tiny());
    CliResult r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir +
                             "/s.yaml --model-parallel 4 --conv-mode spatial --tensors");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("4 devices") != std::string::npos);
    const Network s = read_trace_file(dir + "/s.yaml");
    CHECK(s.version == 2);
    CHECK(std::filesystem::exists(dir + "/s.yaml.tensors/conv1_p3.w.npy"));
    CHECK(write_trace_text(s) == slurp_file(dir + "/s.yaml"));
    // the split trace's tensors are the source's synthetic weights, sliced
    const Network n = read_trace_file(dir + "/t.yaml");
    CHECK(final_output(s, WeightStore::from_trace(s, 99)) == final_output(n, WeightStore(1)));
    // the simulator sends exactly the transfer layers' tensors over the link, and its functional
    // mode (q3.13) computes every layer of the source bit for bit as the unsplit network does
    int transfers = 0;
    for (const auto& l : s.layers) transfers += l.is_transfer();
    const std::string cfg = source_dir() + "/configs/seed_64x32_q3.13.yaml";
    auto hashes = [&](const nlohmann::json& j) {
        std::map<std::string, std::string> h;
        for (const auto& l : j["layers"])
            if (l.contains("output_hash"))
                h[l["name"].get<std::string>()] = l["output_hash"].get<std::string>();
        return h;
    };
    REQUIRE(run_edgesa("run --config " + cfg + " --workload " + dir +
                       "/t.yaml --mode functional --json " + dir + "/unsplit.json")
                .exit_code == 0);
    const auto unsplit = hashes(nlohmann::json::parse(slurp_file(dir + "/unsplit.json")));
    for (const char* mode : {"timing", "functional"}) {
        // a short link latency keeps the idle cycles (and the test) short
        r = run_edgesa("run --config " + cfg + " --workload " + dir +
                       "/s.yaml --set system.devices=4 --set system.link_latency_ms=0.01 --mode " +
                       mode + " --json " + dir + "/run.json");
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(slurp_file(dir + "/run.json"));
        CHECK(j["stats"]["system"]["link"]["bytes"]["value"].get<uint64_t>() == link_bytes(s));
        CHECK(j["stats"]["system"]["link"]["transfers"]["value"].get<int>() == transfers);
        if (std::string(mode) == "functional") {
            const auto split = hashes(j);
            REQUIRE(unsplit.size() == n.layers.size());
            for (const auto& [name, h] : unsplit) {
                INFO(name);
                CHECK(split.at(name) == h);
            }
        }
    }
    r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir +
                   "/x.yaml --model-parallel 4 --conv-mode rows");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--conv-mode = rows: must be out, in or spatial") != std::string::npos);
    r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir +
                   "/x.yaml --model-parallel 4 --fc-mode spatial");
    CHECK(r.err.find("must be out or in") != std::string::npos);
    r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir +
                   "/x.yaml --model-parallel 9 --layers conv2");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("fewer than the 9 devices") != std::string::npos);
    r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir +
                   "/x.yaml --model-parallel 2 --lcp 2");
    CHECK(r.err.find("exactly one of --lcp N and --model-parallel N") != std::string::npos);
    r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir +
                   "/x.yaml --model-parallel 2 --devices 2");
    CHECK(r.err.find("--fatten and --devices apply to --lcp") != std::string::npos);
    r = run_edgesa("trace split " + dir + "/t.yaml -o " + dir + "/x.yaml --lcp 2 --conv-mode in");
    CHECK(r.err.find("apply to --model-parallel") != std::string::npos);
    r = run_edgesa("run --config " + source_dir() + "/configs/seed_64x32_q3.13.yaml --workload " +
                   dir + "/s.yaml");
    CHECK(r.exit_code == 2);  // devices 1..3 need system.devices = 4
    CHECK_FALSE(std::filesystem::exists(dir + "/x.yaml"));
    std::filesystem::remove_all(dir);
}
