#!/usr/bin/env bash
# The README's second command: set up, build, check clang-format, run each fuzzer for
# EDGESA_FUZZ_SECONDS (default 20), then every test except the labelled slow set.
# `bash scripts/test.sh --slow` runs the slow set too. CTest runs last so that its summary is the
# run's closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# clang-format (.clang-format at the root): an unformatted C++ file fails the run
# (fix: bash scripts/check_format.sh --fix).
bash scripts/check_format.sh
# Every input reader under libFuzzer for a short budget (docs/testing.md); a finding fails here
# with its reproducer in fuzz/crashes/. EDGESA_FUZZ_SECONDS=0 skips it.
secs=${EDGESA_FUZZ_SECONDS:-20}
if [ "$secs" -gt 0 ]; then bash scripts/fuzz.sh "$secs"; fi
cd build
if [ "${1:-}" = "--slow" ]; then
  ctest --output-on-failure -j "$(nproc)"
else
  ctest --output-on-failure -j "$(nproc)" -LE slow
fi
