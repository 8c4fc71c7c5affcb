#pragma once
// Puts the Verilated runner's VCD on the SystemC waveform's time axis: the runner dumps one time
// step per eval (two reset evals, then edge k at step 2 + 2k and its falling half at 3 + 2k);
// SystemC dumps edge k at k x clock period in picoseconds (sim clock_period). Rewriting the file
// here keeps the runner, and so every cached runner build, unchanged.
#include <cstdint>
#include <string>

namespace edgesa::verify {

// Rewrites `path` in place: timescale 1 ps, step t at max(0, t - 2) x half_period_ps.
void retime_rtl_vcd(const std::string& path, uint64_t half_period_ps);

}  // namespace edgesa::verify
