// Slurm shards: shard files merge into the database idempotently and equal a local run; the
// cluster case submits a real job array to the local test cluster (scripts/slurm_local.sh).
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include "store/result_store.h"
#include "sweep_test_util.h"

using namespace edgesa;
using edgesa::test::sweep_data;

namespace {

std::map<std::string, sweep::PointResult> by_id(const std::string& db) {
    std::map<std::string, sweep::PointResult> m;
    for (auto& r : sweep::ResultStore(db).load_all(true)) m[r.point_id] = r;
    return m;
}

void check_same_results(const std::string& db_a, const std::string& db_b) {
    const auto a = by_id(db_a), b = by_id(db_b);
    REQUIRE(a.size() == b.size());
    for (const auto& [id, p] : b) {
        REQUIRE(a.count(id) == 1);
        CHECK(a.at(id).status == p.status);
        CHECK(a.at(id).metrics == p.metrics);
        CHECK(a.at(id).params == p.params);
        CHECK(a.at(id).layers.size() == p.layers.size());
    }
}

}  // namespace

TEST_CASE("slurm: shard files merge idempotently and equal a local run", "[sweep][slurm][merge]") {
    const std::string dir = test::fresh_dir("shards");
    const std::string db = dir + "/cluster.sqlite", sdir = db + ".work/slurm";
    ::setenv("EDGESA_SWEEP_WORKER", test::fake_worker().c_str(), 1);
    const auto plan = test::run_edgesa("sweep " + sweep_data("basic.yaml") + " --db " + db +
                                       " --slurm --no-submit --shards 3");
    INFO(plan.out << plan.err);
    REQUIRE(plan.exit_code == 0);
    CHECK_THAT(test::slurp_file(sdir + "/sweep.sbatch"), Catch::Contains("#SBATCH --array=0-2"));
    std::vector<std::string> shards;
    for (int i = 0; i < 3; ++i) {  // what the three array tasks run
        shards.push_back(sdir + "/shard_" + std::to_string(i) + ".jsonl");
        const auto t = test::run_edgesa("sweep shard --plan " + sdir + "/plan.json --index " +
                                        std::to_string(i) + " --count 3 --out " + shards.back());
        REQUIRE(t.exit_code == 0);
    }
    const auto local = test::run_edgesa("sweep " + sweep_data("basic.yaml") + " --db " + dir +
                                        "/local.sqlite -j 2");
    ::unsetenv("EDGESA_SWEEP_WORKER");
    REQUIRE(local.exit_code == 0);
    // A task killed mid-write leaves a cut line: it is skipped, never half-merged.
    std::ofstream(shards[1], std::ios::app) << "{\"point_id\": \"cut";

    std::string merge_cmd = "sweep merge --db " + db;
    for (const auto& s : shards) merge_cmd += " " + s;
    const auto m1 = test::run_edgesa(merge_cmd);
    REQUIRE(m1.exit_code == 0);
    CHECK_THAT(m1.out, Catch::Contains("1 incomplete lines skipped"));
    REQUIRE(test::run_edgesa("sweep export --db " + db + " --csv " + dir + "/one.csv").exit_code ==
            0);
    const auto m2 = test::run_edgesa(merge_cmd);
    REQUIRE(m2.exit_code == 0);
    CHECK_THAT(m2.out, Catch::Contains("0 new, 15 already stored"));
    REQUIRE(test::run_edgesa("sweep export --db " + db + " --csv " + dir + "/two.csv").exit_code ==
            0);
    CHECK(test::slurp_file(dir + "/one.csv") == test::slurp_file(dir + "/two.csv"));
    check_same_results(db, dir + "/local.sqlite");
    // Shards whose every point failed are not a success: exit 1 and one line.
    std::string failed = test::slurp_file(shards[0]);
    for (size_t at = 0; (at = failed.find("\"status\":\"ok\"", at)) != std::string::npos;)
        failed.replace(at, 13, "\"status\":\"failed\"");
    REQUIRE(failed.find("\"status\":\"failed\"") != std::string::npos);
    std::ofstream(dir + "/failed.jsonl") << failed;
    const auto m3 =
        test::run_edgesa("sweep merge --db " + dir + "/failed.sqlite " + dir + "/failed.jsonl");
    CHECK(m3.exit_code == 1);
    CHECK_THAT(m3.err, Catch::Contains("no merged point succeeded"));
}

TEST_CASE("slurm: a real job array on the local test cluster", "[sweep][slurm][cluster]") {
    const int up = std::system(
        ("bash " + test::source_dir() + "/scripts/slurm_local.sh >/dev/null 2>&1").c_str());
    REQUIRE(up == 0);  // needs root and slurm-wlm + munge (scripts/setup.sh)
    const std::string dir = test::fresh_dir("slurmreal");
    const std::string db = dir + "/cluster.sqlite", sdir = db + ".work/slurm";
    const auto sub = test::run_edgesa("sweep " + sweep_data("real_lenet.yaml") + " --db " + db +
                                      " --slurm --shards 3 --array-max 2 --timing-only");
    INFO(sub.out << sub.err);
    REQUIRE(sub.exit_code == 0);
    const auto at = sub.out.find("submitted job ");
    REQUIRE(at != std::string::npos);
    const std::string job = sub.out.substr(at + 14, sub.out.find('\n', at) - at - 14);
    for (int i = 0; i < 600; ++i) {  // wait for the array to leave the queue
        const auto q =
            std::system(("test -z \"$(timeout 10 squeue -h -j " + job + " 2>/dev/null)\"").c_str());
        if (q == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    const auto m = test::run_edgesa("sweep merge --db " + db + " " + sdir + "/shard_0.jsonl " +
                                    sdir + "/shard_1.jsonl " + sdir + "/shard_2.jsonl");
    INFO(m.out << m.err);
    REQUIRE(m.exit_code == 0);
    CHECK_THAT(m.out, Catch::Contains("merged 6 results: 6 new"));
    const auto local = test::run_edgesa("sweep " + sweep_data("real_lenet.yaml") + " --db " + dir +
                                        "/local.sqlite -j 2");
    REQUIRE(local.exit_code == 0);
    check_same_results(db, dir + "/local.sqlite");
}
