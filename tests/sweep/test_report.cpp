// `edgesa sweep report`: Pareto front, PNG/SVG plots and an HTML page whose table sorts in a real
// browser (headless Chromium renders the page; the test reads the DOM after the page's JS ran).
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

#include "../chromium_dom.h"
#include "report/pareto.h"
#include "store/result_store.h"
#include "sweep_test_util.h"

using namespace edgesa;
using edgesa::test::sweep_data;

namespace {

sweep::PointResult point(const std::string& id, double cycles, double energy,
                         const std::string& status = "ok") {
    sweep::PointResult r;
    r.point_id = id;
    r.status = status;
    r.metrics = {{"cycles", cycles}, {"energy_pj", energy}};
    return r;
}

}  // namespace

TEST_CASE("report: pareto front keeps exactly the non-dominated ok points", "[sweep][report]") {
    const std::vector<sweep::PointResult> pts = {
        point("a", 100, 50),          point("b", 80, 60),
        point("c", 120, 40),          point("d", 110, 55),  // d dominated by a
        point("e", 80, 70),                                 // e dominated by b
        point("f", 10, 10, "failed"), point("g", 200, 40),  // g dominated by c
    };
    const auto front = sweep::pareto_front(pts, {"cycles", "energy_pj"});
    std::vector<std::string> ids;
    for (size_t i : front) ids.push_back(pts[i].point_id);
    CHECK(ids == std::vector<std::string>{"b", "a", "c"});  // ordered by cycles
}

TEST_CASE("report: plots and an HTML page whose table sorts in headless Chromium",
          "[sweep][report][browser]") {
    const std::string dir = test::fresh_dir("report");
    ::setenv("EDGESA_SWEEP_WORKER", test::fake_worker().c_str(), 1);
    const auto run =
        test::run_edgesa("sweep " + sweep_data("basic.yaml") + " --db " + dir + "/r.sqlite -j 2");
    ::unsetenv("EDGESA_SWEEP_WORKER");
    REQUIRE(run.exit_code == 0);
    const auto rep = test::run_edgesa("sweep report --db " + dir + "/r.sqlite -o " + dir + "/rep");
    INFO(rep.out << rep.err);
    REQUIRE(rep.exit_code == 0);
    for (const char* name : {"energy_vs_latency", "latency_vs_area", "utilization_per_layer"}) {
        const std::string png = test::slurp_file(dir + "/rep/" + name + ".png");
        REQUIRE(png.size() > 1000);
        CHECK(png.substr(1, 3) == "PNG");
        CHECK_THAT(test::slurp_file(dir + "/rep/" + name + ".svg"), Catch::Contains("<svg"));
    }
    // front.csv agrees with a brute-force dominance check over the database
    const auto pts = sweep::ResultStore(dir + "/r.sqlite").load_all(false);
    const std::string front_csv = test::slurp_file(dir + "/rep/front.csv");
    int expected_front = 0;
    for (const auto& p : pts) {
        if (p.status != "ok") continue;
        bool dominated = false;
        for (const auto& q : pts) {
            if (q.status != "ok") continue;
            const double pc = sweep::metric_value(p, "cycles"),
                         pe = sweep::metric_value(p, "energy_pj");
            const double qc = sweep::metric_value(q, "cycles"),
                         qe = sweep::metric_value(q, "energy_pj");
            dominated = dominated || (qc <= pc && qe <= pe && (qc < pc || qe < pe));
        }
        expected_front += !dominated;
        CHECK((front_csv.find(p.point_id) != std::string::npos) == !dominated);
    }
    CHECK(expected_front >= 2);

    const std::string dom = test::chromium_dom(dir + "/rep/index.html", dir + "/chromium-profile");
    REQUIRE_THAT(dom, Catch::Contains("data-images-loaded=\"3/3\""));
    CHECK_THAT(dom, Catch::Contains("data-sorted-by=\"cycles\""));
    // Header cells, then the cycles column of every row in DOM order: ascending, empties last.
    std::vector<std::string> header;
    const std::regex th("<th>([^<]*)</th>");
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), th); it != std::sregex_iterator();
         ++it)
        header.push_back((*it)[1]);
    const auto col = std::find(header.begin(), header.end(), "cycles") - header.begin();
    REQUIRE(size_t(col) < header.size());
    const std::regex tr("<tr[^>]*>(<td.*?)</tr>"), td("<td data-v=\"([^\"]*)\"");
    std::vector<std::string> cycles;
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), tr); it != std::sregex_iterator();
         ++it) {
        const std::string row = (*it)[1];
        std::vector<std::string> cells;
        for (auto c = std::sregex_iterator(row.begin(), row.end(), td); c != std::sregex_iterator();
             ++c)
            cells.push_back((*c)[1]);
        REQUIRE(cells.size() == header.size());
        cycles.push_back(cells[size_t(col)]);
    }
    REQUIRE(cycles.size() == pts.size());
    std::vector<double> numbers;
    bool empties_started = false;
    for (const auto& c : cycles) {
        if (c.empty()) {
            empties_started = true;
            continue;
        }
        CHECK_FALSE(empties_started);
        numbers.push_back(std::stod(c));
    }
    CHECK(numbers.size() == 5);
    CHECK(std::is_sorted(numbers.begin(), numbers.end()));
}
