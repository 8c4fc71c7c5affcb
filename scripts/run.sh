#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on a shipped example:
# AlexNet, LCP-split into 2 branches on 2 devices (the seed's WiFi link between them), storage
# formats chosen per tensor at 99.5% exponent coverage, simulated cycle by cycle on the seed's
# 64x32 q3.13 design. Results go to out/ (per-layer table on stdout, JSON and CSV in out/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
EDGESA=./build/app/edgesa
mkdir -p out
$EDGESA config check configs/seed_64x32_q3.13.yaml > out/seed_64x32_q3.13.resolved.yaml
$EDGESA trace zoo alexnet -o out/alexnet.yaml
$EDGESA trace split out/alexnet.yaml --lcp 2 --devices 2 -o out/alexnet_lcp2.yaml
$EDGESA trace compress out/alexnet_lcp2.yaml --coverage 0.995 --mantissa 3 -o out/alexnet_lcp2_c.yaml
$EDGESA run --config configs/seed_64x32_q3.13.yaml --workload out/alexnet_lcp2_c.yaml \
  --set system.devices=2 --json out/alexnet_lcp2_c.json --csv out/alexnet_lcp2_c.csv
