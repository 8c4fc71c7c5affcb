// Sweep spec validation: every problem names file:line:col, the key, the value and the rule.
#include <catch2/catch.hpp>

#include "sweep_test_util.h"

using namespace edgesa;
using edgesa::test::spec_errors;
using edgesa::test::sweep_data;

namespace {

const char* kHead =
    "name: t\n"
    "base_config: small_base.yaml\n"
    "workloads:\n"
    "  - trace: tiny.trace\n";

}  // namespace

TEST_CASE("spec: a valid spec parses with its axes and zip and constraints and metrics",
          "[sweep][spec]") {
    const auto s = sweep::parse_sweep_spec_text(
        std::string(kHead) +
            "axes:\n"
            "  - param: array.rows\n"
            "    values: [8, 16]\n"
            "  - zip:\n"
            "      - {param: clock.mhz, values: [100, 800]}\n"
            "      - {param: dram.bandwidth_gbps, values: [3.73, 12.8], name: bw}\n"
            "constraints:\n"
            "  - rows <= 16\n"
            "metrics: [cycles, energy_pj]\n",
        sweep_data("inline.yaml"));
    CHECK(s.name == "t");
    CHECK(s.base_config == sweep_data("small_base.yaml"));
    REQUIRE(s.workloads.size() == 1);
    CHECK(s.workloads[0].name == "tiny");
    REQUIRE(s.groups.size() == 2);
    CHECK(s.groups[0].axes[0].name == "rows");
    REQUIRE(s.groups[1].axes.size() == 2);
    CHECK(s.groups[1].axes[0].name == "mhz");
    CHECK(s.groups[1].axes[1].name == "bw");
    CHECK(s.groups[1].axes[1].values[1].number == Approx(12.8));
    CHECK(s.constraints.size() == 1);
    CHECK(s.metrics == std::vector<std::string>{"cycles", "energy_pj"});
}

TEST_CASE("spec: unknown keys and config paths are named with line and column and a suggestion",
          "[sweep][spec]") {
    const std::string err = spec_errors(std::string(kHead) +
                                        "axes:\n"
                                        "  - param: array.rowz\n"
                                        "    values: [8]\n"
                                        "constraint:\n"
                                        "  - rows < 3\n");
    CHECK_THAT(err, Catch::Contains("inline.yaml:6:12: axes[0].param = array.rowz: not a config "
                                    "key (did you mean 'array.rows'?)"));
    CHECK_THAT(err, Catch::Contains(
                        "inline.yaml:8:1: constraint: unknown key (did you mean 'constraints'?)"));
}

TEST_CASE("spec: each axis value is checked against the config schema", "[sweep][spec]") {
    const std::string err = spec_errors(std::string(kHead) +
                                        "axes:\n"
                                        "  - param: array.rows\n"
                                        "    values: [8, 0, 16]\n"
                                        "  - param: array.width\n"
                                        "    values: [16, 12]\n");
    CHECK_THAT(err, Catch::Contains("inline.yaml:7:17: axes[0].values = 0:"));
    CHECK_THAT(err, Catch::Contains("inline.yaml:9:18: axes[1].values = 12:"));
    CHECK_THAT(err, Catch::Contains("power of two"));
}

TEST_CASE("spec: zipped axes must have equal lengths", "[sweep][spec]") {
    const std::string err = spec_errors(std::string(kHead) +
                                        "axes:\n"
                                        "  - zip:\n"
                                        "      - {param: clock.mhz, values: [100, 800]}\n"
                                        "      - {param: dram.latency_ns, values: [50, 60, 70]}\n");
    CHECK_THAT(
        err,
        Catch::Contains(
            "inline.yaml:8:9: axes[0].zip[1] = 3 values: zipped axes must have equal lengths"));
}

TEST_CASE("spec: ranges need from and to and a positive step", "[sweep][spec]") {
    const auto s = sweep::parse_sweep_spec_text(std::string(kHead) +
                                                    "axes:\n"
                                                    "  - param: array.rows\n"
                                                    "    range: {from: 4, to: 16, step: 4}\n"
                                                    "  - param: array.buffer_depth\n"
                                                    "    log_range: {from: 1, to: 20, factor: 2}\n",
                                                sweep_data("inline.yaml"));
    std::vector<std::string> rows, depth;
    for (const auto& v : s.groups[0].axes[0].values) rows.push_back(v.text);
    for (const auto& v : s.groups[1].axes[0].values) depth.push_back(v.text);
    CHECK(rows == std::vector<std::string>{"4", "8", "12", "16"});
    CHECK(depth == std::vector<std::string>{"1", "2", "4", "8", "16"});
    const std::string err = spec_errors(std::string(kHead) +
                                        "axes:\n"
                                        "  - param: array.rows\n"
                                        "    range: {from: 4, to: 16, step: 0}\n");
    CHECK_THAT(err, Catch::Contains("axes[0].range.step = 0: must be > 0"));
}

TEST_CASE("spec: constraint errors point into the expression", "[sweep][spec]") {
    std::string err = spec_errors(std::string(kHead) +
                                  "axes:\n"
                                  "  - param: array.rows\n"
                                  "    values: [8]\n"
                                  "constraints:\n"
                                  "  - rows * widht <= 4096\n"
                                  "  - \"rows <= \"\n");
    CHECK_THAT(err, Catch::Contains("inline.yaml:9:12: constraints[0] = widht: unknown name"));
    CHECK_THAT(err, Catch::Contains(
                        "inline.yaml:10:14: constraints[1] = rows <= : expression ends early"));
}

TEST_CASE("spec: workloads transforms metrics and paths are validated", "[sweep][spec]") {
    const std::string err = spec_errors(
        "base_config: missing.yaml\n"
        "workloads:\n"
        "  - zoo: resnet18\n"
        "    transforms:\n"
        "      - {op: compres, format: fp16}\n"
        "  - {trace: tiny.trace, zoo: vgg16}\n"
        "axes:\n"
        "  - param: workload.prune.ratio\n"
        "    values: [0.5]\n"
        "metrics: [cycle]\n");
    CHECK_THAT(err, Catch::Contains("inline.yaml:1:14: path = missing.yaml: file does not exist"));
    CHECK_THAT(err, Catch::Contains("inline.yaml:5:14: workloads[0].transforms[0].op = compres: "
                                    "unknown transform (did you mean 'compress'?)"));
    CHECK_THAT(err, Catch::Contains(
                        "inline.yaml:6:5: workloads[1]: give either trace: or zoo:, not both"));
    CHECK_THAT(err, Catch::Contains("inline.yaml:8:12: axes[0].param = workload.prune.ratio: "
                                    "workload 'resnet18' has no 'prune' transform"));
    CHECK_THAT(err,
               Catch::Contains(
                   "inline.yaml:10:11: metrics = cycle: unknown metric (did you mean 'cycles'?)"));
}

TEST_CASE("spec: the CLI exits 2 with the diagnostic for a bad spec", "[sweep][spec][smoke]") {
    const std::string dir = test::fresh_dir("badspec");
    const auto r = test::run_edgesa("sweep " + sweep_data("bad_unknown_key.yaml") + " --db " + dir +
                                    "/r.sqlite");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(
                          "bad_unknown_key.yaml:5:1: axis: unknown key (did you mean 'axes'?)"));
}
