#!/usr/bin/env bash
# The README's second command: set up, build, and run every test except the labelled slow set.
# `bash scripts/test.sh --slow` runs the slow set too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
if [ "${1:-}" = "--slow" ]; then
  ctest --output-on-failure -j "$(nproc)"
else
  ctest --output-on-failure -j "$(nproc)" -LE slow
fi
