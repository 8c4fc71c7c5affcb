// Running sweeps with the fake worker: failed points are recorded and do not stop the sweep;
// resume after SIGKILL loses and duplicates nothing; export writes one CSV row per point.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "store/result_store.h"
#include "sweep_test_util.h"

using namespace edgesa;
using edgesa::test::fake_worker;
using edgesa::test::sweep_data;

namespace {

std::string sweep_cmd(const std::string& spec, const std::string& db,
                      const std::string& extra = "") {
    return "EDGESA_SWEEP_WORKER=" + fake_worker() + " " + std::string(EDGESA_BIN_PATH) + " sweep " +
           spec + " --db " + db + " " + extra;
}

test::CliResult run_sweep(const std::string& spec, const std::string& db,
                          const std::string& extra = "") {
    ::setenv("EDGESA_SWEEP_WORKER", fake_worker().c_str(), 1);
    auto r = test::run_edgesa("sweep " + spec + " --db " + db + " " + extra);
    ::unsetenv("EDGESA_SWEEP_WORKER");
    return r;
}

std::map<std::string, sweep::PointResult> by_id(const std::string& db) {
    std::map<std::string, sweep::PointResult> m;
    for (auto& r : sweep::ResultStore(db).load_all(true)) m[r.point_id] = r;
    return m;
}

int64_t row_count(const std::string& db) {
    return int64_t(sweep::ResultStore(db).load_all(false).size());
}

std::string write_slow_spec(const std::string& dir, int points) {
    std::string values;
    for (int i = 0; i < points; ++i) values += (i ? ", " : "") + std::to_string(16 + i);
    const std::string path = dir + "/slow.yaml";
    std::ofstream(path) << "name: slow\nbase_config: " << sweep_data("small_base.yaml")
                        << "\nworkloads:\n  - trace: " << sweep_data("tiny.trace")
                        << "\naxes:\n  - {param: array.rows, values: [" << values
                        << "]}\n  - {param: array.buffer_depth, values: [1, 2]}\n";
    return path;
}

}  // namespace

TEST_CASE(
    "sweep run: failed and crashed and timed-out and rejected points are recorded and the sweep "
    "goes on",
    "[sweep][run][failures]") {
    const std::string dir = test::fresh_dir("fail");
    const auto r = run_sweep(sweep_data("basic.yaml"), dir + "/r.sqlite", "-j 2");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto pts = by_id(dir + "/r.sqlite");
    REQUIRE(pts.size() == 15);  // 16 combinations, rows 64 x width 32 dropped by the constraint
    std::map<std::string, std::string> status_by_rows;
    for (const auto& [id, p] : pts) {
        const auto params = nlohmann::json::parse(p.params);
        const std::string rows = params["rows"];
        if (status_by_rows.count(rows)) CHECK(status_by_rows[rows] == p.status);
        status_by_rows[rows] = p.status;
        if (p.status == "ok") {
            CHECK(p.error.empty());
            REQUIRE(p.metrics.size() == 3);
            CHECK(p.layers.size() == 2);
        } else {
            CHECK_FALSE(p.error.empty());
            CHECK(p.metrics.empty());
        }
        CHECK(p.edgesa_version == "0.1.0");
        CHECK(p.config_hash.size() == 16);
        CHECK(p.workload_hash.size() == 16);
    }
    CHECK(status_by_rows["3"] == "failed");
    CHECK(status_by_rows["5"] == "crashed");
    CHECK(status_by_rows["7"] == "timeout");
    CHECK(status_by_rows["9"] == "failed");
    CHECK(status_by_rows["11"] == "invalid");
    CHECK(status_by_rows["16"] == "ok");
    CHECK(status_by_rows["64"] == "ok");
    for (const auto& [id, p] : pts) {
        const auto params = nlohmann::json::parse(p.params);
        if (params["rows"] == "5") CHECK_THAT(p.error, Catch::Contains("signal 11"));
        if (params["rows"] == "11")
            CHECK_THAT(p.error, Catch::Contains("rejected by the fake worker"));
    }
    // The non-terminal output is one line per point.
    CHECK_THAT(r.out, Catch::Contains("[15/15]"));
}

