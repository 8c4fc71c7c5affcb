#pragma once
// Reading what yosys, nextpnr and icepack wrote (logs, stat and report JSON): the whole file, or
// "" when the tool did not write it (the callers check for the file or report the log's tail).
#include <fstream>
#include <sstream>
#include <string>

namespace edgesa::gen {

inline std::string read_tool_output(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace edgesa::gen
