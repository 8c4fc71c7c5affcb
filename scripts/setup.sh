#!/usr/bin/env bash
# Installs the Debian 12 packages edgesa needs (only the missing ones) and builds it in build/.
# Used by scripts/run.sh and scripts/test.sh; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config git ccache
  libsystemc-dev verilator yosys iverilog nextpnr-ice40 fpga-icestorm
  libyaml-cpp-dev catch2 libfmt-dev libboost-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev sqlite3 gnuplot-nox jq
  libonnx-dev libprotobuf-dev protobuf-compiler
  python3-onnx python3-numpy
  pybind11-dev python3-dev python3-pytest python3-matplotlib python3-pandas
  clang libclang-rt-14-dev clang-format
  chromium slurm-wlm munge
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

JOBS=${EDGESA_JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$JOBS"
