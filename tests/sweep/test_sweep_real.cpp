// End to end: a small sweep whose workers are the real `edgesa run` and `edgesa trace zoo`.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "store/result_store.h"
#include "sweep_test_util.h"

using namespace edgesa;
using edgesa::test::sweep_data;

TEST_CASE("sweep real: LeNet-5 on small arrays through edgesa run in timing mode",
          "[sweep][run][e2e]") {
    const std::string dir = test::fresh_dir("real");
    const auto r = test::run_edgesa("sweep " + sweep_data("real_lenet.yaml") + " --db " + dir +
                                    "/r.sqlite -j 2 --timing-only");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto pts = sweep::ResultStore(dir + "/r.sqlite").load_all(true);
    REQUIRE(pts.size() == 6);  // 8 combinations minus 16x16 with both depths
    double macs = -1;
    for (const auto& p : pts) {
        INFO(p.point_id << " " << p.params << " " << p.error);
        REQUIRE(p.status == "ok");
        std::map<std::string, double> m(p.metrics.begin(), p.metrics.end());
        const auto params = nlohmann::json::parse(p.params);
        const double peak = std::stod(params["rows"].get<std::string>()) *
                            std::stod(params["width"].get<std::string>());
        // The same workload everywhere: the same MACs; cycles can never beat the compute bound.
        if (macs < 0) macs = m.at("macs");
        CHECK(m.at("macs") == macs);
        CHECK(m.at("cycles") >= macs / peak);
        CHECK(m.at("utilization") <= 1.0);
        CHECK(m.at("energy_pj") > 0);
        CHECK(p.layers.size() > 5);
        // The stored hash is the one the worker reported for the config it was given.
        std::ifstream in(dir + "/r.sqlite.work/points/" + p.point_id + "/result.json");
        const auto j = nlohmann::json::parse(in);
        CHECK(j["config_hash"] == p.config_hash);
        CHECK(j["config"]["array"]["rows"].get<int64_t>() ==
              std::stoll(params["rows"].get<std::string>()));
    }
}
