#!/usr/bin/env bash
# Runs every case of tests/data/bad/MANIFEST through the real binary (docs/testing.md):
#   the exit code must be the expected one (never a signal: no crash), the first stderr line must
#   start with the expected text, no case may take more than 60 s (no hang), and no case may
#   create, change or remove any file (no partial output, no overwritten input).
# usage: run_bad_corpus.sh EDGESA_BINARY CORPUS_DIR [FILTER]   (FILTER: only lines containing it)
#        EDGESA_BAD_VERBOSE=1 also prints every passing case's error line.
set -uo pipefail
bin=$(realpath "$1")
corpus=$(realpath "$2")
filter=${3:-}
scratch=$(mktemp -d /tmp/edgesa_bad.XXXXXX)
err=$(mktemp /tmp/edgesa_bad_err.XXXXXX)
trap 'rm -rf "$scratch" "$err"' EXIT
cp -r "$corpus"/. "$scratch"/
cd "$scratch"
bash generate.sh
# Files with size and time, folders by name (a temporary made and removed changes only a folder's time).
listing() { find . \( -type f -printf '%p %s %T@\n' \) -o \( -type d -printf '%p/\n' \) | sort; }
before=$(listing)
pass=0
fail=0
while IFS=$'\t' read -r want prefix args comment; do
  case "$want" in '#'* | '') continue ;; esac
  if [ -n "$filter" ] && [[ "$prefix $args $comment" != *"$filter"* ]]; then continue; fi
  eval "set -- $args"
  timeout 60 "$bin" "$@" >/dev/null 2>"$err"
  rc=$?
  first=$(head -n 1 "$err" | cut -c1-400)
  why=""
  [ "$rc" -eq 124 ] && why="timed out after 60 s"
  [ -z "$why" ] && [ "$rc" -ge 128 ] && why="killed by signal $((rc - 128))"
  [ -z "$why" ] && [ "$rc" -ne "$want" ] && why="exit $rc, expected $want"
  [ -z "$why" ] && [[ "$first" != "$prefix"* ]] && why="first stderr line does not start with '$prefix'"
  after=$(listing)
  if [ -z "$why" ] && [ "$after" != "$before" ]; then
    why="files changed: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -3 | tr '\n' ' ')"
    rm -rf out/* gen/*.work 2>/dev/null
    before=$(listing)
  fi
  if [ -n "$why" ]; then
    fail=$((fail + 1))
    echo "FAIL: edgesa ${args:0:200}  ${comment}"
    echo "      $why"
    echo "      stderr: ${first:0:300}"
  else
    pass=$((pass + 1))
    [ -n "${EDGESA_BAD_VERBOSE:-}" ] && echo "ok $rc: ${first:0:200}"
  fi
done <MANIFEST
echo "bad-input corpus: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
