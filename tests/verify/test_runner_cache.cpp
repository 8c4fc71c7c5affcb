// The Verilator build cache of `edgesa verify`, with a stand-in for Verilator (a shell script
// that counts its calls and creates the executable) and a stand-in source tree, so the cache
// logic is tested without the minutes a real build takes. The real build is exercised by every
// matrix entry (tests/verify/CMakeLists.txt).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "../run_cli.h"

namespace fs = std::filesystem;
using namespace edgesa::test;

namespace {

struct FakeTree {
    fs::path root;
    FakeTree() {
        root = fs::path("/tmp") / ("edgesa_verify_cache_" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "src/verify/rtl_runner");
        fs::create_directories(root / "src/sim/memory");
        write("src/verify/rtl_runner/rtl_runner_main.cpp", "int main() { return 0; }\n");
        write("src/sim/memory/dram_model.h", "// dram\n");
        write("src/sim/memory/dram_model.cpp", "// dram\n");
        // Stand-in Verilator: logs its call, creates <Mdir>/<-o name>; FAKE_VL_MODE=fail exits 1,
        // FAKE_VL_MODE=kill kills the calling edgesa (a build interrupted half-way).
        write("verilator",
              "#!/bin/sh\n"
              "echo call >> " +
                  (root / "calls").string() +
                  "\n"
                  "mdir=; out=\n"
                  "while [ $# -gt 0 ]; do case \"$1\" in --Mdir) mdir=$2; shift;; -o) out=$2; "
                  "shift;; esac; shift; done\n"
                  "mkdir -p \"$mdir\" && echo half > \"$mdir/partial.o\"\n"
                  "[ \"$FAKE_VL_MODE\" = fail ] && { echo 'error: broken on purpose'; exit 1; }\n"
                  "[ \"$FAKE_VL_MODE\" = kill ] && { kill -9 $PPID; sleep 1; exit 1; }\n"
                  "printf '#!/bin/sh\\nexit 0\\n' > \"$mdir/$out\" && chmod +x \"$mdir/$out\"\n");
        fs::permissions(root / "verilator", fs::perms::owner_all);
    }
    ~FakeTree() { fs::remove_all(root); }
    void write(const std::string& rel, const std::string& text) const {
        std::ofstream(root / rel) << text;
    }
    int calls() const {
        std::ifstream in(root / "calls");
        int n = 0;
        for (std::string l; std::getline(in, l);) ++n;
        return n;
    }
    CliResult build(const std::string& extra, const std::string& mode = "") const {
        return run_edgesa_env(
            "EDGESA_SOURCE_DIR=" + (root / "src").string() +
                " EDGESA_VERILATOR=" + (root / "verilator").string() + " FAKE_VL_MODE=" + mode,
            "verify --config " + source_dir() + "/configs/rtl_4x4_q3.13.yaml --workload " +
                source_dir() + "/tests/data/verify/q3.13/fc.yaml --build-only --cache-dir " +
                (root / "cache").string() + " " + extra);
    }
    std::vector<std::string> entries() const {
        std::vector<std::string> v;
        if (fs::exists(root / "cache"))
            for (const auto& e : fs::directory_iterator(root / "cache"))
                v.push_back(e.path().filename().string());
        std::sort(v.begin(), v.end());
        return v;
    }
    static CliResult run_edgesa_env(const std::string& env, const std::string& args) {
        const char* bin = std::getenv("EDGESA_BIN");
        return run_edgesa_with_prefix("env " + env + " " + std::string(bin ? bin : EDGESA_BIN_PATH),
                                      args);
    }
    static CliResult run_edgesa_with_prefix(const std::string& prefix, const std::string& args) {
        const std::string base = "/tmp/edgesa_verify_cache_out_" + std::to_string(::getpid());
        const int status =
            std::system((prefix + " " + args + " >" + base + ".out 2>" + base + ".err").c_str());
        CliResult r;
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        r.out = slurp_file(base + ".out");
        r.err = slurp_file(base + ".err");
        return r;
    }
};

}  // namespace

