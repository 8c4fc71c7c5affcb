// ONNX import: every mapped op, BN folding, unsupported ops, and ResNet-18 against the zoo.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../run_cli.h"
#include "diag/diagnostic.h"
#include "onnx/onnx_import.h"
#include "reference/reference.h"
#include "reference/weight_store.h"
#include "trace/trace_io.h"
#include "zoo/zoo.h"

using namespace edgesa;
using namespace edgesa::test;

TEST_CASE("ONNX import maps every supported op and folds batch norm", "[workloads]") {
    const ImportedModel m = import_onnx(source_dir() + "/tests/data/onnx/tiny.onnx");
    const Network& n = m.net;
    REQUIRE(n.find("c"));
    CHECK(n.find("c")->batch_norm);
    // w = 1, gamma = (2, 1), beta = (1, 0), mean = (0, 1), var = 1, eps = 0
    const auto& [w, b] = m.tensors.at("c");
    CHECK(w == std::vector<float>{2, 2, 1, 1});
    CHECK(b == std::vector<float>{1, -1});
    CHECK(n.find("clip")->activation == "relu6");
    CHECK(n.find("cat")->out == Shape{4, 2, 2});
    CHECK(n.find("reshape")->type == LayerType::kFlatten);
    CHECK(n.find("fc")->out.c == 3);
    CHECK(n.find("fc")->in.c == 16);
    CHECK(n.find("prob")->type == LayerType::kSoftmax);
    CHECK_FALSE(n.find("drop"));
}

TEST_CASE("an imported trace carries its tensors", "[workloads]") {
    const std::string dir = "/tmp/edgesa_wl_onnx_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    const CliResult r = run_edgesa("trace import " + source_dir() +
                                   "/tests/data/onnx/tiny.onnx -o " + dir + "/t.yaml");
    REQUIRE(r.exit_code == 0);
    const Network n = read_trace_file(dir + "/t.yaml");
    const WeightStore ws = WeightStore::from_trace(n);
    CHECK(ws.has_explicit("c"));
    CHECK(ws.biases(*n.find("c")) == std::vector<float>{1, -1});
    CHECK(ws.weights(*n.find("fc")).size() == 48);
    std::filesystem::remove_all(dir);
}

