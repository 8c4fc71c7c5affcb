#pragma once
// `edgesa verify`: the generated RTL of a config, Verilated, against the SystemC model in
// functional mode, layer by layer, bit for bit and cycle for cycle (docs/verify.md).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "emit/unit.h"

namespace edgesa::verify {

struct VerifyOptions {
    std::string config, workload;
    std::vector<std::string> layers;     // empty: every layer with device work
    std::vector<std::string> overrides;  // --set key=value
    std::string json_out;                // --json
    std::string cache_dir;               // --cache-dir (empty: default_cache_dir())
    std::string work_dir;                // --work-dir (empty: a fresh directory under /tmp)
    std::string vcd_dir;  // --vcd: both sides' waveforms of every layer, also on a passing run
    std::set<gen::Fault> faults;         // --inject-fault (debug): generator faults
    // --inject-fault compressor-extra-stage (debug): the RTL is generated for compressor.stages + 1
    // while the SystemC model runs the config as given (the checker check's one-cycle fault).
    bool rtl_extra_compressor_stage = false;
    uint64_t window = 4;      // handshake trace: edges with port activity either side of a mismatch
    uint64_t max_cycles = 0;  // RTL deadlock guard per layer (0: 64 x the SystemC cycles)
    bool build_only = false;  // build (or reuse) the runner and stop
};

// Runs the whole check and prints the summary or the first mismatch. Returns true when every
// compared item matched. Throws InputError for bad arguments (config, trace, layer names).
bool run_verify(const VerifyOptions& opt);

}  // namespace edgesa::verify
