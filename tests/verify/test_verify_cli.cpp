// `edgesa verify` argument errors: project error style, exit 2, nothing built.
#include <catch2/catch.hpp>

#include "../run_cli.h"

using namespace edgesa::test;

TEST_CASE("verify: a wrong layer name is an error with a suggestion, before anything is built",
          "[verify][smoke]") {
    const std::string cache = "/tmp/edgesa_verify_cli_cache_" + std::to_string(::getpid());
    const auto r =
        run_edgesa("verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() +
                   "/tests/data/verify/residual_add.yaml --layers conv,ad --cache-dir " + cache);
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
                   source_dir() + "/tests/data/verify/fc.yaml --set array.width=12");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("array.width = 12: must be a power of two") != std::string::npos);
    r = run_edgesa("verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                   source_dir() + "/tests/data/verify/fc.yaml --inject-fault tree-extra-stag");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--inject-fault = tree-extra-stag: must be one of: tree-extra-stage") !=
          std::string::npos);
}
