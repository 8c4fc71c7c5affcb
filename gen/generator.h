#pragma once
// The Verilog generator's entry point: from a validated AccelConfig to the full file set of one
// design (one Verilog-2005 file per unit, files.f, README.md), deterministic to the byte.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "emit/unit.h"

namespace edgesa::gen {

struct GenOptions {
    std::string config_path;  // as given on the command line; printed in every header
    std::string out_dir;      // as given on the command line; printed in the regenerate command
    std::set<Fault> faults;   // debug only: deliberately broken units (tests show they are caught)
    // --testbench: the workload and layers the standalone testbench runs (part of the
    // regenerate command in every header)
    std::string tb_workload;
    std::vector<std::string> tb_layers;
};

// The banner every generated file opens with: the edgesa version, `what`, the config (path, name,
// hash) and the exact command that regenerates it, each line behind `comment` ("//", "#", "<!--").
std::string file_banner(const AccelConfig& cfg, const GenOptions& opt, const std::string& what,
                        const char* comment);

struct GeneratedFile {
    std::string name;  // relative to the output directory
    std::string text;
};

// Every file of the design, in a fixed order: units (dependencies first), then files.f, README.md.
std::vector<GeneratedFile> generate_design(const AccelConfig& cfg, const GenOptions& opt);
// The generated units alone (for tests and the lint/synth runners).
std::vector<VerilogUnit> generate_units(const AccelConfig& cfg, const std::set<Fault>& faults);
// The module name of the design's top.
std::string top_module_name();

// Writes the files into `dir` (created if missing), each atomically.
void write_design(const std::string& dir, const std::vector<GeneratedFile>& files);

std::optional<Fault> parse_fault(const std::string& name);
std::string fault_name(Fault f);
std::vector<std::string> fault_names();

}  // namespace edgesa::gen
