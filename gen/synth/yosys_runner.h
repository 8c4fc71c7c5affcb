#pragma once
// Runs yosys on a generated design and reads back its figures (`edgesa synth`): cells,
// flip-flops, LUTs, DSPs, block and LUT RAMs and, for the generic target, the `stat -tech cmos`
// transistor estimate. The script also proves the design clean: `check -assert` (no multiple
// drivers, no undriven or combinational-loop wires) and no latch cells after `proc`.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace edgesa::gen {

enum class SynthTarget { kGeneric, kXilinx, kIce40 };

struct SynthResult {
    std::string top;
    std::string target;
    int64_t cells = 0, flip_flops = 0, luts = 0, dsps = 0;
    // Inferred memories: block RAM primitives (xilinx RAMB18/RAMB36, ice40 SB_RAM40_4K) and
    // distributed LUT RAM primitives (xilinx RAM32M, RAM64M, RAM*X1*; ice40 has none).
    int64_t block_rams = 0, lut_rams = 0;
    std::string
        cmos_transistors;  // yosys' estimate ("n/a" off the generic target; "+" = lower bound)
    std::map<std::string, int64_t> cells_by_type;
    // yosys' own account at the end of its log (user + system CPU seconds, peak resident MB; 0 if
    // the log has no such line) and the wall time of the whole run.
    double cpu_seconds = 0, peak_mb = 0, wall_seconds = 0;
    // Logic depth: the longest register-to-register (or port) path of the flattened netlist in
    // yosys `ltp -noff` steps (every mapped cell on it counts one: a LUT, a MUXF7/8, a carry
    // block, a DSP), and the instances of the top it crosses, in order. A structural estimate,
    // not a timing (docs/fpga.md, "Timing").
    int64_t logic_depth = 0;
    std::vector<std::string> critical_path_units;
};

// Reads `ltp -noff` output into logic_depth and critical_path_units.
void parse_ltp(const std::string& ltp_text, SynthResult& r);

// Reads "CPU: user Us system Ss, MEM: M MB peak" from a yosys log into cpu_seconds and peak_mb.
void parse_yosys_usage(const std::string& log_text, SynthResult& r);

// What the place-and-route flow adds to the script (docs/fpga.md).
struct YosysExtras {
    std::string netlist_json;  // non-empty: write_json of the synthesised netlist (nextpnr input)
    bool ice40_dsp = false;    // synth_ice40 -dsp: multipliers into SB_MAC16 (UP5K)
    // synth_ice40 -abc9 -dff -nocarry: map for LCs (abc9 with flip-flops in the mapping, adders
    // in LUTs instead of SB_CARRY chains, whose carry-only cells cost LCs), at a lower Fmax
    bool ice40_area = false;
};

// Builds the yosys script for `files` (Verilog, dependency order) with `top`.
std::string yosys_script(const std::vector<std::string>& files, const std::string& top,
                         SynthTarget target, const std::string& stat_json,
                         const YosysExtras& extras = {});
// Runs yosys in `work_dir` (script, log and stat JSON go there). Throws std::runtime_error with
// the tail of the yosys log when synthesis or a check fails.
SynthResult run_yosys(const std::vector<std::string>& files, const std::string& top,
                      SynthTarget target, const std::string& work_dir,
                      const YosysExtras& extras = {});

const char* to_string(SynthTarget t);

}  // namespace edgesa::gen
