#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on a shipped example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
./build/app/edgesa config check configs/seed_64x32_q3.13.yaml
