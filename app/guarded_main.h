#pragma once
// The exit-code policy (README "Exit codes"), applied in one place:
//   0 success (and --help, --version);
//   2 bad input: an InputError (file:line:col: key = value: rule) or a command-line usage error;
//   1 an environment failure (a file that cannot be written, out of memory, a tool that failed),
//     reported as one line naming the path where there is one;
//   any other escaped exception: one line "edgesa: internal error: ..." and exit 1.
// No exception ever reaches std::terminate, and no multi-line library text reaches the user.
#include <functional>

#include <CLI/CLI.hpp>

namespace edgesa {

constexpr int kExitBadInput = 2;
constexpr int kExitEnvironment = 1;

// Parses argv with `app` (whose callbacks run the command) under the policy above.
int run_guarded(CLI::App& app, int argc, const char* const* argv);

// Runs `body` under the same policy (the exception-to-exit-code half of run_guarded).
int run_guarded(const std::function<void()>& body);

}  // namespace edgesa
