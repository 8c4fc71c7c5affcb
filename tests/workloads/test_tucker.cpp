// Tucker-2 decomposition (trace tucker): exact counts, HOSVD factors that reproduce a rank-(R1, R2)
// weight tensor, the Jacobi eigen-solver, and the refusals.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "../run_cli.h"
#include "diag/diagnostic.h"
#include "reference/reference.h"
#include "trace/trace_io.h"
#include "transforms/sym_eigen.h"
#include "transforms/transforms.h"
#include "zoo/net_builder.h"
#include "zoo/zoo.h"

using namespace edgesa;

namespace {
TuckerOptions ranks(double r1, double r2, const std::string& layers = "") {
    TuckerOptions o;
    o.rank_in = r1;
    o.rank_out = r2;
    o.layers = layers;
    return o;
}

// conv 4->6 k3 pad 1 stride 2 on 4x9x9, relu, then fc 6*5*5 -> 3
Network tiny() {
    NetBuilder b("tiny", Shape{4, 9, 9});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    o.stride = 2;
    auto x = b.conv("conv", "input", 6, 3, o);
    b.fc("fc", x, 3, true, "");
    return b.take();
}

float max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
    float d = 0;
    for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(a[i] - b[i]));
    return d;
}
}  // namespace

TEST_CASE("tucker replaces a conv by 1x1, kxk, 1x1 with exact counts", "[workloads]") {
    const Network n = zoo_build("vgg16");
    const Network t = tucker(n, WeightStore(1), ranks(0.5, 0.25, "conv2_1"), nullptr);
    // conv2_1: 64 -> 128, 3x3, pad 1, on 112x112; R1 = 32, R2 = 32
    const Layer& a = *t.find("conv2_1/t_in");
    const Layer& core = *t.find("conv2_1/t_core");
    const Layer& last = *t.find("conv2_1");
    CHECK(a.out == Shape{32, 112, 112});
    CHECK(core.kernel_h == 3);
    CHECK(core.pad_top == 1);
    CHECK(core.out == Shape{32, 112, 112});
    CHECK(last.kernel_h == 1);
    CHECK(last.out == Shape{128, 112, 112});
    CHECK(last.activation == "relu");
    CHECK(last.has_bias);
    CHECK_FALSE(a.has_bias);
    const int64_t hw = 112 * 112;
    CHECK(network_macs(t) - network_macs(n) ==
          64 * 32 * hw + 32 * 32 * 9 * hw + 32 * 128 * hw - 64 * 128 * 9 * hw);
    CHECK(network_weights(t) - network_weights(n) ==
          64 * 32 + 32 * 32 * 9 + 32 * 128 - 64 * 128 * 9);
    // default selection: every 3x3 conv of VGG-16 (13), absolute ranks
    const Network all = tucker(n, WeightStore(1), ranks(3, 16), nullptr);
    CHECK(all.layers.size() == n.layers.size() + 2 * 13);
    CHECK(all.find("conv1_1/t_in")->out.c == 3);
}

TEST_CASE("Jacobi eigen-decomposition of a symmetric matrix", "[workloads]") {
    const int64_t n = 6;
    const std::vector<float> r = seeded_normal(5, "m", size_t(n * n), 1.0);
    std::vector<double> a(size_t(n * n));
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            a[size_t(i * n + j)] = double(r[size_t(i * n + j)]) + double(r[size_t(j * n + i)]);
    const SymEigen e = sym_eigen(a, n);
    for (int64_t j = 0; j < n; ++j) {
        if (j > 0) CHECK(e.values[size_t(j)] <= e.values[size_t(j - 1)]);
        for (int64_t i = 0; i < n; ++i) {  // (A v)_i = lambda v_i
            double av = 0;
            for (int64_t k = 0; k < n; ++k)
                av += a[size_t(i * n + k)] * e.vectors[size_t(k * n + j)];
            CHECK(av == Approx(e.values[size_t(j)] * e.vectors[size_t(i * n + j)]).margin(1e-9));
        }
        for (int64_t k = 0; k < n; ++k) {  // orthonormal
            double dot = 0;
            for (int64_t i = 0; i < n; ++i)
                dot += e.vectors[size_t(i * n + j)] * e.vectors[size_t(i * n + k)];
            CHECK(dot == Approx(j == k ? 1.0 : 0.0).margin(1e-9));
        }
    }
}

