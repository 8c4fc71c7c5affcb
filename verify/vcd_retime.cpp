#include "vcd_retime.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/atomic_file.h"

namespace edgesa::verify {

void retime_rtl_vcd(const std::string& path, uint64_t half_period_ps) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string out, line;
    bool in_timescale = false, have_time = false;
    uint64_t last = 0;
    while (std::getline(in, line)) {
        if (line.rfind("$timescale", 0) == 0) {
            // "$timescale 1ps $end" on one line, or the value on the next lines.
            out += "$timescale 1ps $end\n";
            in_timescale = line.find("$end") == std::string::npos;
            continue;
        }
        if (in_timescale) {
            in_timescale = line.find("$end") == std::string::npos;
            continue;
        }
        if (!line.empty() && line[0] == '#') {
            const uint64_t step = std::stoull(line.substr(1));
            const uint64_t t = (step > 2 ? step - 2 : 0) * half_period_ps;
            if (have_time && t == last) continue;  // the reset steps share time 0
            have_time = true;
            last = t;
            out += "#" + std::to_string(t) + "\n";
            continue;
        }
        out += line + "\n";
    }
    write_file_atomic(path, out);
}

}  // namespace edgesa::verify