TEST_CASE("sweep run: a second run without --resume refuses to mix results", "[sweep][run]") {
    const std::string dir = test::fresh_dir("again");
    REQUIRE(run_sweep(sweep_data("basic.yaml"), dir + "/r.sqlite", "-j 2").exit_code == 0);
    const auto r = run_sweep(sweep_data("basic.yaml"), dir + "/r.sqlite", "-j 2");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--resume"));
    const auto again = run_sweep(sweep_data("basic.yaml"), dir + "/r.sqlite", "-j 2 --resume");
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("15 of 15 points already in the database"));
    CHECK(row_count(dir + "/r.sqlite") == 15);
}

TEST_CASE("sweep run: resume after SIGKILL of the driver equals an uninterrupted run",
          "[sweep][run][resume]") {
    const std::string dir = test::fresh_dir("kill");
    const std::string spec = write_slow_spec(dir, 12);  // 24 points, 0.15 s each
    const std::string killed = dir + "/killed.sqlite", full = dir + "/full.sqlite";

    const std::string cmd = "FAKE_WORKER_SLEEP=0.15 " + sweep_cmd(spec, killed, "-j 2") + " >" +
                            dir + "/killed.log 2>&1 & echo $! >" + dir + "/pid";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pid_t pid = 0;
    std::ifstream(dir + "/pid") >> pid;
    REQUIRE(pid > 0);
    // Kill once a few points are committed, well before the end.
    int64_t rows = 0;
    for (int i = 0; i < 400 && rows < 4; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        rows = row_count(killed);
    }
    REQUIRE(::kill(pid, SIGKILL) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const int64_t after_kill = row_count(killed);
    CHECK(after_kill >= 4);
    CHECK(after_kill < 24);

    const auto resumed = run_sweep(spec, killed, "-j 2 --resume");
    INFO(resumed.out << resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK_THAT(resumed.out, Catch::Contains(std::to_string(after_kill) +
                                            " of 24 points already in the database"));
    REQUIRE(run_sweep(spec, full, "-j 1").exit_code == 0);

    const auto a = by_id(killed), b = by_id(full);
    REQUIRE(a.size() == 24);
    REQUIRE(b.size() == 24);
    for (const auto& [id, p] : b) {
        REQUIRE(a.count(id) == 1);
        const auto& q = a.at(id);
        CHECK(q.status == "ok");
        CHECK(q.status == p.status);
        CHECK(q.params == p.params);
        CHECK(q.metrics == p.metrics);
        CHECK(q.layers.size() == p.layers.size());
    }
}

TEST_CASE("sweep export: one CSV row per point with params and metrics as columns",
          "[sweep][export]") {
    const std::string dir = test::fresh_dir("csv");
    REQUIRE(run_sweep(sweep_data("basic.yaml"), dir + "/r.sqlite", "-j 2").exit_code == 0);
    const auto r =
        test::run_edgesa("sweep export --db " + dir + "/r.sqlite --csv " + dir + "/out.csv");
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir + "/out.csv");
    std::string header, line;
    std::getline(in, header);
    CHECK(header ==
          "point_id,sweep,seq,workload,status,error,wall_s,config_hash,workload_hash,edgesa_"
          "version,rows,width,"
          "cycles,energy_pj,utilization");
    int n = 0, ok = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find(",ok,") != std::string::npos) ++ok;
    }
    CHECK(n == 15);
    CHECK(ok == 5);
    // fake worker: cycles = 1e6 / (rows * width) + 100 * depth + trace bytes, rows 16 width 16
    // depth 4
    const std::string text = test::slurp_file(dir + "/out.csv");
    const long expect =
        1000000 / 256 + 400 + long(test::slurp_file(sweep_data("tiny.trace")).size());
    CHECK_THAT(text, Catch::Contains(",16,16," + std::to_string(expect) + ","));
}

