// The top-level handler: every escaped exception becomes one line and the policy's exit code.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <new>
#include <stdexcept>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "guarded_main.h"

using edgesa::run_guarded;

namespace {

// Runs `f` with stderr captured; returns {its result, what was printed}.
std::pair<int, std::string> capture(const std::function<int()>& f) {
    std::fflush(stderr);
    std::FILE* tmp = std::tmpfile();
    const int saved = dup(fileno(stderr));
    dup2(fileno(tmp), fileno(stderr));
    const int rc = f();
    std::fflush(stderr);
    dup2(saved, fileno(stderr));
    close(saved);
    std::rewind(tmp);
    std::string text;
    for (int c; (c = std::fgetc(tmp)) != EOF;) text += char(c);
    std::fclose(tmp);
    return {rc, text};
}

std::pair<int, std::string> guarded(const std::function<void()>& body) {
    return capture([&] { return run_guarded(body); });
}

size_t lines(const std::string& s) {
    return size_t(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("guard: input errors exit 2 with the diagnostic", "[smoke][guard]") {
    auto [rc, err] = guarded([] {
        throw edgesa::InputError(
            edgesa::Diagnostic{{"c.yaml", 3, 5}, "array.rows", "0", "must be in 1..4096"});
    });
    CHECK(rc == 2);
    CHECK(err == "c.yaml:3:5: array.rows = 0: must be in 1..4096\n");
}

TEST_CASE("guard: any other exception is one line and exit 1", "[smoke][guard]") {
    SECTION("bad_alloc") {
        auto [rc, err] = guarded([] { throw std::bad_alloc(); });
        CHECK(rc == 1);
        CHECK(lines(err) == 1);
        CHECK(err.rfind("edgesa: error: out of memory", 0) == 0);
    }
    SECTION("filesystem_error names the path, not the library's text") {
        auto [rc, err] = guarded([] {
            throw std::filesystem::filesystem_error(
                "boom", std::filesystem::path("/x/y"),
                std::make_error_code(std::errc::filename_too_long));
        });
        CHECK(rc == 1);
        CHECK(err == "edgesa: error: /x/y: File name too long\n");
    }
    SECTION("a multi-line message is folded into one line") {
        auto [rc, err] = guarded([] { throw std::runtime_error("a\nb\n"); });
        CHECK(rc == 1);
        CHECK(err == "edgesa: error: a b\n");
    }
    SECTION("json errors") {
        auto [rc, err] = guarded([] { (void)nlohmann::json::parse("{"); });
        CHECK(rc == 1);
        CHECK(lines(err) == 1);
    }
    SECTION("not even a std::exception") {
        auto [rc, err] = guarded([] { throw 42; });
        CHECK(rc == 1);
        CHECK(err == "edgesa: error: internal error: an unknown exception escaped\n");
    }
    SECTION("success") {
        auto [rc, err] = guarded([] {});
        CHECK(rc == 0);
        CHECK(err.empty());
    }
}

TEST_CASE("guard: usage errors and unknown commands exit 2", "[smoke][guard]") {
    CLI::App app{"t"};
    app.require_subcommand(1);
    int n = 0;
    auto* run = app.add_subcommand("run", "r");
    run->add_option("--n", n)->required();
    auto call = [&](std::vector<const char*> argv) {
        argv.insert(argv.begin(), "edgesa");
        return capture([&] { return run_guarded(app, int(argv.size()), argv.data()); });
    };
    auto [rc1, e1] = call({"rnu"});
    CHECK(rc1 == 2);
    CHECK(e1 == "edgesa: command = rnu: unknown command; one of run (did you mean 'run'?)\n");
    auto [rc2, e2] = call({"run", "--n", "x"});
    CHECK(rc2 == 2);
    CHECK(e2.rfind("edgesa run: ", 0) == 0);
    CHECK(lines(e2) == 1);
}
