// The layer program builder: headers, tiling, residency and byte accounting.
#include <catch2/catch.hpp>

#include "diag/diagnostic.h"
#include "functional/functional_state.h"
#include "program/layer_program.h"
#include "sim_fixtures.h"

using namespace edgesa;
using namespace edgesa::sim;

TEST_CASE("block headers pack into the documented bit fields", "[smoke]") {
    BlockHeader h{BlockType::kStream, 4, 1000, 0x00030002};
    const uint64_t w = h.pack();
    CHECK((w >> 60) == 2);
    CHECK(((w >> 52) & 0xff) == 4);
    CHECK(((w >> 32) & 0xfffff) == 1000);
    CHECK((w & 0xffffffff) == 0x00030002);
    CHECK(BlockHeader::unpack(w) == h);
}

TEST_CASE("a conv layer is tiled into KB x RB weight blocks and width-wide stream blocks",
          "[smoke]") {
    const AccelConfig cfg = test::small_config(
        "array: {rows: 8, width: 8, buffer_depth: 2}\naccumulator: {depth: 64}\n");
    // K = 20 -> KB = 3; R = 4*3*3 = 36 -> RB = 5; N = 8*8 = 64.
    const Network net = test::one_layer(test::conv("c", "input", {4, 8, 8}, 20, 3, 1, 1));
    const Program p = Program::build(net, cfg);
    const LayerProgram& lp = p.layers[0];
    CHECK(lp.K == 20);
    CHECK(lp.R == 36);
    CHECK(lp.N == 64);
    CHECK(lp.KB == 3);
    CHECK(lp.RB == 5);
    CHECK_FALSE(lp.resident_all);
    CHECK(lp.G == 2);
    uint64_t drained = 0, macs = 0, streams = 0;
    for (const auto& b : lp.blocks) {
        drained += b.drain_values;
        macs += b.valid_macs;
        streams += b.header.type == BlockType::kStream;
    }
    CHECK(drained == uint64_t(20 * 64));                 // every output once
    CHECK(macs == uint64_t(layer_macs(net.layers[0])));  // every real MAC once
    // Groups of G=2 then 1 output blocks; L = 64/2 = 32 then 64: 2*5 + 1*5 stream blocks.
    CHECK(streams == 15);
}

TEST_CASE("deeper weight buffers remove refills", "[smoke]") {
    const Network net = test::one_layer(test::conv("c", "input", {16, 16, 16}, 16, 3, 1, 1));
    // K = 16 -> KB = 2, R = 144 -> RB = 5: 10 blocks; N = 256 with accumulator depth 64.
    const AccelConfig deep = test::small_config(
        "array: {rows: 8, width: 32, buffer_depth: 16}\naccumulator: {depth: 64}\n");
    const AccelConfig shallow = test::small_config(
        "array: {rows: 8, width: 32, buffer_depth: 1}\naccumulator: {depth: 64}\n");
    const LayerProgram a = Program::build(net, deep).layers[0];
    const LayerProgram b = Program::build(net, shallow).layers[0];
    CHECK(a.resident_all);
    CHECK(a.weight_fills == 10);         // each block exactly once
    CHECK(b.weight_fills == 2 * 4 * 5);  // KB x n-tiles x RB
    CHECK(b.bytes[size_t(Tensor::kWeights)] == 4 * a.bytes[size_t(Tensor::kWeights)]);
}

TEST_CASE("payload bytes follow the storage format, bits packed", "[smoke]") {
    const AccelConfig cfg = test::small_config("array: {rows: 8, width: 8}\n");
    const Network f32 = test::one_layer(test::fc("f", "input", {64, 1, 1}, 8, "fp32"));
    const Network f8 = test::one_layer(test::fc("f", "input", {64, 1, 1}, 8, "e4m3b7"));
    const auto a = Program::build(f32, cfg).layers[0];
    const auto b = Program::build(f8, cfg).layers[0];
    CHECK(a.bytes[size_t(Tensor::kWeights)] == 64 * 8 * 4);
    CHECK(b.bytes[size_t(Tensor::kWeights)] == 64 * 8);
    CHECK(b.fp32_bytes[size_t(Tensor::kWeights)] == 64 * 8 * 4);
}

