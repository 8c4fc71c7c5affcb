#include "guarded_main.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <new>
#include <string>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"

namespace edgesa {
namespace {

// Library messages can span lines; the policy is one line per failure.
std::string one_line(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (char& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

void say(const std::string& what) {
    fmt::print(stderr, "edgesa: error: {}\n", one_line(what));
}

// The subcommand names, for "unknown command 'x' (did you mean 'y'?)".
std::vector<std::string> command_names(CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    return names;
}

}  // namespace

int run_guarded(const std::function<void()>& body) {
    try {
        body();
        return 0;
    } catch (const InputError& e) {
        std::fputs(e.what(), stderr);
        return kExitBadInput;
    } catch (const std::bad_alloc&) {
        say("out of memory (the input is larger than this machine can hold; see "
            "docs/input-limits.md)");
    } catch (const std::filesystem::filesystem_error& e) {
        const std::string path = e.path1().empty() ? std::string("(no path)") : e.path1().string();
        say(path + ": " + e.code().message());
    } catch (const nlohmann::json::exception& e) {
        say("internal error while writing JSON: " + std::string(e.what()));
    } catch (const CommandOutcome& e) {
        say(e.what());
        return e.code;
    } catch (const std::exception& e) {
        say(e.what());
    } catch (...) {
        say("internal error: an unknown exception escaped");
    }
    return kExitEnvironment;
}

int run_guarded(CLI::App& app, int argc, const char* const* argv) {
    return run_guarded([&] {
        // CLI11 answers an unknown command word with "A subcommand is required"; say which word
        // it was, at any depth ("edgesa trace shwo").
        CLI::App* cur = &app;
        std::string where = "edgesa";
        for (int i = 1; i < argc && argv[i][0] != '-'; ++i) {
            const auto names = command_names(*cur);
            if (names.empty()) break;
            const std::string word = argv[i];
            if (std::find(names.begin(), names.end(), word) != names.end()) {
                cur = cur->get_subcommand(word);
                where += " " + word;
                continue;
            }
            if (cur->get_require_subcommand_min() == 0) break;  // a positional argument
            std::string rule = "unknown command; one of";
            for (const auto& n : names) rule += " " + n;
            const std::string near = closest_match(word, names);
            if (!near.empty()) rule += " (did you mean '" + near + "'?)";
            throw InputError(Diagnostic{{where, 0, 0}, "command", word, rule});
        }
        try {
            app.parse(argc, argv);
        } catch (const CLI::Success& e) {  // --help, --version
            app.exit(e);
        } catch (const CLI::ParseError& e) {
            // Usage errors are bad input: exit 2 with one line, like every other input error.
            const CLI::App* where = &app;
            for (const CLI::App* sub = where; sub;) {
                const auto subs = sub->get_subcommands();
                sub = subs.empty() ? nullptr : subs.front();
                if (sub) where = sub;
            }
            const std::string cmd = where == &app ? "edgesa" : "edgesa " + where->get_name();
            throw InputError(
                Diagnostic{{cmd, 0, 0}, "", "", one_line(e.what()) + " (see " + cmd + " --help)"});
        }
    });
}

}  // namespace edgesa