namespace {

// A spec over small_base.yaml and tiny.trace with the given axis lines (and optional extra keys).
std::string write_spec(const std::string& dir, const std::string& axes,
                       const std::string& extra = "") {
    const std::string path = dir + "/spec.yaml";
    std::ofstream(path) << "name: allfail\nbase_config: " << sweep_data("small_base.yaml")
                        << "\ntimeout_s: 3\nworkloads:\n  - trace: " << sweep_data("tiny.trace")
                        << "\naxes:\n"
                        << axes << extra;
    return path;
}

int64_t lines(const std::string& s) {
    return int64_t(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("sweep run: a sweep in which every point fails exits 1 with one line",
          "[sweep][run][failures]") {
    const std::string dir = test::fresh_dir("allfail");
    // fake worker: rows 3 exits 1, rows 5 crashes
    const std::string spec = write_spec(dir, "  - {param: array.rows, values: [3, 5]}\n");
    const auto r = run_sweep(spec, dir + "/r.sqlite", "-j 2");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::StartsWith("edgesa: error: " + spec +
                                        ": no point of the sweep succeeded (2 of 2 failed"));
    CHECK_THAT(r.err, Catch::Contains(dir + "/r.sqlite"));
    CHECK(row_count(dir + "/r.sqlite") == 2);  // the failures stay on record for export/report
    // Resuming changes nothing: still no ok point, still not a success.
    const auto again = run_sweep(spec, dir + "/r.sqlite", "-j 2 --resume");
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.err, Catch::Contains("2 failed earlier"));
}

TEST_CASE("sweep run: a sweep whose every point a worker refuses as bad input exits 2",
          "[sweep][run][failures]") {
    const std::string dir = test::fresh_dir("allinvalid");
    const std::string spec = write_spec(dir, "  - {param: array.rows, values: [11]}\n");
    const auto r = run_sweep(spec, dir + "/r.sqlite", "-j 1");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK(lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::StartsWith(spec + ": axes: every one of the 1 points was refused"));
    CHECK_THAT(r.err, Catch::Contains("rejected by the fake worker"));
}

TEST_CASE("sweep run: one ok point is enough for exit 0", "[sweep][run][failures]") {
    const std::string dir = test::fresh_dir("oneok");
    const std::string spec = write_spec(dir, "  - {param: array.rows, values: [3, 11, 16]}\n");
    const auto r = run_sweep(spec, dir + "/r.sqlite", "-j 2");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("3 ran, 2 failed"));
}

TEST_CASE("sweep run: nothing to run is refused before anything runs or is written",
          "[sweep][run][failures]") {
    const std::string dir = test::fresh_dir("nothing");
    SECTION("the config rules refuse every point") {
        // each value is legal on its own; every combination has more engines than columns
        const std::string spec = write_spec(dir,
                                            "  - {param: array.width, values: [4, 2]}\n"
                                            "  - {param: decompressor.engines, values: [8]}\n");
        const auto r = run_sweep(spec, dir + "/r.sqlite", "-j 1");
        INFO(r.out << r.err);
        CHECK(r.exit_code == 2);
        CHECK(lines(r.err) == 1);
        CHECK_THAT(r.err,
                   Catch::StartsWith(spec + ": axes: the config rules refuse every one of the 2"));
        CHECK_THAT(r.err, Catch::Contains("exceeds array.width = 4"));
    }
    SECTION("the constraints drop every combination") {
        const std::string spec = write_spec(dir, "  - {param: array.rows, values: [16, 32]}\n",
                                            "constraints:\n  - rows > 100\n");
        const auto r = run_sweep(spec, dir + "/r.sqlite", "-j 1");
        INFO(r.out << r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::StartsWith(spec + ": constraints: no point to run"));
    }
    CHECK_FALSE(std::filesystem::exists(dir + "/r.sqlite"));
    CHECK_FALSE(std::filesystem::exists(dir + "/r.sqlite.work"));
}
