#!/usr/bin/env bash
# Fails when a tracked C++ file differs from clang-format's output (.clang-format at the root).
# Fix: bash scripts/check_format.sh --fix   (rewrites the files in place)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.hpp' | grep -v '^rtl/')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/edgesa_format.$$; then
  grep -E "^[^ ].*: (error|warning):" /tmp/edgesa_format.$$ | cut -d: -f1 | sort -u | head -20
  rm -f /tmp/edgesa_format.$$
  echo "clang-format: the files above are not formatted; fix with: bash scripts/check_format.sh --fix"
  exit 1
fi
rm -f /tmp/edgesa_format.$$
echo "clang-format: ${#files[@]} files clean"
