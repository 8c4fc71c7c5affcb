// `edgesa run --images N`: a batch run back to back on one device, and weight residency across
// LCP branches and images (docs/architecture.md, "Residency"). Expected fills are derived here
// from the tiling in closed form: a conv with K output channels and R = C_in * k * k reduction
// values has ceil(K / rows) * ceil(R / width) weight blocks of min(rows, K - kb * rows) rows.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim_cli.h"
#include "sim_fixtures.h"

using namespace edgesa;
using edgesa::test::run_sim;

namespace {

constexpr int64_t kRows = 64, kWidth = 32;  // the seed design

// An LCP-split pair of branches on one device: b<i>/c1 (3 -> 8, 3x3) then b<i>/c2 (8 -> 8, 3x3),
// joined by a concat.
Network lcp_branches() {
    Network n;
    n.name = "lcp";
    n.input = {3, 8, 8};
    n.input_format = test::fmt("fp32");
    for (int b = 0; b < 2; ++b) {
        const std::string p = "b" + std::to_string(b) + "/";
        n.layers.push_back(test::conv(p + "c1", "input", {3, 8, 8}, 8, 3, 1, 1));
        n.layers.push_back(test::conv(p + "c2", p + "c1", {8, 8, 8}, 8, 3, 1, 1));
        n.layers[n.layers.size() - 2].branch = n.layers.back().branch = b;
    }
    Layer cat;
    cat.name = "concat";
    cat.type = LayerType::kConcat;
    cat.inputs = {"b0/c2", "b1/c2"};
    cat.in = {8, 8, 8};
    cat.out = {16, 8, 8};
    cat.out_format = test::fmt("fp32");
    n.layers.push_back(cat);
    return n;
}

int64_t ceil_div(int64_t a, int64_t b) {
    return (a + b - 1) / b;
}

// Weight blocks and fill vectors of one pass over every conv of the network.
void conv_blocks(const Network& n, uint64_t* blocks, uint64_t* vectors) {
    *blocks = *vectors = 0;
    for (const auto& l : n.layers) {
        if (l.type != LayerType::kConv2d) continue;
        const int64_t K = l.out.c, R = l.in.c * l.kernel_h * l.kernel_w;
        for (int64_t kb = 0; kb < ceil_div(K, kRows); ++kb) {
            *blocks += uint64_t(ceil_div(R, kWidth));
            *vectors += uint64_t(ceil_div(R, kWidth) * std::min(kRows, K - kb * kRows));
        }
    }
}

}  // namespace

// The read path is sized to cover DRAM latency x bandwidth (fifo.read_depth and max_outstanding
// 16): the seed's 8 bursts leave the streamer latency-bound, where the 32-byte alignment of a
// block's payload in the image, not the bytes, sets the pace (image 1 of this batch: stream
// payload aligned after the fills, 4,210 cycles; resident image 2: misaligned, 4,492).
const std::vector<std::string> kReadPath = {"fifo.read_depth=16", "dram.max_outstanding=16"};

TEST_CASE("branch weights that fit the cell buffers are filled once for a whole batch", "[smoke]") {
    const Network net = lcp_branches();
    uint64_t blocks = 0, vectors = 0;
    conv_blocks(net, &blocks, &vectors);
    REQUIRE(blocks == 8);  // 1 + 3 per branch
    // buffer_depth 8: every block of both branches has its own slot.
    const auto j = run_sim(net, {"array.buffer_depth=8", kReadPath[0], kReadPath[1]},
                           test::seed_config(), "--images 3");
    REQUIRE(j["images"].size() == 3);
    REQUIRE(j["layers"].size() == 3 * net.layers.size());
    CHECK(j["images"][0]["weight_fills"] == blocks);
    CHECK(j["images"][0]["fill_vectors"] == vectors);
    for (int k = 1; k < 3; ++k) {
        INFO("image " << k + 1);
        CHECK(j["images"][k]["weight_fills"] == 0);
        CHECK(j["images"][k]["fill_vectors"] == 0);
        CHECK(j["images"][k]["weight_fills_skipped"] == blocks);
        CHECK(j["images"][k]["cycles"].get<uint64_t>() < j["images"][0]["cycles"].get<uint64_t>());
        // image k's layers follow image k-1's on the device and read only the resident weights
        CHECK(j["layers"][size_t(k) * net.layers.size()]["name"] ==
              "img" + std::to_string(k + 1) + "/b0/c1");
    }
    CHECK(j["stats"]["dev0"]["array"]["fill_vectors"]["value"] == vectors);
    // Placement: each layer's blocks in their own slots, in trace order.
    CHECK(j["layers"][0]["tiling"]["slot_base"] == 0);
    CHECK(j["layers"][1]["tiling"]["slot_base"] == 1);
    CHECK(j["layers"][2]["tiling"]["slot_base"] == 4);
    CHECK(j["layers"][3]["tiling"]["slot_base"] == 5);
}

TEST_CASE("branch weights that do not fit the cell buffers are refilled for every image",
          "[smoke]") {
    const Network net = lcp_branches();
    uint64_t blocks = 0, vectors = 0;
    conv_blocks(net, &blocks, &vectors);
    // buffer_depth 4 holds one branch (1 + 3 blocks): branch 1 evicts branch 0 and vice versa.
    const auto j = run_sim(net, {"array.buffer_depth=4", kReadPath[0], kReadPath[1]},
                           test::seed_config(), "--images 3");
    REQUIRE(j["images"].size() == 3);
    for (int k = 0; k < 3; ++k) {
        INFO("image " << k + 1);
        CHECK(j["images"][k]["weight_fills"] == blocks);
        CHECK(j["images"][k]["fill_vectors"] == vectors);
        CHECK(j["images"][k]["weight_fills_skipped"] == 0);
    }
    CHECK(j["stats"]["dev0"]["array"]["fill_vectors"]["value"] == 3 * vectors);
    // With room for everything, the same batch takes fewer cycles.
    const auto fit = run_sim(net, {"array.buffer_depth=8", kReadPath[0], kReadPath[1]},
                             test::seed_config(), "--images 3");
    CHECK(fit["totals"]["cycles"].get<uint64_t>() < j["totals"]["cycles"].get<uint64_t>());
}

TEST_CASE("a functional batch computes every image with the resident weights", "[golden]") {
    const Network net = lcp_branches();
    const auto one =
        run_sim(net, {"array.buffer_depth=8"}, test::seed_config(), "--mode functional");
    const auto j =
        run_sim(net, {"array.buffer_depth=8"}, test::seed_config(), "--mode functional --images 2");
    REQUIRE(j["images"][1]["weight_fills"] == 0);
    for (size_t i = 0; i < net.layers.size(); ++i) {
        INFO(net.layers[i].name);
        // the same input and weights: image 2's outputs are image 1's, which are the batch-1 run's
        CHECK(j["layers"][i]["output_hash"] == one["layers"][i]["output_hash"]);
        CHECK(j["layers"][net.layers.size() + i]["output_hash"] == one["layers"][i]["output_hash"]);
    }
}

TEST_CASE("edgesa run --images out of range is an input error naming the option", "[smoke]") {
    const auto r =
        test::run_edgesa("run --config " + test::seed_config() + " --workload lenet5 --images 0");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--images") != std::string::npos);
    CHECK(r.err.find("between 1 and 4096") != std::string::npos);
}
