#!/usr/bin/env bash
# Runs every verify-matrix entry (configs/verify/matrix.yaml) as a standalone iverilog testbench:
# edgesa gen --testbench, then iverilog and vvp in the generated folder (docs/fpga.md).
# Usage (from anywhere): scripts/tb_matrix.sh [--slow] [path/to/edgesa]
# Prints one line per entry; exits 1 when any entry fails. Work folders: $TMPDIR/edgesa-tb-matrix.
set -uo pipefail
cd "$(dirname "$0")/.."
SLOW=0
if [ "${1:-}" = "--slow" ]; then SLOW=1; shift; fi
EDGESA=$(realpath "${1:-${EDGESA_BIN:-build/app/edgesa}}")
WORK=${TMPDIR:-/tmp}/edgesa-tb-matrix
M=configs/verify/matrix.yaml
fail=0
while IFS= read -r line; do
  name=$(sed -n 's/.*name: \([^,}]*\).*/\1/p' <<<"$line")
  key=$(sed -n 's/.*config: \([^,}]*\).*/\1/p' <<<"$line")
  workload=$(sed -n 's/.*workload: \([^,}]*\).*/\1/p' <<<"$line")
  layers=$(sed -n 's/.*layers: \([^,}]*\).*/\1/p' <<<"$line")
  if grep -q "label: slow" <<<"$line" && [ "$SLOW" = 0 ]; then continue; fi
  # The testbench drives edgesa_top; the `top: axi` entries are the same layers behind AXI.
  if grep -q "top: axi" <<<"$line"; then continue; fi
  config=$(grep -E "^  ${key//./\\.}: \{file: " "$M" | sed 's/.*file: \([^,}]*\).*/\1/')
  dir="$WORK/$name"
  rm -rf "$dir"
  args=(gen --config "$config" -o "$dir" --testbench --workload "$workload")
  [ -n "$layers" ] && args+=(--layers "$layers")
  if ! "$EDGESA" "${args[@]}" >/dev/null 2>"$WORK.err"; then
    echo "$name: edgesa gen failed: $(tail -1 "$WORK.err")"; fail=1; continue
  fi
  start=$(date +%s)
  out=$(cd "$dir" && iverilog -g2005 -o tb_edgesa.vvp -f files.f tb_edgesa.v 2>&1 && vvp -n tb_edgesa.vvp 2>&1)
  rc=$?
  printf '%-32s %4ss  %s\n' "$name" "$(( $(date +%s) - start ))" "$(tail -1 <<<"$out")"
  [ $rc -eq 0 ] || { fail=1; grep "FAIL" <<<"$out" | head -2; }
done < <(grep -E '^\s*- \{name: ' "$M")
exit $fail
