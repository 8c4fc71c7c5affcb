// Trace reader/writer: canonical round trips and validation through the library.
#include <catch2/catch.hpp>

#include "diag/diagnostic.h"
#include "trace/trace_io.h"
#include "zoo/zoo.h"

using namespace edgesa;

TEST_CASE("every zoo model round-trips byte-identically", "[smoke][workloads]") {
    for (const auto& m : zoo_models()) {
        INFO(m.name);
        const Network n = zoo_build(m.name);
        const std::string a = write_trace_text(n);
        const Network back = read_trace_text(a, "zoo.yaml");
        const std::string b = write_trace_text(back);
        CHECK(a == b);
        CHECK(network_macs(back) == network_macs(n));
        CHECK(back.layers.size() == n.layers.size());
    }
}

TEST_CASE("a hand-written trace is normalised once, then stable", "[smoke][workloads]") {
    const std::string text = R"(edgesa_trace: 1
name: "my net"
input: {shape: [3, 16, 16]}
layers:
  - {name: tail, type: add, inputs: [c2, c1]}
  - name: c1
    type: conv2d
    inputs: input
    filters: 8
    kernel: [3, 3]
    pad: [1, 1, 1, 1]
    weight_format: e4m3b7
    out_format: q3.13
    density: 0.25
    branch: 1
    device: 2
  - name: c2
    type: conv2d
    inputs: [c1]
    filters: 8
    kernel: 3
    pad: 1
    groups: 8
    activation: relu6
)";
    const Network n = read_trace_text(text, "hand.yaml");
    REQUIRE(n.layers.size() == 3);
    CHECK(n.layers[0].name == "c1");  // reordered topologically
    CHECK(n.layers[2].name == "tail");
    CHECK(n.layers[0].weight_format.name() == "e4m3b7");
    CHECK(n.layers[0].out_format.name() == "q3.13");
    CHECK(n.layers[0].density == 0.25);
    CHECK(n.layers[0].device == 2);
    CHECK(n.layers[1].groups == 8);
    CHECK(layer_macs(n.layers[1]) == 8 * 16 * 16 * 9);
    const std::string a = write_trace_text(n);
    const std::string b = write_trace_text(read_trace_text(a, "hand.yaml"));
    CHECK(a == b);
    CHECK(a.find("name: \"my net\"") != std::string::npos);
}

TEST_CASE("the reader collects every problem of a trace", "[workloads]") {
    const std::string text = R"(edgesa_trace: 1
name: t
input: {shape: [3, 8, 8]}
layers:
  - name: a
    type: conv2d
    inputs: [input]
    filters: 4
    kernel: 3
    density: 0
  - name: b
    type: fc
    inputs: [a]
    units: 10
    weight_format: e1m3b0
)";
    try {
        read_trace_text(text, "t.yaml");
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 2);
        CHECK(e.diagnostics()[0].pos.line == 10);
        CHECK(e.diagnostics()[0].key == "a.density");
        CHECK(e.diagnostics()[1].pos.line == 15);
        CHECK(e.diagnostics()[1].key == "b.weight_format");
    }
}
