// ONNX import: every mapped op, BN folding, unsupported ops, and ResNet-18 against the zoo.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../run_cli.h"
#include "onnx/onnx_import.h"
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
    const CliResult r = run_edgesa("trace import " + source_dir() + "/tests/data/onnx/tiny.onnx -o " + dir + "/t.yaml");
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
    const CliResult r = run_edgesa("trace import " + source_dir() + "/tests/data/onnx/unsupported_lrn.onnx -o " + out);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("norm1 = LRN: unsupported ONNX operator; supported: Conv") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK_FALSE(std::filesystem::exists(out + ".tensors"));
}

TEST_CASE("importing an exported ResNet-18 gives the zoo's counts", "[golden][workloads]") {
    // the fixture is 46 MB of zero weights, so it is built here by the script, not checked in
    const std::string dir = "/tmp/edgesa_wl_r18_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    const std::string cmd = "/usr/bin/python3 " + source_dir() + "/scripts/make_onnx_fixtures.py --resnet18 " + dir;
    REQUIRE(std::system(cmd.c_str()) == 0);
    const Network imported = import_onnx(dir + "/resnet18.onnx").net;
    const Network zoo = zoo_build("resnet18");
    CHECK(network_macs(imported) == network_macs(zoo));
    CHECK(network_weights(imported) == network_weights(zoo));
    CHECK(network_biases(imported) == network_biases(zoo));
    std::filesystem::remove_all(dir);
}
