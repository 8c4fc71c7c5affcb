// Reference inference: reduction order, hand-worked layers, fixed-point saturation, formats.
#include <catch2/catch.hpp>

#include <cmath>

#include "numerics/storage_format.h"
#include "reference/reference.h"
#include "zoo/net_builder.h"
#include "zoo/zoo.h"

using namespace edgesa;

TEST_CASE("the reduction is a tree over width-sized chunks, chunks in order",
          "[numerics][workloads]") {
    const std::vector<float> w = {1, 1, 1, 1}, x = {1, 1, 1e8f, -1e8f};
    // width 4: (1+1) + (1e8-1e8) = 2; width 1: ((1+1)+1e8)-1e8 = 0 in fp32
    CHECK(reduce_fp32(w, x, 4, false, 0) == 2.0f);
    CHECK(reduce_fp32(w, x, 1, false, 0) == 0.0f);
    CHECK(reduce_fp32(w, x, 2, false, 0) == 2.0f);
    // bias is added last: (1e8 + 1) chunk, then + bias
    CHECK(reduce_fp32({1, 1}, {1e8f, -1e8f}, 2, true, 3.0f) == 3.0f);
}

TEST_CASE("a hand-worked conv with bias, padding and ReLU", "[golden][workloads]") {
    NetBuilder b("t", {1, 3, 3});
    NetBuilder::ConvOpts o;
    o.pad = 1;
    b.conv("c", "input", 1, 2, o);  // 2x2 kernel, pad 1 -> 4x4 output
    const Network n = b.take();
    WeightStore ws;
    ws.set("c", {1, 2, 3, 4}, {-5});
    ReferenceOptions ro;
    ro.width = 4;
    const auto out = run_reference(n, {1, 2, 3, 4, 5, 6, 7, 8, 9}, ws, ro).at("c");
    REQUIRE(out.size() == 16);
    // output (0,0) sees only x(0,0) under w(1,1)=4: 4*1 - 5 = -1 -> ReLU 0
    CHECK(out[0] == 0.0f);
    // output (1,1): w . [x00 x01 x10 x11] = 1*1 + 2*2 + 3*4 + 4*5 = 37, minus 5 = 32
    CHECK(out[5] == 32.0f);
    // output (3,3) sees only x(2,2) under w(0,0)=1: 9 - 5 = 4
    CHECK(out[15] == 4.0f);
}

TEST_CASE("reference conv agrees with a direct double-precision convolution", "[workloads]") {
    const Network n = zoo_build("lenet5");
    const WeightStore ws(7);
    const auto in = seeded_input(n, 3);
    ReferenceOptions ro;
    const auto out = run_reference(n, in, ws, ro);
    const Layer& c1 = *n.find("c1");
    const auto& W = ws.weights(c1);
    const auto& B = ws.biases(c1);
    double worst = 0;
    for (int k = 0; k < 6; ++k)
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                double s = B[size_t(k)];
                for (int ky = 0; ky < 5; ++ky)
                    for (int kx = 0; kx < 5; ++kx)
                        s += double(W[size_t(k * 25 + ky * 5 + kx)]) *
                             in[size_t((y + ky) * 32 + x + kx)];
                s = std::max(0.0, s);
                worst = std::max(worst, std::fabs(s - out.at("c1")[size_t((k * 28 + y) * 28 + x)]));
            }
    CHECK(worst < 1e-5);
    const auto& prob = out.at("prob");
    double sum = 0;
    for (float p : prob) sum += p;
    CHECK(sum == Approx(1.0).epsilon(1e-5));
}

TEST_CASE("synthetic weights are seeded He-normal", "[workloads]") {
    const Network n = zoo_build("vgg16");
    const Layer& l = *n.find("conv3_1");
    const WeightStore a(1), b(1), c(2);
    CHECK(a.weights(l) == b.weights(l));
    CHECK(a.weights(l) != c.weights(l));
    double s2 = 0;
    for (float v : a.weights(l)) s2 += double(v) * v;
    const double var = s2 / double(a.weights(l).size());
    CHECK(var == Approx(2.0 / (128 * 9)).epsilon(0.02));
}

TEST_CASE("fixed compute saturates the accumulator and requantises", "[numerics][workloads]") {
    NetBuilder b("t", {1, 1, 1});
    b.fc("f", "input", 1, false, "");
    Network n = b.take();
    n.layers[0].out_format = StorageFormat(FixedFormat{8, 8});
    WeightStore ws;
    ws.set("f", {10.0f}, {});
    ReferenceOptions ro;
    ro.fixed = true;
    ro.fixed_dp.operand = FixedFormat{8, 8};
    ro.fixed_dp.product_bits = 32;
    ro.fixed_dp.accumulator_bits = 20;  // 100 * 2^16 overflows 20 bits
    const float v = run_reference(n, {10.0f}, ws, ro).at("f")[0];
    CHECK(v == Approx((std::pow(2.0, 19) - 1) / 65536.0).epsilon(1e-3));
    ro.fixed_dp.accumulator_bits = 32;
    CHECK(run_reference(n, {10.0f}, ws, ro).at("f")[0] == 100.0f);
}

TEST_CASE("outputs are stored in the layer's format", "[numerics][workloads]") {
    Network n = zoo_build("cifar10_quick");
    std::string why;
    const StorageFormat f = *StorageFormat::parse("e4m3b7", &why);
    for (auto& l : n.layers) l.out_format = f;
    const auto out = run_reference(n, seeded_input(n, 1), WeightStore(1), ReferenceOptions{});
    for (const char* name : {"conv1", "pool2", "ip1"})
        for (float v : out.at(name)) REQUIRE(quantize(f, v, Rounding::kTrunc) == v);
}
