// Every zoo model runs to completion in timing mode on the seed design and every layer respects
// the compute and bandwidth bounds. Slow (about a minute): label "slow", not run by .ci/run.
#include <catch2/catch.hpp>

#include "sim_cli.h"

using namespace edgesa;

TEST_CASE("every zoo model runs on the seed design within its bounds", "[slow][analytical]") {
    for (const char* model :
         {"lenet5", "cifar10_quick", "nin_cifar10", "allcnn_c", "resnet56", "squeezenet1_0",
          "alexnet", "googlenet", "resnet18", "mobilenet_v1", "resnet50", "vgg16"}) {
        const std::string json = test::temp_path(std::string(model) + ".json");
        const auto r = test::run_edgesa("run --config " + test::seed_config() + " --workload " +
                                        model + " --json " + json + " --max-cycles 500000000");
        INFO(model << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        const auto j = nlohmann::json::parse(test::slurp_file(json));
        std::remove(json.c_str());
        const double peak = j["config"]["derived"]["peak_macs_per_cycle"].get<double>();
        const double bpc = j["config"]["derived"]["dram_bytes_per_cycle"].get<double>();
        uint64_t macs = 0;
        for (const auto& l : j["layers"]) {
            INFO(l["name"]);
            const double cycles = l["cycles"].get<double>();
            CHECK(cycles >= l["macs"].get<double>() / peak);
            CHECK(cycles >=
                  (l["dram_read_bytes"].get<double>() + l["dram_write_bytes"].get<double>()) / bpc);
            macs += l["macs"].get<uint64_t>();
        }
        CHECK(j["totals"]["macs"].get<uint64_t>() == macs);
        CHECK(j["totals"]["cycles"].get<uint64_t>() >=
              j["layers"].back()["end_cycle"].get<uint64_t>());
    }
}
