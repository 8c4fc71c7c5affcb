#!/bin/sh
# Simulator speed: simulated cycles/s and MACs/s of `edgesa run` on zoo models (docs/performance.md).
# usage: bench/sim_speed.sh EDGESA_BINARY [CONFIG] [MODELS...]   (not a test)
# Environment: CPU (core to pin to, default 1), REPEAT (runs per point, the best wall time is
# reported; default 3), MODES (default "timing functional"), EXTRA (more `edgesa run` arguments,
# e.g. --no-skip).
set -eu
bin=${1:?usage: sim_speed.sh EDGESA_BINARY [CONFIG] [MODELS...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
config=${1:-$here/../configs/seed_64x32_q3.13.yaml}
[ $# -gt 0 ] && shift
models=${*:-alexnet resnet50 vgg16}
cpu=${CPU:-1}
repeat=${REPEAT:-3}
modes=${MODES:-timing functional}
extra=${EXTRA:-}
printf '%-10s %-10s %14s %16s %9s %9s %14s %14s\n' model mode cycles MACs wall_s user_s cycles/s MACs/s
for model in $models; do
  for mode in $modes; do
    out=$(mktemp)
    best=""
    best_user=""
    i=0
    while [ "$i" -lt "$repeat" ]; do
      i=$((i + 1))
      start=$(date +%s.%N)
      # shellcheck disable=SC2086
      if ! /usr/bin/time -f '%U' -o "$out.time" taskset -c "$cpu" "$bin" run --config "$config" \
          --workload "$model" --mode "$mode" $extra >"$out" 2>&1; then
        printf '%-10s %-10s %s\n' "$model" "$mode" "failed: $(tail -1 "$out")"
        best=""
        break
      fi
      end=$(date +%s.%N)
      wall=$(echo "$end - $start" | bc)
      user=$(tail -1 "$out.time")
      if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall; fi
      if [ -z "$best_user" ] || [ "$(echo "$user < $best_user" | bc)" = 1 ]; then best_user=$user; fi
    done
    if [ -n "$best" ]; then
      awk -v m="$model" -v mode="$mode" -v w="$best" -v u="$best_user" '
        /^total:/ { cycles = $2; macs = $10 }
        END { printf "%-10s %-10s %14.0f %16.0f %9.2f %9.2f %14.0f %14.0f\n", m, mode, cycles, macs, w, u, cycles / w, macs / w }' "$out"
    fi
    rm -f "$out" "$out.time"
  done
done
