#pragma once
// The one place that knows how sweep workers and trace tools are invoked. Every child process of
// a sweep is an `edgesa` subcommand; EDGESA_SWEEP_WORKER replaces the executable (tests use a
// script that fakes results, failures, hangs and crashes on demand).
#include <string>
#include <utility>
#include <vector>

namespace edgesa::sweep {

// The executable children run: $EDGESA_SWEEP_WORKER, else this very binary (/proc/self/exe).
std::string child_executable();

// `edgesa run --config CONFIG --workload TRACE --mode MODE --json RESULT` for one point.
std::vector<std::string> run_argv(const std::string& config_yaml, const std::string& trace,
                                  const std::string& mode, const std::string& result_json);

// `edgesa trace zoo NAME -o OUT`.
std::vector<std::string> zoo_argv(const std::string& network, const std::string& out_trace);

// `edgesa trace OP IN -o OUT --ARG VALUE ...`.
std::vector<std::string> transform_argv(
    const std::string& op, const std::string& in_trace, const std::string& out_trace,
    const std::vector<std::pair<std::string, std::string>>& args);

}  // namespace edgesa::sweep