TEST_CASE("tucker HOSVD factors reproduce a rank-(2, 3) conv", "[workloads]") {
    const Network n = tiny();
    // W = G x0 A x1 B with G [3][2][3][3], A [6][3], B [4][2]: multilinear rank (3, 2)
    const auto g = seeded_normal(1, "g", 3 * 2 * 9, 1.0), A = seeded_normal(1, "a", 6 * 3, 1.0),
               B = seeded_normal(1, "b", 4 * 2, 1.0);
    std::vector<float> w(6 * 4 * 9, 0.0f);
    for (int k = 0; k < 6; ++k)
        for (int c = 0; c < 4; ++c)
            for (int s = 0; s < 9; ++s) {
                double v = 0;
                for (int p = 0; p < 3; ++p)
                    for (int q = 0; q < 2; ++q)
                        v += double(A[size_t(k * 3 + p)]) * B[size_t(c * 2 + q)] *
                             g[size_t((p * 2 + q) * 9 + s)];
                w[size_t((k * 4 + c) * 9 + s)] = float(v);
            }
    WeightStore ws(1);
    ws.set("conv", w, seeded_normal(1, "bias", 6, 0.1));
    ws.set("fc", seeded_normal(1, "fc", 3 * 150, 0.1), seeded_normal(1, "fcb", 3, 0.1));
    const ReferenceOptions ro;
    const auto x = seeded_input(n, 2);
    const auto want = run_reference(n, x, ws, ro).at("fc");
    WeightStore t;
    const Network d = tucker(n, ws, ranks(2, 3), &t);
    CHECK(t.weights(*d.find("conv/t_in")).size() == 2 * 4);
    CHECK(t.weights(*d.find("conv/t_core")).size() == 3 * 2 * 9);
    CHECK(t.weights(*d.find("conv")).size() == 6 * 3);
    const auto got = run_reference(d, x, t, ro).at("fc");
    float scale = 0;
    for (float v : want) scale = std::max(scale, std::fabs(v));
    // the factors are exact up to fp32 rounding of the factors and of the three convs' sums
    CHECK(max_abs_diff(got, want) <= 1e-4f * scale);
    // one rank fewer loses a direction the weights use: the output moves
    WeightStore t1;
    const Network d1 = tucker(n, ws, ranks(1, 3), &t1);
    CHECK(max_abs_diff(run_reference(d1, x, t1, ro).at("fc"), want) > 1e-2f * scale);
}

TEST_CASE("tucker refusals and the CLI write no file on error", "[smoke][workloads]") {
    const Network n = tiny();
    CHECK_THROWS_WITH(tucker(n, WeightStore(1), ranks(5, 2), nullptr),
                      Catch::Contains("rank 5 exceeds the 4 input channels of conv"));
    CHECK_THROWS_WITH(tucker(n, WeightStore(1), ranks(2, 0.0), nullptr),
                      Catch::Contains("--rank-out = 0: must be a fraction"));
    CHECK_THROWS_WITH(tucker(n, WeightStore(1), ranks(1.5, 2), nullptr),
                      Catch::Contains("--rank-in = 1.5"));
    CHECK_THROWS_WITH(tucker(n, WeightStore(1), ranks(2, 2, "fc"), nullptr),
                      Catch::Contains("ungrouped conv2d layers only"));
    using namespace edgesa::test;
    const std::string dir = "/tmp/edgesa_wl_tucker_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    write_trace_file(dir + "/t.yaml", n);
    CliResult r = run_edgesa("trace tucker " + dir + "/t.yaml -o " + dir +
                             "/x.yaml --rank-in 0.5 --rank-out 7");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("rank 7 exceeds the 6 output channels of conv") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/x.yaml"));
    r = run_edgesa("trace tucker " + dir + "/t.yaml -o " + dir +
                   "/d.yaml --rank-in 0.5 --rank-out 0.5 --tensors");
    REQUIRE(r.exit_code == 0);
    const Network d = read_trace_file(dir + "/d.yaml");
    CHECK(d.find("conv/t_core")->out.c == 3);
    CHECK(d.find("conv/t_core")->weights_file == "d.yaml.tensors/conv_t_core.w.npy");
    std::filesystem::remove_all(dir);
}
