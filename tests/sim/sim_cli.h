#pragma once
// Runs `edgesa run` on a network built in code and returns the parsed --json report, so one
// TEST_CASE can compare several simulations (each runs in its own process).
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../run_cli.h"
#include "network.h"
#include "trace/trace_io.h"

namespace edgesa::test {

inline std::string seed_config() {
    return source_dir() + "/configs/seed_64x32_q3.13.yaml";
}

inline std::string temp_path(const std::string& stem) {
    static int n = 0;
    return "/tmp/edgesa_simtest_" + std::to_string(::getpid()) + "_" + std::to_string(n++) + "_" +
           stem;
}

// Simulates `net` with `config` and "key=value" overrides; REQUIREs success.
inline nlohmann::json run_sim(const Network& net, const std::vector<std::string>& sets,
                              const std::string& config = seed_config(),
                              const std::string& extra = "") {
    const std::string trace = temp_path("net.trace.yaml"), json = temp_path("run.json");
    write_trace_file(trace, net);
    std::string args =
        "run --config " + config + " --workload " + trace + " --json " + json + " " + extra;
    for (const auto& s : sets) args += " --set " + s;
    const CliResult r = run_edgesa(args);
    INFO("edgesa " << args << "\n" << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    nlohmann::json j = nlohmann::json::parse(slurp_file(json));
    std::remove(trace.c_str());
    std::remove(json.c_str());
    return j;
}

inline uint64_t probe(const nlohmann::json& j, size_t layer, const std::string& name) {
    return j["layers"][layer]["probes"][name].get<uint64_t>();
}

}  // namespace edgesa::test
