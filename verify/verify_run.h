#pragma once
// `edgesa verify`: the generated RTL of a config, Verilated, against the SystemC model in
// functional mode, layer by layer, bit for bit and cycle for cycle (docs/verify.md).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "emit/unit.h"
#include "network.h"
#include "program/layer_program.h"
#include "rtl_run.h"
#include "runner_cache.h"
#include "sc_side.h"

namespace edgesa::verify {

struct VerifyOptions {
    std::string config, workload;
    std::vector<std::string> layers;     // empty: every layer with device work
    std::vector<std::string> overrides;  // --set key=value
    std::string json_out;                // --json
    std::string cache_dir;               // --cache-dir (empty: default_cache_dir())
    std::string work_dir;                // --work-dir (empty: a fresh directory under /tmp)
    std::string vcd_dir;  // --vcd: both sides' waveforms of every layer, also on a passing run
    std::set<gen::Fault> faults;  // --inject-fault (debug): generator faults
    // --inject-fault compressor-extra-stage (debug): the RTL is generated for compressor.stages + 1
    // while the SystemC model runs the config as given (the checker check's one-cycle fault).
    bool rtl_extra_compressor_stage = false;
    uint64_t window = 4;      // handshake trace: edges with port activity either side of a mismatch
    uint64_t max_cycles = 0;  // RTL deadlock guard per layer (0: 64 x the SystemC cycles)
    bool build_only = false;  // build (or reuse) the runner and stop
    bool reference = false;   // also compare the SystemC outputs with the workloads reference
    std::string top = "core";  // --top: core (edgesa_top) or axi (edgesa_axi_top, docs/fpga.md)
    bool axi_backpressure = false;  // --axi-backpressure: the AXI model drops its readies
};

// Runs the whole check and prints the summary or the first mismatch. Returns true when every
// compared item matched. Throws InputError for bad arguments (config, trace, layer names).
bool run_verify(const VerifyOptions& opt);

// `given` (created), else a new /tmp/edgesa-verify-XXXXXX (under $TMPDIR when set).
std::string make_work_dir(const std::string& given);

// One (config, workload) pair, loaded and validated: everything a check needs before a build.
struct VerifyTarget {
    std::string config_path, workload_path, workload_text;
    AccelConfig cfg;      // what the SystemC model runs
    AccelConfig rtl_cfg;  // what the RTL is generated from (cfg unless a fault changes it)
    Network net;
    sim::Program prog;
    std::vector<int> layers;  // the compared layers, in trace order
};

// Loads the config (with --set overrides) and the workload through the normal readers and picks
// the layers; throws InputError naming the file for anything a user could get wrong.
VerifyTarget load_target(const VerifyOptions& opt);

struct CheckOptions {
    std::string work_dir;  // existing directory for the runs
    std::string json_out;  // empty: no JSON report
    uint64_t window = 4, max_cycles = 0;
    bool waveforms = true;      // on a mismatch, write both sides' VCDs (builds a traced runner)
    std::string vcd_dir;        // --vcd: every layer's waveforms here, also on a passing run
    bool reference = false;     // also compare the SystemC outputs with the workloads reference
    RunnerCacheOptions traced;  // how to build the traced runner (waveforms)
    std::string top = "core";   // the runner's top: "axi" compares with compare_axi_layer
    bool axi_backpressure = false;  // the AXI runner's readies drop (fixed seed)
    std::FILE* out = stdout;        // the report: summary, or the first mismatch and its trace
};

struct CheckResult {
    bool match = true;
    std::string first;  // the first mismatch in one line ("layer conv (output): word 3 ...")
    uint64_t outputs = 0, cycles = 0;
};

// Both sides' inputs and the SystemC side's results of the target's layers, as `check_target`
// compares them and the standalone testbench (verify/testbench.h) embeds them: the full
// functional run (every layer's stored output), each compared layer run isolated (its events and
// codes in write order), its output address and its RTL job (block image and descriptor).
struct LayerRuns {
    std::vector<std::vector<int64_t>> full;  // Tensors (sc_side.h)
    std::vector<ScLayerRun> sc;
    std::vector<uint64_t> out_addr;
    std::vector<RtlLayerJob> jobs;
};
LayerRuns run_layers(const VerifyTarget& t);

// The RTL deadlock guard of a layer whose SystemC run ends at `systemc_end_cycle`: the edges the
// RTL may run without done_o before the layer counts as stuck (--max-cycles' default).
inline uint64_t deadlock_guard(uint64_t systemc_end_cycle) {
    return 64 * systemc_end_cycle + 100000;
}

// Verifies the target's layers on `runner` (the Verilated RTL of t.rtl_cfg): SystemC full run,
// each layer isolated on both sides, compared item by item; prints the report to o.out.
CheckResult check_target(const VerifyTarget& t, const RunnerBuild& runner, const CheckOptions& o);

}  // namespace edgesa::verify
