// SCALE-Sim topology CSVs: MAC counts equal SCALE-Sim's own rule.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../run_cli.h"
#include "diag/diagnostic.h"
#include "scalesim/scalesim_import.h"

using namespace edgesa;
using namespace edgesa::test;

TEST_CASE("SCALE-Sim topologies import with SCALE-Sim's MAC count", "[golden][workloads]") {
    // Expected totals: SCALE-Sim v2 topology_utils.py's rule (ofmap = ceil((ifmap - filter +
    // stride) / stride), MACs = ofmap_h * ofmap_w * fh * fw * channels * filters, a 'DP' row once
    // per channel), evaluated by a separate Python one-off over the same files.
    const std::pair<const char*, int64_t> cases[] = {{"alexnet.csv", 805118496},
                                                     {"yolo_tiny.csv", 1753649072},
                                                     {"mobilnet_paper.csv", 551539642},
                                                     {"dp_layers.csv", 615056}};
    for (const auto& [file, macs] : cases) {
        INFO(file);
        const Network n = import_scalesim_topology(source_dir() + "/tests/data/scalesim/" + file);
        CHECK(network_macs(n) == macs);
    }
}

TEST_CASE("SCALE-Sim rows chain through zero-MAC adapters", "[workloads]") {
    const Network n = import_scalesim_topology(source_dir() + "/tests/data/scalesim/alexnet.csv");
    // Conv1 gives 96x55x55; Conv2 wants 96x27x27: a max pool makes it, the conv reads it
    const Layer* pool = n.find("Conv2/adapt_pool");
    REQUIRE(pool);
    CHECK(pool->out == Shape{96, 27, 27});
    CHECK(n.find("Conv2")->in == Shape{96, 27, 27});
    const Network dp =
        import_scalesim_topology(source_dir() + "/tests/data/scalesim/dp_layers.csv");
    CHECK(dp.find("DP2")->groups == 16);
    CHECK(dp.find("PW3")->pad_bottom == 0);
    CHECK(n.find("Conv1")->out ==
          Shape{96, 55, 55});  // SCALE-Sim rounds up: ceil((224 - 11) / 4) + 1
    CHECK(n.find("Conv1")->pad_bottom == 3);
}

TEST_CASE("bad SCALE-Sim rows name the file, the line and the column", "[workloads]") {
    const std::string dir = "/tmp/edgesa_wl_scalesim_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/bad.csv")
        << "Layer name, IFMAP Height, ...\nConv1, 8, 8, 3, 3, 3, x, 1,\n";
    const CliResult r = run_edgesa("trace import " + dir + "/bad.csv -o " + dir + "/t.yaml");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("bad.csv:2") && Catch::Contains("Conv1.Num Filter"));
    std::ofstream(dir + "/big.csv") << "header\nConv1, 4, 4, 5, 5, 3, 8, 1,\n";
    CHECK_THAT(run_edgesa("trace import " + dir + "/big.csv -o " + dir + "/t.yaml").err,
               Catch::Contains("the filter must fit in the IFMAP"));
    const CliResult ok = run_edgesa("trace import " + source_dir() +
                                    "/tests/data/scalesim/yolo_tiny.csv -o " + dir + "/y.yaml");
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Catch::Contains("1753649072 MACs"));
    std::filesystem::remove_all(dir);
}
