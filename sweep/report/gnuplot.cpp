#include "report/gnuplot.h"

#include <filesystem>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "io/atomic_file.h"
#include "run/process_pool.h"

namespace edgesa::sweep {

namespace fs = std::filesystem;

std::string gp_quote(const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return q + "\"";
}

void gnuplot_plot(const std::string& dir, const std::string& name, const std::string& body,
                  bool png, std::vector<std::string>& files) {
    std::vector<std::pair<std::string, std::string>> terms;
    if (png) terms.push_back({"pngcairo size 900,600", "png"});
    terms.push_back({"svg size 900,600 dynamic", "svg"});
    for (const auto& [term, ext] : terms) {
        const std::string out = dir + "/" + name + "." + ext;
        const std::string script = dir + "/" + name + "." + ext + ".gp";
        write_file_atomic(
            script,
            fmt::format("cd {}\nset terminal {}\nset output {}\n"
                        // Names such as adder_trees are not subscripts; ten distinct colours.
                        "set termoption noenhanced\nset linetype 9 lc rgb '#8c564b'\n"
                        "set linetype 10 lc rgb '#7f7f7f'\nset linetype cycle 10\n"
                        "set grid\nset key outside right top\n{}",
                        gp_quote(dir), term, gp_quote(out + ".tmp"), body));
        const ChildOutcome o = run_child({{"gnuplot", script}, dir + "/gnuplot.log", 60});
        if (!o.started || o.exit_code != 0 || !fs::exists(out + ".tmp"))
            throw std::runtime_error("gnuplot failed for " + script + ": " +
                                     log_tail(dir + "/gnuplot.log"));
        fs::rename(out + ".tmp", out);
        fs::remove(script);
        files.push_back(name + "." + ext);
    }
}

}  // namespace edgesa::sweep
