#!/usr/bin/env bash
# Sweep throughput: the 200-point seed-design sweep on ResNet-18 (sweeps/seed_resnet18_200.yaml,
# timing mode) with -j1 and -j2; prints points per minute and the driver's own time per point.
#   bench/sweep_resnet18.sh [path/to/edgesa] [jobs...]     (default: build/app/edgesa, jobs 1 2)
set -euo pipefail
cd "$(dirname "$0")/.."
EDGESA=$(realpath "${1:-build/app/edgesa}")
shift || true
JOBS=("$@")
[ ${#JOBS[@]} -gt 0 ] || JOBS=(1 2)
OUT=$(mktemp -d /tmp/edgesa_sweep_bench.XXXXXX)
for j in "${JOBS[@]}"; do
  start=$(date +%s.%N)
  "$EDGESA" sweep sweeps/seed_resnet18_200.yaml --db "$OUT/j$j.sqlite" -j "$j" > "$OUT/j$j.log"
  end=$(date +%s.%N)
  n=$(sqlite3 "$OUT/j$j.sqlite" "select count(*) from points where status = 'ok'")
  total=$(sqlite3 "$OUT/j$j.sqlite" "select count(*) from points")
  driver=$(grep -o 'driver time [0-9.]* ms/point' "$OUT/j$j.log")
  awk -v j="$j" -v n="$n" -v t="$total" -v s="$start" -v e="$end" -v d="$driver" \
    'BEGIN { w = e - s; printf "-j%s: %d points (%d ok) in %.1f s = %.1f points/min; %s\n", j, t, n, w, t / w * 60, d }'
done
echo "databases and logs: $OUT"