TEST_CASE("a layer on a device the config does not have is an input error naming it", "[smoke]") {
    const AccelConfig cfg = test::small_config("array: {rows: 8, width: 8}\n");
    Network net = test::one_layer(test::fc("f", "input", {64, 1, 1}, 8));
    net.source_file = "split.trace.yaml";
    net.layers[0].device = 3;
    net.layers[0].source_line = 12;
    try {
        Program::build(net, cfg);
        FAIL("no InputError");
    } catch (const InputError& e) {
        const std::string msg = e.what();
        CHECK_THAT(msg, Catch::Contains("split.trace.yaml:12"));
        CHECK_THAT(msg, Catch::Contains("f.device"));
        CHECK_THAT(msg, Catch::Contains("system.devices"));
    }
}

TEST_CASE(
    "a fused or standalone activation the design does not implement (act_pool.functions) is one "
    "error naming the layer and key, before anything is built",
    "[smoke]") {
    AccelConfig cfg = test::small_config("array: {rows: 8, width: 8}\n");
    cfg.source_file = "relu.yaml";
    Layer conv = test::conv("conv1", "input", {4, 8, 8}, 8, 3, 1, 1);
    conv.activation = "sigmoid";
    conv.source_line = 7;
    Layer act;
    act.name = "act";
    act.type = LayerType::kActivation;
    act.inputs = {"conv1"};
    act.in = act.out = conv.out;
    act.activation = "tanh";
    act.out_format = conv.out_format;
    act.source_line = 12;
    Network net = test::one_layer(conv);
    net.layers.push_back(act);
    net.source_file = "t.trace.yaml";
    // All eight by default: accepted.
    CHECK_NOTHROW(Program::build(net, cfg));
    cfg = test::small_config(
        "array: {rows: 8, width: 8}\nact_pool: {functions: \"relu, relu6, tanh\"}\n");
    cfg.source_file = "relu.yaml";
    try {
        Program::build(net, cfg);
        FAIL("no InputError");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "t.trace.yaml:7: conv1.activation = sigmoid: not in act_pool.functions (relu, "
              "relu6, tanh in relu.yaml); add sigmoid to act_pool.functions\n");
    }
    net.layers[0].activation = "relu";
    CHECK_NOTHROW(Program::build(net, cfg));
    net.layers[1].activation = "silu";
    CHECK_THROWS_WITH(Program::build(net, cfg),
                      Catch::Contains("t.trace.yaml:12: act.activation = silu: not in "
                                      "act_pool.functions"));
}

TEST_CASE(
    "a pooling or elementwise layer whose operation the design does not implement (act_pool.ops) "
    "is one error naming the layer, the operation and the key, before anything is built",
    "[smoke]") {
    AccelConfig cfg = test::small_config("array: {rows: 8, width: 8}\n");
    cfg.source_file = "max.yaml";
    Layer conv = test::conv("conv1", "input", {4, 8, 8}, 4, 3, 1, 1);
    conv.source_line = 7;
    Layer pool;
    pool.name = "pool";
    pool.type = LayerType::kAvgPool;
    pool.inputs = {"conv1"};
    pool.in = conv.out;
    pool.kernel_h = pool.kernel_w = pool.stride_h = pool.stride_w = 2;
    pool.out = {conv.out.c, conv.out.h / 2, conv.out.w / 2};
    pool.out_format = conv.out_format;
    pool.source_line = 12;
    Network net = test::one_layer(conv);
    net.layers.push_back(pool);
    net.source_file = "t.trace.yaml";
    // All five by default: accepted.
    CHECK_NOTHROW(Program::build(net, cfg));
    cfg = test::small_config("array: {rows: 8, width: 8}\nact_pool: {ops: \"max_pool, add\"}\n");
    cfg.source_file = "max.yaml";
    try {
        Program::build(net, cfg);
        FAIL("no InputError");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "t.trace.yaml:12: pool.type = avgpool: not in act_pool.ops (max_pool, add in "
              "max.yaml); add avg_pool to act_pool.ops\n");
    }
    net.layers[1].type = LayerType::kMaxPool;
    CHECK_NOTHROW(Program::build(net, cfg));
    // a global average is an avg_pool too
    net.layers[1].type = LayerType::kGlobalAvgPool;
    net.layers[1].out = {conv.out.c, 1, 1};
    CHECK_THROWS_WITH(Program::build(net, cfg),
                      Catch::Contains("t.trace.yaml:12: pool.type = global_avgpool: not in "
                                      "act_pool.ops (max_pool, add in max.yaml); add avg_pool"));
}