TEST_CASE("verify cache: the first run builds, the second reuses without calling Verilator",
          "[verify][smoke]") {
    FakeTree t;
    auto r = t.build("");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("building the RTL runner") != std::string::npos);
    CHECK(t.calls() == 1);
    const auto e = t.entries();
    REQUIRE(e.size() == 1);
    CHECK(e[0].find("-0.") != std::string::npos);  // <config hash>-<version>
    CHECK(fs::exists(t.root / "cache" / e[0] / "obj" / "edgesa_rtl_runner"));

    r = t.build("");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("reusing cached RTL runner") != std::string::npos);
    CHECK(t.calls() == 1);

    // Faults are part of the key: a separate entry, the clean one untouched.
    r = t.build("--inject-fault tree-extra-stage");
    REQUIRE(r.exit_code == 0);
    CHECK(t.calls() == 2);
    REQUIRE(t.entries().size() == 2);
    CHECK(t.entries()[1] == e[0] + "-tree-extra-stage");

    // A changed runner source (a development tree) invalidates the entry.
    t.write("src/verify/rtl_runner/rtl_runner_main.cpp", "int main() { return 1; }\n");
    r = t.build("");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("building the RTL runner") != std::string::npos);
    CHECK(t.calls() == 3);
    CHECK(t.entries().size() == 2);
}

TEST_CASE("verify cache: a failed or killed build leaves no entry, and the next run builds",
          "[verify][smoke]") {
    FakeTree t;
    auto r = t.build("", "fail");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("building the RTL runner failed") != std::string::npos);
    CHECK(r.err.find("broken on purpose") != std::string::npos);
    auto e = t.entries();
    REQUIRE(e.size() == 1);  // only the kept log
    CHECK(e[0].find(".failed.log") != std::string::npos);

    r = t.build("", "kill");
    CHECK(r.exit_code == 128 + 9);
    for (const auto& name : t.entries())
        CHECK(!fs::exists(t.root / "cache" / name / "obj" / "edgesa_rtl_runner"));

    r = t.build("");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("building the RTL runner") != std::string::npos);
    for (const auto& name : t.entries())
        CHECK(name.rfind(".tmp-", 0) != 0);  // the dead build's dir is gone
    r = t.build("");
    CHECK(r.out.find("reusing") != std::string::npos);
}

// A random case that fails (here: the stand-in "runner" writes no result) gets its folder with
// everything needed to reproduce it, and the command exits 1.
TEST_CASE("verify --random: every failing case gets a folder with its files and repro.sh",
          "[verify][random][smoke]") {
    FakeTree t;
    const fs::path out = t.root / "out";
    const auto r =
        FakeTree::run_edgesa_env("EDGESA_SOURCE_DIR=" + (t.root / "src").string() +
                                     " EDGESA_VERILATOR=" + (t.root / "verilator").string(),
                                 "verify --random 2 --seed 16 --per-config 2 --cache-dir " +
                                     (t.root / "cache").string() + " --out " + out.string());
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(t.calls() == 1);  // one build serves both cases of the config
    CHECK(r.out.find("verify --random: 0 of 2 cases match, 2 mismatch (seed 16)") !=
          std::string::npos);
    for (const char* c : {"case-16-0", "case-16-1"}) {
        INFO(c);
        for (const char* f : {"config.yaml", "trace.yaml", "report.txt", "repro.sh"})
            CHECK(fs::exists(out / c / f));
        CHECK(r.out.find(std::string("-> ") + (out / c).string()) != std::string::npos);
        const std::string sh = slurp_file((out / c / "repro.sh").string());
        CHECK(sh.find("verify --config config.yaml --workload trace.yaml --reference") !=
              std::string::npos);
        CHECK(sh.find("--cache-dir '" + (t.root / "cache").string() + "'") != std::string::npos);
        CHECK(slurp_file((out / c / "report.txt").string()).find("rtl runner") !=
              std::string::npos);
    }
    // case 16-1 (conv + fc) names drawn weight tensors: they are copied with the trace
    const std::string trace = slurp_file((out / "case-16-1" / "trace.yaml").string());
    if (trace.find("weights: tensors/") != std::string::npos)
        CHECK(fs::exists(out / "case-16-1" / "tensors"));
}
