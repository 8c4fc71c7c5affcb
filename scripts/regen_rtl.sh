#!/usr/bin/env bash
# Regenerates the checked-in Verilog of every named config in rtl/named_configs.yaml.
# Usage (from anywhere): scripts/regen_rtl.sh [path/to/edgesa]
set -euo pipefail
cd "$(dirname "$0")/.."
EDGESA=${1:-${EDGESA_BIN:-build/app/edgesa}}
grep -E '^\s*- name:' rtl/named_configs.yaml | sed 's/.*name:\s*//' | while read -r name; do
  config=$(grep -A1 -E "name:\s*${name//./\\.}\s*$" rtl/named_configs.yaml | sed -n 's/.*config:\s*//p')
  rm -rf "rtl/${name}"
  "$EDGESA" gen --config "$config" -o "rtl/${name}"
done
