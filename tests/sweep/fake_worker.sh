#!/bin/sh
# Stands in for the edgesa binary in sweep tests (EDGESA_SWEEP_WORKER=this script), so failed,
# crashed, hanging and slow points can be produced on demand:
#   run --config CONFIG --workload TRACE --mode M --json OUT   behaviour picked by array.rows in CONFIG:
#       3 -> exit 1 with a message, 5 -> SIGSEGV, 7 -> hang (timeout), 9 -> exit 0 without JSON,
#       11 -> exit 2 (bad input); otherwise writes a result JSON whose numbers depend on the config.
#   trace zoo NAME -o OUT / trace OP IN -o OUT --ARG V ...   write a fake trace file.
# FAKE_WORKER_SLEEP=seconds slows every run (to kill a sweep mid-run).
set -eu
if [ "$1" = "trace" ]; then
  op=$2
  if [ "$op" = "zoo" ]; then printf 'zoo %s\n' "$3" > "$5"; exit 0; fi
  in=$3; out=$5; shift 5
  { cat "$in"; printf '%s %s\n' "$op" "$*"; } > "$out"
  exit 0
fi
[ "$1" = "run" ] || { echo "fake_worker: unknown command $1" >&2; exit 1; }
config=$3; trace=$5; out=$9
val() { awk -v sec="$1" -v key="$2" '/^[a-z_]+:/{s=$1} s==sec":" && $1==key":" {print $2; exit}' "$config"; }
rows=$(val array rows); width=$(val array width); depth=$(val array buffer_depth)
[ -n "${FAKE_WORKER_SLEEP:-}" ] && sleep "$FAKE_WORKER_SLEEP"
case "$rows" in
  3) echo "fake_worker: simulated internal error" >&2; exit 1 ;;
  5) echo "fake_worker: about to crash" >&2; kill -SEGV $$ ;;
  7) sleep 60 ;;
  9) exit 0 ;;
  11) echo "$config:1:1: array.rows = 11: rejected by the fake worker" >&2; exit 2 ;;
esac
tlen=$(wc -c < "$trace")
cycles=$(( 1000000 / (rows * width) + 100 * depth + tlen ))
energy=$(( rows * width * 10 + 50000 / depth ))
cat > "$out" <<JSON
{"edgesa_version": "0.1.0", "config_hash": "fake", "workload_hash": "fake", "mode": "timing",
 "workload": "$trace", "config": {},
 "totals": {"cycles": $cycles, "time_ms": $cycles, "macs": 1000000, "utilization": 0.5, "energy_pj": $energy,
   "dram_read_bytes": 10, "dram_write_bytes": 5, "dram_bytes_saved_by_compression": 0,
   "stall_cycles": {"memory": 1, "weight_fill": 2, "decompressor": 3, "writeback": 4}},
 "layers": [
   {"name": "conv1", "type": "conv2d", "device": 0, "branch": -1, "start_cycle": 0, "end_cycle": $cycles,
    "cycles": $cycles, "macs": 600000, "utilization": 0.6, "dram_read_bytes": 6, "dram_write_bytes": 3,
    "energy_pj": 1.0, "stall_cycles": {"memory": 1, "weight_fill": 0, "decompressor": 0, "writeback": 0}},
   {"name": "fc", "type": "fc", "device": 0, "branch": -1, "start_cycle": $cycles, "end_cycle": $cycles,
    "cycles": 10, "macs": 400000, "utilization": 0.3, "dram_read_bytes": 4, "dram_write_bytes": 2,
    "energy_pj": 2.0, "stall_cycles": {"memory": 0, "weight_fill": 0, "decompressor": 0, "writeback": 0}}],
 "stats": {"dev0": {"array": {"macs": {"value": 1000000, "unit": "MAC", "description": "multiply-accumulates"}}}}}
JSON
