#pragma once
// The library units: config-independent modules kept as real Verilog files in gen/rtl/ and
// embedded into the generator at build time (gen/embed_rtl.cmake), so `edgesa gen` needs no source
// tree. Their emitters (gen/emit/library.cpp) copy the file; a fault injection patches the copy.
#include <string>
#include <utility>
#include <vector>

#include "unit.h"

namespace edgesa::gen {

struct LibraryFile {
    const char* name;  // "edgesa_fp32_mul.v"
    const char* text;  // the file, byte for byte
};
// Every gen/rtl/*.v file, sorted by name (defined in the build tree's rtl_library_data.cpp).
const std::vector<LibraryFile>& rtl_library();

// One exact text replacement of a fault injection: `from` must occur exactly once.
using Patch = std::pair<std::string, std::string>;

// The unit of library module `module`: its purpose from the file's first line
// ("// <module>: <purpose>."), its text with `patches` applied. Throws std::logic_error on an
// unknown module or a patch that does not match exactly once (a fault must never silently vanish).
VerilogUnit library_unit(const std::string& module, const std::vector<Patch>& patches = {});

}  // namespace edgesa::gen
