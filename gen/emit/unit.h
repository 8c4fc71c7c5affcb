#pragma once
// What every emitter receives and returns: the validated config plus generator options in, one
// Verilog-2005 module (file name, module name, body text without the header) out.
#include <set>
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "hw/hw_layout.h"

namespace edgesa::gen {

// Deliberate bugs that only the tests' fault-injection runs switch on (never the normal build):
// they show that the equivalence tests catch a broken unit.
enum class Fault {
    kTreeExtraStage,
    kCompressorRoundFlip,
    kMulRoundFlip,
    kAddNoSticky,
    kConvertRoundFlip,
    kAxiShortRead
};

struct GenContext {
    const AccelConfig& cfg;
    std::set<Fault> faults;
    hw::HwLayout hw;  // hw::layout(cfg): every derived width, size and offset
    bool has(Fault f) const { return faults.count(f) != 0; }
};

// One generated Verilog file; `body` starts at `module` (the header is added by the writer).
struct VerilogUnit {
    std::string module;
    std::string purpose;  // one line, goes into the header and the README
    std::string body;
    // A header that modules `include (edgesa_hw_params.vh): not a compilation unit, so files.f
    // and the synthesis file list leave it out.
    bool include_only = false;
    std::string file_name() const { return module + (include_only ? ".vh" : ".v"); }
};

// Every emitter has this signature; gen/generator.cpp lists them in dependency order.
using Emitter = VerilogUnit (*)(const GenContext&);

}  // namespace edgesa::gen
