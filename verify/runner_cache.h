#pragma once
// The Verilator build cache of `edgesa verify`: the config's generated RTL, verilated and
// compiled together with the runner testbench of its top (verify/rtl_runner/) and the DRAM model,
// in <cache>/<config hash>-<edgesa version>[-<faults>][-axi][-trace]/. A second run reuses the
// executable. The normal runner is built without --trace (tracing roughly triples the C++ to
// compile); the traced one, which can write a VCD, is built only when a mismatch asks for it.
#include <cstdio>
#include <set>
#include <string>

#include "config/accel_config.h"
#include "emit/unit.h"

namespace edgesa::verify {

struct RunnerCacheOptions {
    std::string cache_dir;        // empty: default_cache_dir()
    std::string config_path;      // as given by the user (printed in the RTL headers)
    std::set<gen::Fault> faults;  // debug: generator faults (part of the cache key)
    std::string key_suffix;       // debug: verify's own RTL faults (part of the cache key)
    bool trace = false;           // build with --trace (the runner can write a VCD): key "-trace"
    // The Verilated top: "core" (edgesa_top, rtl_runner_main.cpp) or "axi" (edgesa_axi_top,
    // axi_runner_main.cpp; key "-axi").
    std::string top = "core";
};

struct RunnerBuild {
    std::string dir;      // the cache entry
    std::string exe;      // the runner executable
    bool reused = false;  // true: found in the cache, Verilator not run
    double seconds = 0;   // wall time of the build (0 when reused)
};

// $EDGESA_VERIFY_CACHE, else $XDG_CACHE_HOME/edgesa/verify, else $HOME/.cache/edgesa/verify.
std::string default_cache_dir();
// The entry name: <config hash>-<version>, plus -<fault>... when faults are injected (and
// -trace for the traced runner, added by ensure_runner).
std::string cache_key(const AccelConfig& cfg, const std::set<gen::Fault>& faults,
                      const std::string& suffix = "");
// Where the runner sources are read from: the compiled-in EDGESA_SOURCE_DIR, unless the
// environment variable EDGESA_SOURCE_DIR names another checkout.
std::string source_dir();

// Returns the runner for this config, building it when the cache has no valid entry. The entry
// also records a digest of the generated RTL and the runner sources; a mismatch (a changed
// generator or runner in a development tree) rebuilds it. The build happens in a temporary
// directory renamed into place, so a killed build never leaves a half entry. Progress lines go to
// `log`. Throws std::runtime_error naming the Verilator log on a failed build.
// The C++ of the model is compiled at -O1 (-O0 for Verilator's run-once "slow" code): GCC at -Os
// or -O2 takes over ten minutes on one of the seed 64x32 design's files (docs/performance.md).
// $EDGESA_VERIFY_OPT_FAST / $EDGESA_VERIFY_OPT_SLOW override the two levels (e.g. -O2).
RunnerBuild ensure_runner(const AccelConfig& cfg, const RunnerCacheOptions& opt, std::FILE* log);

}  // namespace edgesa::verify
