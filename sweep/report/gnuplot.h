#pragma once
// Runs gnuplot on a script body in a report folder and renames the output into place (atomic).
// Shared by `edgesa sweep report` and `edgesa run --report`.
#include <string>
#include <vector>

namespace edgesa::sweep {

// Quoted for a gnuplot string literal.
std::string gp_quote(const std::string& s);

// Writes `name`.<ext> into `dir` for each terminal ("svg" always; "png" when `png`), appending
// the file names to `files`. `body` runs after the terminal, output, grid and key settings, with
// `dir` as the working directory (data files by plain name). Throws with gnuplot's log on failure.
void gnuplot_plot(const std::string& dir, const std::string& name, const std::string& body,
                  bool png, std::vector<std::string>& files);

}  // namespace edgesa::sweep