TEST_CASE("a pooling layer's image is window-gathered: k*k vectors per group of width outputs",
          "[smoke]") {
    const AccelConfig cfg = test::small_config("array: {rows: 8, width: 8}\n");
    // 3x3 stride 2 on 2x9x9: 2x4x4 = 32 outputs -> 4 groups of 8, 9 vectors each.
    const Network net = test::one_layer(test::maxpool("p", "input", {2, 9, 9}, 3, 2));
    const LayerProgram& lp = Program::build(net, cfg).layers[0];
    CHECK(lp.pool_count == 9);
    uint64_t vectors = 0, values = 0;
    for (const auto& b : lp.blocks) {
        if (b.header.type != BlockType::kPass) continue;
        CHECK(b.header.index == 8);  // values per vector
        CHECK(b.header.length % 9 == 0);
        vectors += b.header.length;
        values += uint64_t(b.header.length) * b.values_per_vector;
    }
    CHECK(vectors == 4 * 9);
    CHECK(values == 32 * 9);  // each output's window once: overlapping windows re-read inputs
    CHECK(lp.pass_in_values == 32 * 9);
    CHECK(lp.bytes[size_t(Tensor::kInputs)] == 32 * 9 * 4);

    // 2x5x5 = 50 values of an add of two fp32 tensors: 6 groups of 8 and a group of 2, each 2
    // vectors (input 0's, then input 1's); the remainder group in its own block.
    Layer add;
    add.name = "a";
    add.type = LayerType::kAdd;
    add.inputs = {"input", "input"};
    add.in = add.out = {2, 5, 5};
    add.out_format = test::fmt("fp32");
    const LayerProgram& la = Program::build(test::one_layer(add), cfg).layers[0];
    CHECK(la.pool_count == 2);
    REQUIRE(la.blocks.size() == 3);  // layer header, 6 groups, the 2-value group
    CHECK(la.blocks[1].header.length == 12);
    CHECK(la.blocks[2].header.length == 2);
    CHECK(la.blocks[2].header.index == 2);
    CHECK(la.pass_in_values == 100);
}

TEST_CASE(
    "window-gathered pooling vectors: a padded max-pool position repeats the window's first "
    "valid value, a padded avg-pool position is +0",
    "[smoke]") {
    const AccelConfig cfg = test::small_config("array: {rows: 8, width: 8}\n");
    Layer l = test::maxpool("p", "input", {1, 4, 4}, 3, 2);
    l.pad_top = l.pad_left = l.pad_bottom = l.pad_right = 1;
    l.out = {1, 2, 2};
    Network net = test::one_layer(l);
    const Program prog = Program::build(net, cfg);
    FunctionalState fn(net, prog, cfg);
    for (size_t i = 0; i < fn.input.size(); ++i) fn.input[i] = int64_t(100 + i);  // distinct codes
    const Block& b = prog.layers[0].blocks.at(1);
    REQUIRE(b.header.type == BlockType::kPass);
    REQUIRE(b.values_per_vector == 4);  // the 4 outputs: one group, 9 vectors
    REQUIRE(b.header.length == 9);
    // Output 0's window covers rows/cols -1..1: valid positions 4, 5, 7, 8 = inputs 0, 1, 4, 5.
    const int64_t want_max[9] = {100, 100, 100, 100, 100, 101, 100, 104, 105};
    Payload p;
    for (uint32_t j = 0; j < 9; ++j) {
        fn.gather(0, b, j, &p);
        INFO("window position " << j);
        CHECK(p.values[0] == want_max[j]);
    }
    net.layers[0].type = LayerType::kAvgPool;
    const Program aprog = Program::build(net, cfg);
    FunctionalState afn(net, aprog, cfg);
    for (size_t i = 0; i < afn.input.size(); ++i) afn.input[i] = int64_t(100 + i);
    const int64_t want_avg[9] = {0, 0, 0, 0, 100, 101, 0, 104, 105};
    for (uint32_t j = 0; j < 9; ++j) {
        afn.gather(0, aprog.layers[0].blocks.at(1), j, &p);
        INFO("window position " << j);
        CHECK(p.values[0] == want_avg[j]);
    }
}
