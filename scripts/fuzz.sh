#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang, ASan + UBSan) in build-fuzz/ and runs each for
# SECONDS (default 60), one at a time. A crash, leak, timeout or out-of-memory fails the script;
# the reproducer is kept in fuzz/crashes/<harness>/ and printed (base64) so a CI log holds it.
#   bash scripts/fuzz.sh [SECONDS]
#   EDGESA_FUZZ_ONLY="npy trace" bash scripts/fuzz.sh 600   # some harnesses only
#   EDGESA_FUZZ_ONNX=1 ...  also the ONNX importer skeleton (issue 16 owns its fixes)
# Reproduce one: build-fuzz/fuzz/fuzz_<harness> fuzz/crashes/<harness>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
build=${EDGESA_FUZZ_BUILD:-build-fuzz}
jobs=${EDGESA_JOBS:-$(nproc)}
harnesses=(${EDGESA_FUZZ_ONLY:-config format npy trace sweep_spec})
[ "${EDGESA_FUZZ_ONNX:-0}" = 1 ] && harnesses+=(onnx)

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S . -B "$build" -DEDGESA_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build "$build" -j "$jobs" "${targets[@]}"

failed=()
for h in "${harnesses[@]}"; do
  work="$build/fuzz-corpus/$h"
  crashes="fuzz/crashes/$h"
  mkdir -p "$work" "$crashes"
  log="$build/fuzz-$h.log"
  echo "== fuzz_$h for ${secs} s (log: $log)"
  # -timeout: one input may take at most 30 s of wall time (a hang; CI machines are shared); -rss_limit_mb: the memory bound.
  if ! "$build/fuzz/fuzz_$h" -seed=1 -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -malloc_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "fuzz/corpus/$h" >"$log" 2>&1; then
    failed+=("$h")
    grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -20 || true
    for f in "$crashes"/*; do
      [ -f "$f" ] || continue
      echo "reproducer $f ($(stat -c %s "$f") bytes), base64:"
      head -c 4096 "$f" | base64 -w 0
      echo
    done
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$log" | tr '\n' ' ' || true
  echo
  # Inputs over libFuzzer's 10 s slow-unit mark do not fail the run (machines are shared), but
  # they are worth a look: one was a 15-byte config that printed a million error lines.
  for f in "$crashes"/slow-unit-*; do
    [ -f "$f" ] && echo "slow input (> 10 s): $f ($(stat -c %s "$f") bytes)"
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing FAILED: ${failed[*]} (reproducers in fuzz/crashes/)"
  exit 1
fi
echo "fuzzing: ${#harnesses[@]} harnesses ran ${secs} s each without a finding"
