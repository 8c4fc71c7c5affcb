#!/bin/sh
# Simulator speed: simulated cycles/s and MACs/s of `edgesa run` on zoo models (docs/performance.md).
# usage: bench/sim_speed.sh EDGESA_BINARY [CONFIG] [MODELS...]   (one core; not a test)
set -eu
bin=${1:?usage: sim_speed.sh EDGESA_BINARY [CONFIG] [MODELS...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
config=${1:-$here/../configs/seed_64x32_q3.13.yaml}
[ $# -gt 0 ] && shift
models=${*:-alexnet resnet50 vgg16}
printf '%-10s %-10s %14s %16s %9s %14s %14s\n' model mode cycles MACs wall_s cycles/s MACs/s
for model in $models; do
  for mode in timing functional; do
    out=$(mktemp)
    start=$(date +%s.%N)
    if ! taskset -c 0 "$bin" run --config "$config" --workload "$model" --mode "$mode" >"$out" 2>&1; then
      printf '%-10s %-10s %s\n' "$model" "$mode" "failed: $(tail -1 "$out")"
      rm -f "$out"
      continue
    fi
    end=$(date +%s.%N)
    awk -v m="$model" -v mode="$mode" -v s="$start" -v e="$end" '
      /^total:/ { cycles = $2; macs = $10 }
      END { w = e - s; printf "%-10s %-10s %14.0f %16.0f %9.2f %14.0f %14.0f\n", m, mode, cycles, macs, w, cycles / w, macs / w }' "$out"
    rm -f "$out"
  done
done
