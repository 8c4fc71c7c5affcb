#pragma once
// The exit-code policy (README "Exit codes"), applied in one place:
//   0 success (and --help, --version);
//   2 bad input: an InputError (file:line:col: key = value: rule) or a command-line usage error;
//   1 an environment failure (a file that cannot be written, out of memory, a tool that failed),
//     reported as one line naming the path where there is one;
//   3, 4 documented command outcomes (CommandOutcome: `edgesa synth --pnr` does not fit, misses
//     its clock), one line after the command's report;
//   any other escaped exception: one line "edgesa: internal error: ..." and exit 1.
// No exception ever reaches std::terminate, and no multi-line library text reaches the user.
#include <functional>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace edgesa {

constexpr int kExitBadInput = 2;
constexpr int kExitEnvironment = 1;
// `edgesa synth --pnr` (docs/fpga.md): the design does not fit the device; it fits but nextpnr's
// Fmax is below clock.mhz.
constexpr int kExitDoesNotFit = 3;
constexpr int kExitMissesTiming = 4;

// A command's documented non-zero outcome that is neither bad input nor an environment failure:
// the command printed its report; what() is the one-line summary ("edgesa: error: ..."), `code`
// the exit status.
struct CommandOutcome : std::runtime_error {
    CommandOutcome(int c, const std::string& what) : std::runtime_error(what), code(c) {}
    int code;
};

// Parses argv with `app` (whose callbacks run the command) under the policy above.
int run_guarded(CLI::App& app, int argc, const char* const* argv);

// Runs `body` under the same policy (the exception-to-exit-code half of run_guarded).
int run_guarded(const std::function<void()>& body);

}  // namespace edgesa
