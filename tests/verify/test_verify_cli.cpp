// `edgesa verify` argument errors: project error style, exit 2, nothing built.
#include <algorithm>

#include <catch2/catch.hpp>

#include "../run_cli.h"

using namespace edgesa::test;

TEST_CASE("verify: a wrong layer name is an error with a suggestion, before anything is built",
          "[verify][smoke]") {
    const std::string cache = "/tmp/edgesa_verify_cli_cache_" + std::to_string(::getpid());
    const auto r = run_edgesa(
        "verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
        source_dir() + "/tests/data/verify/q3.13/residual_add.yaml --layers conv,ad --cache-dir " +
        cache);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--layers = ad: no such layer in the workload (did you mean 'add'?)") !=
          std::string::npos);
    CHECK(r.err.find("residual_add.yaml") != std::string::npos);
    CHECK(r.out.find("building") == std::string::npos);
    CHECK(system(("test ! -e " + cache).c_str()) == 0);
}

TEST_CASE("verify: a bad config key and an unknown fault are reported like everywhere else",
          "[verify][smoke]") {
    auto r =
        run_edgesa("verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() + "/tests/data/verify/q3.13/fc.yaml --set array.width=12");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("array.width = 12: must be a power of two") != std::string::npos);
    r = run_edgesa("verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() +
                   "/tests/data/verify/q3.13/fc.yaml --inject-fault tree-extra-stag");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--inject-fault = tree-extra-stag: must be one of: tree-extra-stage") !=
          std::string::npos);
}

TEST_CASE(
    "verify: a trace whose storage format the design lacks is one error naming the layer, "
    "tensor, format and config key, before anything is built",
    "[verify][smoke]") {
    const std::string cache = "/tmp/edgesa_verify_cli_cache_kinds_" + std::to_string(::getpid());
    // rtl_4x4_q3.13 declares storage.kinds = fixed, storage.lane_bits = 16.
    auto r =
        run_edgesa("verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() + "/tests/data/verify/q3.13/fc_cf.yaml --cache-dir " + cache);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("fc_cf.yaml:") != std::string::npos);
    CHECK(r.err.find(": fc.weights = e4m3b11: the design has no custom storage converters "
                     "(storage.kinds = fixed in ") != std::string::npos);
    CHECK(r.err.find("add custom to storage.kinds") != std::string::npos);
    CHECK(r.out.find("building") == std::string::npos);
    CHECK(system(("test ! -e " + cache).c_str()) == 0);
    // The simulator rejects it the same way, and a fixed format of another width names the key.
    r = run_edgesa("run --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() + "/tests/verify_rtl/data/act_q.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(" = q2.6: is 8 bits, the design stores exactly 16 (storage.lane_bits in ") !=
          std::string::npos);
    // With the key overridden the same trace is accepted by the config check.
    r = run_edgesa("run --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() + "/tests/verify_rtl/data/act_q.yaml --set storage.lane_bits=0");
    CHECK(r.exit_code == 0);
}

TEST_CASE(
    "verify: a trace using an activation function the design leaves out (act_pool.functions) is "
    "one error naming the layer and the key, before anything is built",
    "[verify][smoke]") {
    const std::string cache = "/tmp/edgesa_verify_cli_cache_fns_" + std::to_string(::getpid());
    const std::string cfg = source_dir() + "/configs/rtl_4x4_q3.13.yaml";
    const std::string trace = source_dir() + "/tests/data/verify/q3.13/activations.yaml";
    const std::string without_sigmoid =
        " --set act_pool.functions=relu,relu6,leaky_relu,hard_sigmoid,hard_swish,silu,tanh";
    auto r = run_edgesa("verify --config " + cfg + " --workload " + trace + without_sigmoid +
                        " --cache-dir " + cache);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("activations.yaml:45: a_sigmoid.activation = sigmoid: not in "
                     "act_pool.functions (relu,relu6,leaky_relu,hard_sigmoid,hard_swish,silu,"
                     "tanh in ") != std::string::npos);
    CHECK(r.err.find("add sigmoid to act_pool.functions") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // the first such layer only
    CHECK(r.out.find("building") == std::string::npos);
    CHECK(system(("test ! -e " + cache).c_str()) == 0);
    // The simulator refuses it the same way.
    r = run_edgesa("run --config " + cfg + " --workload " + trace + without_sigmoid);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("a_sigmoid.activation = sigmoid: not in act_pool.functions") !=
          std::string::npos);
}

TEST_CASE(
    "verify: a trace with a layer whose operation the design leaves out (act_pool.ops) is one "
    "error naming the layer, the operation and the key, before anything is built",
    "[verify][smoke]") {
    const std::string cache = "/tmp/edgesa_verify_cli_cache_ops_" + std::to_string(::getpid());
    const std::string cfg = source_dir() + "/configs/rtl_4x4_q3.13.yaml";
    const std::string trace = source_dir() + "/tests/data/verify/q3.13/pool.yaml";
    const std::string max_only = " --set act_pool.ops=max_pool,add";
    auto r = run_edgesa("verify --config " + cfg + " --workload " + trace + max_only +
                        " --cache-dir " + cache);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("pool.yaml:14: avgpool.type = avgpool: not in act_pool.ops (max_pool,add "
                     "in ") != std::string::npos);
    CHECK(r.err.find("add avg_pool to act_pool.ops") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.find("building") == std::string::npos);
    CHECK(system(("test ! -e " + cache).c_str()) == 0);
    // The simulator refuses it the same way, and runs it with avg_pool declared.
    r = run_edgesa("run --config " + cfg + " --workload " + trace + max_only);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("avgpool.type = avgpool: not in act_pool.ops") != std::string::npos);
    r = run_edgesa("run --config " + cfg + " --workload " + trace +
                   " --set act_pool.ops=max_pool,avg_pool");
    CHECK(r.exit_code == 0);
}

TEST_CASE("verify --random: its options are checked, and --list draws the same cases every time",
          "[verify][random][smoke]") {
    auto r =
        run_edgesa("verify --random 3 --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--config") != std::string::npos);
    CHECK(r.err.find("cannot be combined with --random") != std::string::npos);
    r = run_edgesa("verify --workload " + source_dir() + "/tests/data/verify/fc.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--config") != std::string::npos);
    CHECK(r.err.find("is required (or use --random N)") != std::string::npos);
    r = run_edgesa("verify --seed 3");  // --seed needs --random
    CHECK(r.exit_code != 0);

    const auto a = run_edgesa("verify --random 12 --seed 16 --per-config 6 --list");
    const auto b = run_edgesa("verify --random 12 --seed 16 --per-config 6 --list");
    const auto c = run_edgesa("verify --random 12 --seed 17 --per-config 6 --list");
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
    size_t configs = 0, cases = 0;
    for (size_t p = 0; (p = a.out.find("config ", p)) != std::string::npos; ++p) ++configs;
    for (size_t p = 0; (p = a.out.find("  case 16-", p)) != std::string::npos; ++p) ++cases;
    CHECK(configs == 2);
    CHECK(cases == 12);
    CHECK(a.out.find("case 16-11: ") != std::string::npos);
}
