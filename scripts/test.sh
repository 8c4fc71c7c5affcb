#!/usr/bin/env bash
# The README's second command: set up, build, and run every test except the labelled slow set.
# `bash scripts/test.sh --slow` runs the slow set too. Then clang-format is checked and each
# fuzzer runs for EDGESA_FUZZ_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/check_format.sh
(
  cd build
  if [ "${1:-}" = "--slow" ]; then
    ctest --output-on-failure -j "$(nproc)"
  else
    ctest --output-on-failure -j "$(nproc)" -LE slow
  fi
)
# Every input reader under libFuzzer for a short budget (docs/testing.md); a finding fails here
# with its reproducer in fuzz/crashes/. EDGESA_FUZZ_SECONDS=0 skips it.
secs=${EDGESA_FUZZ_SECONDS:-20}
[ "$secs" -gt 0 ] && bash scripts/fuzz.sh "$secs"
exit 0