TEST_CASE("unsupported ONNX ops are named and nothing is written", "[smoke][workloads]") {
    const std::string out = "/tmp/edgesa_wl_onnx_u_" + std::to_string(::getpid()) + ".yaml";
    const CliResult r = run_edgesa("trace import " + source_dir() +
                                   "/tests/data/onnx/unsupported_lrn.onnx -o " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("norm1 = LRN: unsupported ONNX operator; supported: Conv") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK_FALSE(std::filesystem::exists(out + ".tensors"));
}

TEST_CASE("importing an exported ResNet-18 gives the zoo's counts", "[golden][workloads]") {
    // the fixture is 46 MB of zero weights, so it is built here by the script, not checked in
    const std::string dir = "/tmp/edgesa_wl_r18_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    const std::string cmd =
        "/usr/bin/python3 " + source_dir() + "/scripts/make_onnx_fixtures.py --resnet18 " + dir;
    REQUIRE(std::system(cmd.c_str()) == 0);
    const Network imported = import_onnx(dir + "/resnet18.onnx").net;
    const Network zoo = zoo_build("resnet18");
    CHECK(network_macs(imported) == network_macs(zoo));
    CHECK(network_weights(imported) == network_weights(zoo));
    CHECK(network_biases(imported) == network_biases(zoo));
    std::filesystem::remove_all(dir);
}

namespace {
std::string fixture(const std::string& name) {
    return source_dir() + "/tests/data/onnx/" + name;
}

std::string import_error(const std::string& name, const ImportOptions& o = {}) {
    try {
        import_onnx(fixture(name), o);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("ONNX cases that used to import silently wrong are refused", "[workloads]") {
    // MaxPool dilations used to be ignored (8x14x14 instead of 8x12x12)
    CHECK_THAT(import_error("maxpool_dilation.onnx"),
               Catch::Contains("pooling with dilation is not supported"));
    // MatMul on a 4-D tensor used to become an fc over the flattened tensor
    CHECK_THAT(import_error("matmul_4d.onnx"), Catch::Contains("only 2-D (N, features) inputs"));
    // AveragePool count_include_pad = 0 with padding used to divide by kh * kw anyway
    CHECK_THAT(import_error("avgpool_pad_include0.onnx"),
               Catch::Contains("excludes the padding from the divisor"));
    CHECK(import_error("avgpool_pad_include1.onnx").empty());
    // Softmax over axis 1 of a [1, 3, 2, 2] tensor used to normalise over all 12 values
    CHECK_THAT(import_error("softmax_axis.onnx"),
               Catch::Contains("the other axes must have extent 1"));
    CHECK_THAT(import_error("softmax_axis.onnx"), Catch::Contains("softmax_axis.onnx"));
}

TEST_CASE("a batch norm whose conv output has another reader stays a standalone scale_shift",
          "[workloads]") {
    // bn_shared.onnx: y = conv(x); out = BN(y) + y. Folding BN into the conv gave BN(y) + BN(y).
    const ImportedModel m = import_onnx(fixture("bn_shared.onnx"));
    const Network& n = m.net;
    REQUIRE(n.find("bn"));
    CHECK(n.find("bn")->type == LayerType::kScaleShift);
    CHECK_FALSE(n.find("conv")->batch_norm);
    CHECK(n.find("add")->inputs == std::vector<std::string>{"bn", "conv"});
    // gamma (2, 0.5), beta (1, -1), mean (0.5, 0), var (4, 1), eps 0: scale = gamma / sqrt(var),
    // shift = beta - mean * scale
    CHECK(m.tensors.at("bn").first == std::vector<float>{1.0f, 0.5f});
    CHECK(m.tensors.at("bn").second == std::vector<float>{0.5f, -1.0f});
    WeightStore ws;
    for (const auto& [name, t] : m.tensors) ws.set(name, t.first, t.second);
    const auto out = run_reference(n, seeded_input(n, 3), ws, ReferenceOptions{});
    const auto& y = out.at("conv");
    for (size_t i = 0; i < y.size(); ++i) {
        const size_t c = i / 9;
        const float z = y[i] * (c ? 0.5f : 1.0f) + (c ? -1.0f : 0.5f);
        CHECK(out.at("add")[i] == z + y[i]);
    }
}

TEST_CASE("ONNX import folds constants and maps the modern ops", "[workloads]") {
    const Network n = import_onnx(fixture("modern.onnx")).net;
    const Layer* conv = n.find("conv0");
    REQUIRE(conv);
    CHECK(conv->kernel_h == 3);  // inferred from the weights: no kernel_shape attribute
    CHECK(n.find("relu6")->activation == "relu6");  // Clip bounds from Constant nodes
    CHECK(n.find("split")->type == LayerType::kSlice);
    CHECK(n.find("split#1")->slice_c0 == 4);
    CHECK(n.find("sig")->activation == "silu");  // x * sigmoid(x)
    CHECK_FALSE(n.find("silu"));
    CHECK(n.find("cat")->out == Shape{8, 8, 8});                   // axis -3
    CHECK(n.find("shuffle")->type == LayerType::kChannelShuffle);  // Reshape-Transpose-Reshape
    CHECK(n.find("shuffle")->groups == 2);
    CHECK(n.find("hswish")->activation == "hard_swish");
    CHECK(n.find("se_gate")->activation == "hard_sigmoid");
    CHECK(n.find("se_mul")->type == LayerType::kMul);
    CHECK(n.find("se_mul")->inputs[1] == "se_gate");
    const Layer* avg = n.find("avg");  // Pad + AveragePool: the pad moves into the pooling
    CHECK(avg->pad_top == 1);
    CHECK(avg->pad_right == 1);
    CHECK(avg->out == Shape{8, 4, 4});
    CHECK(n.find("up")->type == LayerType::kUpsample);
    CHECK(n.find("up")->out == Shape{8, 8, 8});
    CHECK(n.find("mean")->type == LayerType::kGlobalAvgPool);
    CHECK(n.find("leaky")->activation == "leaky_relu");
    CHECK(n.find("fc")->out.c == 5);
    CHECK(n.find("fc")->in == Shape{8, 1, 1});
}

TEST_CASE("a symbolic input size needs --input-shape", "[workloads]") {
    const std::string e = import_error("dynamic.onnx");
    CHECK_THAT(e, Catch::Contains("dynamic.onnx"));
    CHECK_THAT(e, Catch::Contains("[1, 3, height, width]"));
    CHECK_THAT(e, Catch::Contains("--input-shape"));
    ImportOptions o;
    o.input_shape = Shape{3, 16, 20};
    CHECK(import_onnx(fixture("dynamic.onnx"), o).net.find("conv")->out == Shape{4, 16, 20});
    o.input_shape = Shape{4, 16, 20};
    CHECK_THAT(import_error("dynamic.onnx", o),
               Catch::Contains("contradicts the model's fixed dims"));
    const std::string dir = "/tmp/edgesa_wl_onnx_dyn_" + std::to_string(::getpid());
    const CliResult r = run_edgesa("trace import " + fixture("dynamic.onnx") +
                                   " --input-shape 3,8,8 -o " + dir + "/d.yaml");
    CHECK(r.exit_code == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("malformed ONNX files are one error naming the file, never a crash", "[workloads]") {
    const std::pair<const char*, const char*> cases[] = {
        {"bad_conv0_bn.onnx", "filters must be at least 1"},   // 0 filters, then BN: used to SIGFPE
        {"bad_strides_empty.onnx", "needs exactly 2 values"},  // used to SIGSEGV
        {"bad_strides1.onnx", "needs exactly 2 values"},       // read past the list
        {"bad_pads2.onnx", "needs exactly 4 values"},
        {"bad_stride_huge.onnx", "window attributes must be in 0..65536"},
        {"bad_gemm_short.onnx", "declare 3200000 elements but it holds 16 bytes"},  // SIGSEGV
        {"bad_raw_short.onnx", "declare 72 elements but it holds 8 bytes"},
        {"bad_bn_beta_dim0.onnx", "must hold 4 values, one per channel"},  // SIGSEGV
        {"bad_bn_short.onnx", "must hold 4 values, one per channel"},
        {"bad_no_input.onnx", "input 0 is missing"},  // libprotobuf CHECK abort
        {"bad_no_output.onnx", "the node has no output"},
        {"bad_empty.onnx", "the file is empty"},  // used to write a trace `trace check` rejects
        {"bad_input_huge.onnx", "each dim must be at most 65536"},  // used to run as 0 MACs
        {"bad_declared_huge.onnx", "it holds 0 bytes"},             // used to take 3.2 GB
    };
    const std::string out = "/tmp/edgesa_wl_onnx_bad_" + std::to_string(::getpid()) + ".yaml";
    for (const auto& [file, rule] : cases) {
        INFO(file);
        const CliResult r = run_edgesa("trace import " + fixture(file) + " -o " + out);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains(file) && Catch::Contains(rule));
        CHECK_FALSE(std::filesystem::exists(out));
    }
}

TEST_CASE("trace import refuses to overwrite its own model", "[workloads]") {
    const std::string dir = "/tmp/edgesa_wl_onnx_alias_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(fixture("tiny.onnx"), dir + "/m.onnx");
    const std::string before = slurp_file(dir + "/m.onnx");
    const CliResult r = run_edgesa("trace import " + dir + "/m.onnx -o " + dir + "/./m.onnx");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("is also an input of this command"));
    CHECK(slurp_file(dir + "/m.onnx") == before);
    std::filesystem::remove_all(dir);
}
