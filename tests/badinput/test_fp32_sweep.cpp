// A sweep over an fp32 base config succeeds: every point runs (none recorded invalid), and a
// zipped axis pairing compute.type with product_bits is checked per combination.
#include <catch2/catch.hpp>

#include "../run_cli.h"
#include "store/result_store.h"

using namespace edgesa;

TEST_CASE("fp32 base config: every sweep point runs", "[smoke][sweep][badinput]") {
    const std::string dir = "/tmp/edgesa_fp32_sweep_" + std::to_string(::getpid());
    std::system(("rm -rf " + dir + " && mkdir -p " + dir).c_str());
    const auto r = test::run_edgesa("sweep " + test::source_dir() +
                                    "/tests/badinput/data/fp32_sweep.yaml --db " + dir +
                                    "/r.sqlite -j 2 --timing-only");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto pts = sweep::ResultStore(dir + "/r.sqlite").load_all(false);
    REQUIRE(pts.size() == 4);
    for (const auto& p : pts) {
        INFO(p.params << " " << p.error);
        CHECK(p.status == "ok");
    }
    std::system(("rm -rf " + dir).c_str());
}
