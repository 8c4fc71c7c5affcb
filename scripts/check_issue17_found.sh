#!/usr/bin/env bash
# Re-checks issue 17's "Found" list against a built binary, end to end (docs/testing.md).
# Most of the list is in the bad-input corpus (tests/data/bad/MANIFEST), which this script runs
# first; it then runs the items the corpus cannot hold: the ONNX importer's malformed files
# (tests/data/onnx/bad_*.onnx), `trace import -o` onto its input, the two cost findings
# (`trace show` of 20,000 layers, `run --images 4096`) and the sweeps that must succeed (fp32 base
# config, a zipped axis). Every case must exit with the expected code within 60 s (no signal),
# print an error line that starts as expected, print no bare library text, stay within its time
# bound, and leave its inputs unchanged.
#   bash scripts/check_issue17_found.sh [BUILD_DIR]      (default: build)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$(realpath "${1:-build}/app/edgesa")
[ -x "$bin" ] || { echo "no binary at $bin (build the edgesa target first)"; exit 1; }
scratch=$(mktemp -d /tmp/edgesa_found17.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
fail=0
pass=0

echo "== the bad-input corpus (tests/data/bad/MANIFEST)"
if bash tests/badinput/run_bad_corpus.sh "$bin" tests/data/bad | tail -3; then :; else fail=$((fail + 1)); fi

# The text of a library or runtime that must never reach the user.
bare='terminate called|what\(\)|stoll|_M_range_check|bad_alloc|max_size\(\)|type_error|filesystem error|Sanitizer|Segmentation|Aborted|core dumped'

# case EXIT PREFIX SECONDS -- ARGS...: runs edgesa ARGS in $scratch; PREFIX must start the first
# stderr line (exit != 0) or appear in stdout (exit 0); SECONDS bounds the CPU time.
case_() {
  local want=$1 prefix=$2 max_s=$3
  shift 4
  local t0 t1 rc why=""
  t0=$(date +%s.%N)
  (cd "$scratch" && timeout 60 "$bin" "$@" >out.txt 2>err.txt)
  rc=$?
  t1=$(date +%s.%N)
  local secs first
  secs=$(echo "$t1 - $t0" | bc)
  first=$(head -n 1 "$scratch/err.txt" | cut -c1-300)
  [ "$rc" -eq 124 ] && why="timed out after 60 s"
  [ -z "$why" ] && [ "$rc" -ge 128 ] && why="killed by signal $((rc - 128))"
  [ -z "$why" ] && [ "$rc" -ne "$want" ] && why="exit $rc, expected $want"
  if [ -z "$why" ] && [ "$want" -ne 0 ] && [[ "$first" != "$prefix"* ]]; then
    why="first stderr line does not start with '$prefix'"
  fi
  if [ -z "$why" ] && [ "$want" -eq 0 ] && ! grep -qF -- "$prefix" "$scratch/out.txt"; then
    why="stdout lacks '$prefix'"
  fi
  [ -z "$why" ] && grep -qE "$bare" "$scratch/err.txt" && why="bare library text on stderr"
  [ -z "$why" ] && [ "$(echo "$secs > $max_s" | bc)" = 1 ] && why="took ${secs} s (bound ${max_s} s)"
  if [ -n "$why" ]; then
    fail=$((fail + 1))
    echo "FAIL: edgesa $*"
    echo "      $why; stderr: $first"
  else
    pass=$((pass + 1))
    local args="$*"
    printf 'ok   exit %s  %5.1f s  edgesa %s\n' "$rc" "$secs" "${args:0:110}"
    [ -n "$first" ] && printf '       %s\n' "${first:0:150}"
  fi
}

echo "== ONNX importer (issue 16 fixed the importer; these are the Found items)"
cp "$root"/tests/data/onnx/bad_*.onnx "$root"/tests/data/onnx/tiny.onnx "$scratch"/
for f in "$root"/tests/data/onnx/bad_*.onnx; do
  b=$(basename "$f")
  case_ 2 "$b:" 30 -- trace import "$b" -o "out_${b%.onnx}.yaml"
  [ -e "$scratch/out_${b%.onnx}.yaml" ] && { fail=$((fail + 1)); echo "FAIL: $b left a partial trace"; }
done

echo "== outputs never overwrite inputs"
sum=$(md5sum <"$scratch/tiny.onnx")
case_ 2 "<command line>: --output = tiny.onnx: is also an input" 10 -- trace import tiny.onnx -o tiny.onnx
[ "$(md5sum <"$scratch/tiny.onnx")" = "$sum" ] || { fail=$((fail + 1)); echo "FAIL: tiny.onnx changed"; }

echo "== cost: near-linear in layers, --images at its documented maximum"
python3 - "$scratch/chain.yaml" <<'EOF'
import sys
layers = ''.join(f'  - {{name: a{i}, type: activation, function: relu, inputs: [{"input" if i == 0 else f"a{i-1}"}]}}\n'
                 for i in range(20000))
open(sys.argv[1], 'w').write('edgesa_trace: 1\nname: chain\ninput: {shape: [3, 8, 8], format: fp32}\nlayers:\n' + layers)
EOF
case_ 0 "chain" 10 -- trace show chain.yaml
case_ 0 "cycles" 60 -- run --config "$root/configs/seed_64x32_q3.13.yaml" --workload lenet5 --images 4096

echo "== sweeps"
cat >"$scratch/zip.yaml" <<EOF
name: zip_first_checked
base_config: $root/configs/seed_64x32_q3.13.yaml
workloads:
  - zoo: lenet5
axes:
  - zip:
      - {param: compute.type, values: [fp32, q3.13]}
      - {param: compute.product_bits, values: [32, 24]}
EOF
case_ 0 "done: 2 points, 0 skipped, 2 ran, 0 failed" 60 -- sweep zip.yaml --db zip.sqlite -j 2 --timing-only
case_ 0 "done: 4 points, 0 skipped, 4 ran, 0 failed" 60 -- \
  sweep "$root/tests/badinput/data/fp32_sweep.yaml" --db fp32.sqlite -j 2 --timing-only
# A sweep whose every point is invalid, or whose constraints drop every point: in the corpus.

echo "issue 17 Found list: $pass extra cases passed, $fail failed"
[ "$fail" -eq 0 ]
