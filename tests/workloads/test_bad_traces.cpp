// Malformed traces through the CLI: one clear message with file:line:col, exit 2, no output file.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../run_cli.h"

using namespace edgesa::test;

namespace {
struct BadTrace {
    const char* file;
    const char* where;  // "file:line:col" suffix expected in the message
    const char* says;   // the rule, or part of it
};
const BadTrace kBad[] = {
    {"unknown_key.yaml", ":14:5:", "did you mean 'filters'"},
    {"unknown_input.yaml", ":13:13:", "input names no layer (did you mean 'conv1'?)"},
    {"cycle.yaml", ":11:5:", "form a cycle"},
    {"duplicate_name.yaml", ":11:11:", "duplicate layer name"},
    {"groups_mismatch.yaml", ":5:5:", "must be divisible by groups 2"},
    {"add_shape_mismatch.yaml", ":16:5:", "add inputs must have equal shapes"},
    {"concat_spatial_mismatch.yaml", ":15:5:", "concat inputs must agree in height and width"},
    {"bad_format.yaml", ":11:20:", "e9m3b7"},
    {"bad_density.yaml", ":11:14:", "must be a number in (0, 1]"},
    {"bad_type.yaml", ":6:11:", "did you mean 'conv2d'"},
    {"missing_filters.yaml", ":5:5:", "conv1.filters: is required"},
    {"wrong_out_shape.yaml",
     ":11:10:", "does not match the shape computed from the inputs, [4, 8, 8]"},
    {"bad_version.yaml", ":1:15:", "reads trace versions 1 to 2"},
    {"not_yaml.yaml", ":7:11:", "not valid YAML"},
    {"missing_weights_file.yaml", ":11:14:", "tensor file does not exist"},
    {"bad_kernel.yaml", ":9:13:", "list of 2 integers"},
    {"zero_stride.yaml", ":11:13:", "conv1.stride = 0: must be at least 1"},
    {"unknown_activation.yaml", ":14:15:", "act.function = swish: unknown activation"},
    {"duplicate_key.yaml", ":11:5:", "duplicate key"},
    {"empty_output.yaml", ":5:5:", "gives an empty output"},
    {"fc_key_on_conv.yaml", ":11:5:", "not a key of conv2d layers"},
    {"slice_in_v1.yaml", ":12:11:", "top.type = slice: a slice layer needs edgesa_trace: 2"},
    {"slice_out_of_range.yaml",
     ":11:5:", "slice channels [2, 5) must lie within the input's 4 channels"},
};
}  // namespace

TEST_CASE("malformed traces give one clear error and write no file", "[smoke][workloads]") {
    const std::string out = "/tmp/edgesa_wl_bad_" + std::to_string(::getpid()) + ".yaml";
    for (const auto& b : kBad) {
        INFO(b.file);
        const std::string path = source_dir() + "/tests/data/traces/" + b.file;
        std::filesystem::remove(out);
        const CliResult r = run_edgesa("trace check " + path + " -o " + out);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(std::string(b.file) + b.where) != std::string::npos);
        CHECK(r.err.find(b.says) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_FALSE(std::filesystem::exists(out));
    }
}

TEST_CASE("trace zoo writes a trace that trace show totals", "[smoke][workloads]") {
    const std::string out = "/tmp/edgesa_wl_zoo_" + std::to_string(::getpid()) + ".yaml";
    CliResult r = run_edgesa("trace zoo resnet56 -o " + out);
    REQUIRE(r.exit_code == 0);
    r = run_edgesa("trace show " + out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("total: 125747840 MACs, 851504 weights") != std::string::npos);
    r = run_edgesa("trace show --json " + out);
    CHECK(r.out.find("\"macs\": 125747840") != std::string::npos);
    std::filesystem::remove(out);
    r = run_edgesa("trace zoo nosuchnet -o " + out);
    CHECK(r.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(out));
    r = run_edgesa("trace zoo --list");
    CHECK(r.out.find("mobilenet_v1") != std::string::npos);
}
