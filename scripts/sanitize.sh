#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer build of the fast test set (docs/testing.md):
# builds in build-asan/ with -DEDGESA_SANITIZE=ON and runs every non-slow test there.
#   bash scripts/sanitize.sh [CTEST REGEX]     e.g. bash scripts/sanitize.sh 'config|bad_input'
#   EDGESA_ASAN_TARGETS="edgesa test_config" bash scripts/sanitize.sh   only these targets (and
#       the tests they hold; tests of targets not built, the Python module's and the verify_*
#       Verilator runs are skipped)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${EDGESA_ASAN_BUILD:-build-asan}
jobs=${EDGESA_JOBS:-$(nproc)}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DEDGESA_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
targets=()
for t in ${EDGESA_ASAN_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build" -j "$jobs" "${targets[@]}"
skip=()
# verify_*: each builds a Verilator model (minutes); run them with the full set.
[ ${#targets[@]} -gt 0 ] && skip=(-E 'NOT_BUILT|python|verify_')
# SystemC keeps its kernel objects alive to exit on purpose: leaks are not findings here.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
if [ -n "${1:-}" ]; then
  ctest --output-on-failure -j "$jobs" -LE slow -R "$1" "${skip[@]}"
else
  ctest --output-on-failure -j "$jobs" -LE slow "${skip[@]}"
fi
