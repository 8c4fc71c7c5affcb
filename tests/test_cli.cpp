// The edgesa binary end to end: help, params, config check, format.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "io/npy.h"
#include "run_cli.h"

using namespace edgesa::test;

TEST_CASE("edgesa --help lists the subcommands", "[smoke]") {
    const auto r = run_edgesa("--help");
    CHECK(r.exit_code == 0);
    for (const char* sub : {"params", "config", "format"})
        CHECK(r.out.find(sub) != std::string::npos);
    CHECK(run_edgesa("config check --help").exit_code == 0);
}

TEST_CASE("every shipped config checks clean and prints its resolved form", "[smoke][config]") {
    for (const char* f : {"seed_64x32_q3.13", "seed_64x32_fp32_sieve", "seed_64x32_q3.13_800mhz",
                          "rtl_4x4_q3.13", "rtl_8x8_fp32"}) {
        INFO(f);
        const auto r = run_edgesa("config check " + source_dir() + "/configs/" + f + ".yaml");
        CHECK(r.exit_code == 0);
        // Valid: stderr holds at most balance warnings (docs/performance.md, "Bounds and
        // bottlenecks").
        std::istringstream err(r.err);
        for (std::string line; std::getline(err, line);)
            CHECK(line.find(": warning: ") != std::string::npos);
        CHECK(r.out.find("tree_stages") != std::string::npos);
    }
    const auto j =
        run_edgesa("config check --json " + source_dir() + "/configs/seed_64x32_q3.13.yaml");
    CHECK(j.exit_code == 0);
    CHECK(j.out.find("\"peak_macs_per_cycle\": 2048") != std::string::npos);
    CHECK(j.out.find("\"tree_stages\": 5") != std::string::npos);
}

TEST_CASE("a bad config exits non-zero with the error on stderr only", "[config]") {
    const std::string path = "/tmp/edgesa_bad_" + std::to_string(::getpid()) + ".yaml";
    std::ofstream(path) << "array:\n  rows: 8\n  width: 12\n";
    const auto r = run_edgesa("config check " + path);
    std::remove(path.c_str());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == path + ":3:10: array.width = 12: must be a power of two\n");
    const auto missing = run_edgesa("config check /nonexistent.yaml");
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "/nonexistent.yaml: cannot open config file: No such file or directory\n");
}

TEST_CASE("docs/config.md is the output of edgesa params --markdown", "[config]") {
    const auto r = run_edgesa("params --markdown");
    REQUIRE(r.exit_code == 0);
    INFO("regenerate with: build/app/edgesa params --markdown > docs/config.md");
    CHECK(r.out == slurp_file(source_dir() + "/docs/config.md"));
}

TEST_CASE("edgesa format encode, decode, constants and choose", "[smoke][numerics]") {
    auto r = run_edgesa("format encode e4m3b7 1.0 -2.5 240 1000");
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "1.0 -> 0x38 -> 1\n-2.5 -> 0xc2 -> -2.5\n240 -> 0x77 -> 240\n1000 -> 0x77 -> 240\n");
    r = run_edgesa("format encode --round rne e4m3b7 1.1875 --json");
    CHECK(r.out.find("\"decoded\": 1.25") != std::string::npos);
    r = run_edgesa("format decode e4m3b7 0x38 0xc2");
    CHECK(r.out == "0x38 -> 1\n0xc2 -> -2.5\n");
    r = run_edgesa("format decode e4m3b7 0x1ff");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "<command line>: CODE = 0x1ff: does not fit the format's 8 bits\n");
    r = run_edgesa("format constants e5m2b15");
    CHECK(r.out.find("adj_bias       112") != std::string::npos);
    r = run_edgesa("format encode e1m2b0 1.0");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("FORMAT = e1m2b0") != std::string::npos);
    r = run_edgesa("format encode q3.13 1.0 -4 5");
    CHECK(r.out == "1.0 -> 0x2000 -> 1\n-4 -> 0x8000 -> -4\n5 -> 0x7fff -> 3.999878\n");
}

TEST_CASE("edgesa format choose reads .npy and raw float32 files", "[numerics]") {
    edgesa::FloatTensor t;
    t.shape = {4, 100};
    for (int i = 0; i < 400; ++i)
        t.data.push_back(std::ldexp(1.0f + (i % 7) / 8.0f, -14 + (i % 10)));
    const std::string npy = "/tmp/edgesa_choose_" + std::to_string(::getpid()) + ".npy";
    edgesa::write_npy(npy, t);
    auto r = run_edgesa("format choose --coverage 0.995 " + npy);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "e4m3b15  (exponents -14..-1 cover 1.0000 of 400 non-zero values)\n");
    // The same values as a headerless raw float32 file.
    const std::string raw = npy + ".raw";
    std::ofstream(raw, std::ios::binary).write(reinterpret_cast<const char*>(t.data.data()), 1600);
    r = run_edgesa("format choose --json --mantissa 2 " + raw);
    CHECK(r.out.find("\"format\": \"e4m2b15\"") != std::string::npos);
    // A file whose size is not a multiple of 4 is rejected with its name.
    std::ofstream(raw, std::ios::binary) << "abcde";
    r = run_edgesa("format choose " + raw);
    CHECK(r.exit_code == 2);
    CHECK(r.err == raw + ": raw float32 file size 5 is not a multiple of 4\n");
    std::remove(npy.c_str());
    std::remove(raw.c_str());
}
