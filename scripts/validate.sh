#!/usr/bin/env bash
# Reproduces the research's figures with edgesa itself and writes the tables of docs/validation.md.
#
#   scripts/validate.sh [--reduced] [--out FILE] [--build DIR] [--keep DIR]
#
# Every number comes from `edgesa trace ...`, `edgesa run ... --json` and `edgesa synth --json`,
# read with jq and formatted with awk. The tables go between the marker comments
# `<!-- validate:begin NAME -->` / `<!-- validate:end NAME -->` of the output file (docs/validation.md
# by default; a FILE that does not exist yet starts from docs/validation.md); the hand-written prose
# outside the markers stays. The file is replaced atomically (written beside it, then renamed), so
# a failed run leaves it untouched.
#
# --reduced runs small workloads only (LeNet-5, ResNet-56, one VGG-16 layer, 8x8 units for the
# area): about a minute, used by the ctest test tests/validation. The full run takes longer (the
# time is printed at the end and stated in docs/validation.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build
OUT=$ROOT/docs/validation.md
REDUCED=0
KEEP=""

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "validate.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --reduced) REDUCED=1 ;;
    --out) [ $# -ge 2 ] || die "--out needs a file"; OUT=$2; shift ;;
    --build) [ $# -ge 2 ] || die "--build needs a directory"; BUILD=$2; shift ;;
    --keep) [ $# -ge 2 ] || die "--keep needs a directory"; KEEP=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
  shift
done

[ -x "$BUILD/app/edgesa" ] || die "--build $BUILD: no executable app/edgesa there (build it first)"
BUILD=$(cd "$BUILD" && pwd)
EDGESA=$BUILD/app/edgesa
case "$OUT" in /*) ;; *) OUT=$PWD/$OUT ;; esac
command -v jq >/dev/null || die "jq is missing (Debian package jq, listed in scripts/setup.sh)"
TEMPLATE=$OUT
[ -f "$TEMPLATE" ] || TEMPLATE=$ROOT/docs/validation.md
[ -f "$TEMPLATE" ] || die "no template: neither $OUT nor $ROOT/docs/validation.md exists"
MARKERS=(facts s1 s2 s3 s4 s5 s6 traces)
for s in "${MARKERS[@]}"; do
  grep -q "<!-- validate:begin $s -->" "$TEMPLATE" && grep -q "<!-- validate:end $s -->" "$TEMPLATE" ||
    die "template $TEMPLATE lacks the marker pair <!-- validate:begin $s --> / <!-- validate:end $s -->"
done

if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"; WORK=$(cd "$KEEP" && pwd)
else
  WORK=$(mktemp -d /tmp/edgesa_validate.XXXXXX)
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/tables"
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
T0=$(date +%s)
cd "$WORK"

SEED=$ROOT/configs/seed_64x32_q3.13.yaml
SEED800=$ROOT/configs/seed_64x32_q3.13_800mhz.yaml
FP32=$ROOT/configs/seed_64x32_fp32_sieve.yaml

# Seed documents, named as in /work/shared/seeds (cited as "<seed> L<line>").
S000="000 L"; S002="002 L"; S003="003 L"; S004="004 L"

# ---------------------------------------------------------------------------------------------
# helpers

# Shows a command the way a reader would type it: paths relative to the repository or the
# work directory, no --json target.
show_cmd() {
  local s="edgesa $*"
  s=${s//$ROOT\//}
  s=${s//$WORK\//}
  printf '%s' "$s" | sed -E 's/ --json [^ ]+\.json//'
}

log() { printf '[%4ds] %s\n' "$(($(date +%s) - T0))" "$*" >&2; }

# ed ARGS...: runs edgesa; on failure prints its output and stops the script (exit 1).
ed() {
  if ! "$EDGESA" "$@" >"$WORK/last.log" 2>&1; then
    echo "validate.sh: failed: $(show_cmd "$@")" >&2
    cat "$WORK/last.log" >&2
    exit 1
  fi
}

# trace NAME ARGS...: `edgesa trace ARGS... -o NAME.yaml` once; remembers the command.
TRACE_ROWS=$WORK/tables/trace_rows
: >"$TRACE_ROWS"
: >"$WORK/tables/trace_names"
trace() {
  local name=$1; shift
  if [ ! -f "$WORK/$name.yaml" ]; then
    log "trace $name"
    ed trace "$@" -o "$WORK/$name.yaml"
    cp "$WORK/last.log" "$WORK/$name.trace.log"
    ed trace show --json "$WORK/$name.yaml"
    printf '| `%s.yaml` | `%s` | %s | %s |\n' "$name" "$(show_cmd trace "$@" -o "$name.yaml")" \
      "$(commas "$(jq -r '.totals.macs' "$WORK/last.log")")" \
      "$(commas "$(jq -r '.totals.weights' "$WORK/last.log")")" >"$WORK/$name.row"
  fi
  grep -qxF "$name" "$WORK/tables/trace_names" 2>/dev/null && return 0
  echo "$name" >>"$WORK/tables/trace_names"
  cat "$WORK/$name.row" >>"$TRACE_ROWS"
}

# sim TAG CONFIG WORKLOAD [ARGS...]: `edgesa run ... --json TAG.json` once; TAG.cmd holds the command.
REUSED=0
ls "$WORK" >"$WORK/tables/kept_files"
sim() {
  local tag=$1 cfg=$2 wl=$3; shift 3
  if [ -f "$WORK/$tag.json" ]; then
    grep -qxF "$tag.json" "$WORK/tables/kept_files" && REUSED=$((REUSED + 1))
    return 0
  fi
  log "run $tag"
  local w=$wl
  [ -f "$WORK/$wl.yaml" ] && w=$WORK/$wl.yaml
  ed run --config "$cfg" --workload "$w" "$@" --json "$WORK/$tag.json"
  show_cmd run --config "$cfg" --workload "$w" "$@" >"$WORK/$tag.cmd"
}

j() { jq -r "$2" "$WORK/$1.json"; }        # j TAG JQ-EXPR
cmd() { cat "$WORK/$1.cmd"; }               # cmd TAG
f() { awk -v v="$2" "BEGIN { printf \"$1\", v }"; }   # f FORMAT VALUE
calc() { awk "BEGIN { printf \"$1\", $2 }"; }          # calc FORMAT EXPR
commas() { printf '%s' "$1" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta'; }

# Per-run figures.
cycles() { j "$1" .totals.cycles; }
ms() { j "$1" .totals.time_ms; }
dram_bytes() { j "$1" '.totals.dram_read_bytes + .totals.dram_write_bytes'; }
stall() { j "$1" ".totals.stall_cycles.$2"; }
type_cycles() { j "$1" "[.layers[] | select(.type == \"$2\") | .cycles] | add // 0"; }
other_cycles() {
  j "$1" '[.layers[] | select(.type != "conv2d" and .type != "fc" and (.type | test("pool") | not)) | .cycles] | add // 0'
}
pool_cycles() { j "$1" '[.layers[] | select(.type | test("pool")) | .cycles] | add // 0'; }
all_layer_cycles() { j "$1" '[.layers[].cycles] | add // 0'; }
# Bounds of a whole run, for the explanation columns only (the cycles come from the simulation):
# MACs at rows*width per cycle, DRAM bytes at the configured bytes per cycle.
compute_bound() { j "$1" '.totals.macs / (.config.array.rows * .config.array.width * (.config.system.devices // 1))'; }
bw_bound() { j "$1" '(.totals.dram_read_bytes + .totals.dram_write_bytes) / (.config.dram.bandwidth_gbps * 1000 / .config.clock.mhz)'; }

# Tables: claim rows have six cells: claim | seed line | research | ours | command | note.
SECTION=""
section() { SECTION=$WORK/tables/$1; : >"$SECTION"; }
out() { printf '%s\n' "$*" >>"$SECTION"; }
claim_header() {
  out "| claim | seed | research | ours | command | note |"
  out "|---|---|---|---|---|---|"
}
row() { out "| $1 | $2 | $3 | $4 | \`$5\` | $6 |"; }

# ---------------------------------------------------------------------------------------------
# workloads

if [ "$REDUCED" = 1 ]; then
  NETS=(lenet5)
else
  NETS=(alexnet vgg16 resnet50)
fi

# 40-50% structured pruning (003 L1445): L1 filter pruning at ratio 0.25 keeps 3/4 of the filters
# of a conv and 3/4 of the input channels of the next one, i.e. 56% of a middle conv's weights
# (44% removed). Residual nets: only the convs inside a block (their outputs never reach an add).
prune_args() {
  case "$1" in
    resnet50) echo "--ratio *.conv1=0.25 --ratio *.conv2=0.25" ;;
    lenet5) echo "--ratio c1,c3,c5=0.25" ;;
    alexnet) echo "--ratio conv1,conv3=0.25" ;;  # conv2/4/5 are grouped (Caffe), not prunable
    *) echo "--ratio conv*=0.25" ;;
  esac
}
# The same on LCP branches (003 L1445: pruning and quantisation are applied per branch).
prune_branch_args() {
  case "$1" in
    resnet50) echo "--ratio b*/*.conv1=0.25 --ratio b*/*.conv2=0.25" ;;
    lenet5) echo "--ratio b*/c1,b*/c3,b*/c5=0.25" ;;
    alexnet) echo "--ratio b*/conv3=0.25" ;;  # b*/conv1 (12 filters) would leave grouped conv2 an odd input
    *) echo "--ratio b*/conv*=0.25" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# 1. The seed design's peak and bandwidth (003 L1279)

log "section 1"
section s1
# One large conv layer of VGG-16 (conv3_2: 256 -> 256, 3x3, 56x56, 1.85 GMACs) in 3.13 storage.
cat >"$WORK/vgg_conv3_2.yaml" <<'EOF'
edgesa_trace: 1
name: vgg16_conv3_2
input: {shape: [256, 56, 56], format: q3.13}
layers:
  - name: conv3_2
    type: conv2d
    inputs: [input]
    filters: 256
    kernel: 3
    pad: 1
    bias: true
    activation: relu
    weight_format: q3.13
    out_format: q3.13
EOF
printf '| `vgg_conv3_2.yaml` | written by the script: VGG-16 conv3_2 alone (256 -> 256, 3x3, pad 1, 56x56), q3.13 storage | %s | %s |\n' \
  "$(commas 1849688064)" "$(commas 589824)" >>"$TRACE_ROWS"
ed config check --json "$SEED"
cp "$WORK/last.log" "$WORK/seed_config.json"
ed config check --json "$SEED800"
cp "$WORK/last.log" "$WORK/seed800_config.json"
sim conv100 "$SEED" vgg_conv3_2
sim conv800 "$SEED800" vgg_conv3_2

claim_header
for c in 100 800; do
  cj=$WORK/seed_config.json; cfg=$SEED
  [ $c = 800 ] && cj=$WORK/seed800_config.json && cfg=$SEED800
  peak=$(jq -r '.derived.peak_macs_per_cycle' "$cj")
  mhz=$(jq -r '.config.clock.mhz // .clock.mhz' "$cj")
  row "peak MACs/s, ${c} MHz" "${S003}1279, L1434 (100 MHz), L1456 (800 MHz)" \
    "217.6 GOPs/s (one figure for the design)" "$(calc '%.1f G MAC/s' "$peak * $mhz / 1000")" \
    "$(show_cmd config check --json "$cfg")" \
    "derived.peak_macs_per_cycle ($peak) x clock; twice that in OPs (multiply + add). 217.6 G is neither: it is 2048 multiplies at 106.25 MHz"
done
bw_mbpc=$(jq -r '.derived.dram_millibytes_per_cycle' "$WORK/seed_config.json")
row "DRAM bandwidth, LPDDR2 x32 at 933 Mb/s/pin" "${S003}1279" "3.7 GB/s" \
  "$(calc '%.3f GB/s' "$bw_mbpc / 1000 * 100 / 1000")" "$(show_cmd config check --json "$SEED")" \
  "$(calc '%.2f' "$bw_mbpc / 1000") B/cycle at 100 MHz, $(calc '%.2f' "$(jq -r '.derived.dram_millibytes_per_cycle' "$WORK/seed800_config.json") / 1000") at 800 MHz; 933e6 x 32 / 8 = 3.732e9 B/s"
for c in 100 800; do
  t=conv$c
  row "achieved MACs/s, VGG-16 conv3_2 alone, ${c} MHz" "${S003}1279" "217.6 GOPs/s peak" \
    "$(calc '%.1f G MAC/s' "$(j $t .totals.macs) / $(j $t .totals.time_ms) / 1e6")" "$(cmd $t)" \
    "utilization $(f '%.3f' "$(j $t .totals.utilization)"); $(commas "$(cycles $t)") cycles; compute bound $(commas "$(calc '%.0f' "$(compute_bound $t)")"), bandwidth bound $(commas "$(calc '%.0f' "$(bw_bound $t)")"); stalls: memory $(commas "$(stall $t memory)"), weight fill $(commas "$(stall $t weight_fill)"), write-back $(commas "$(stall $t writeback)")"
done
t=conv100
row "data reuse, measured on conv3_2 (MACs per DRAM byte)" "${S003}1279" "64 OPs/Byte" \
  "$(calc '%.1f MAC/B' "$(j $t .totals.macs) / $(dram_bytes $t)")" "$(cmd $t)" \
  "$(calc '%.1f' "2 * $(j $t .totals.macs) / $(dram_bytes $t)") OPs/B counting multiply + add; includes the weights and the output write-back; G = $(j $t '.layers[0].tiling.G // "?"') weight blocks share each streamed vector"
row "reuse convention: 16-bit operands, multiply + add, one weight block per vector" "${S003}1279, L1445 (3.13)" "64 OPs/Byte" \
  "$(calc '%.1f OPs/B' "2 * 32 * 64 / (32 * 2)")" "$(show_cmd config check --json "$SEED")" \
  "each 64-byte vector of 32 operands meets 64 rows: 2048 multiplies + 2048 adds per 64 B. Consistent with 64"
row "reuse convention: 8-bit operands, multiplies only" "${S003}1279" "64 OPs/Byte" \
  "$(calc '%.1f OPs/B' "32 * 64 / 32")" "$(show_cmd config check --json "$SEED")" \
  "also 64; 3.13 needs 16 bits, so this reading does not fit the seed's own format"
row "peak implied by 64 OPs/B at the stated 3.7 GB/s" "${S003}1279" "217.6 GOPs/s" \
  "$(calc '%.1f GOPs/s' "64 * $bw_mbpc / 1000 * 100 / 1000")" "$(show_cmd config check --json "$SEED")" \
  "no convention gives 217.6: it needs 217.6 / 64 = 3.4 GB/s, not 3.73 (brief §4); the compute peak is 409.6 GOPs/s at 100 MHz"

# ---------------------------------------------------------------------------------------------
# 2. Single-device latency per image at 100 MHz (003 L1436)

log "section 2"
section s2
for n in "${NETS[@]}"; do
  trace "$n" zoo "$n"
  trace "${n}_s8" split "$WORK/$n.yaml" --lcp 8
  trace "${n}_s8f40" split "$WORK/$n.yaml" --lcp 8 --fatten 0.4
  trace "${n}_q" compress "$WORK/$n.yaml" --format q3.13
  for v in "" _s8 _s8f40; do
    sim "lat_$n$v" "$FP32" "$n$v"
  done
  sim "lat_${n}_q" "$SEED" "${n}_q"
done
claim_header
for n in "${NETS[@]}"; do
  for v in "" _s8 _s8f40 _q; do
    t=lat_$n$v
    case $v in
      "") what="$n, 32-bit (fp32) storage and compute" ;;
      _s8) what="$n-split8, fp32, one device" ;;
      _s8f40) what="$n-split8-f40, fp32, one device" ;;
      _q) what="$n, 3.13 fixed point (seed config)" ;;
    esac
    row "latency per image, $what" "${S003}1436" "4–29 ms (range over the models)" \
      "$(f '%.2f ms' "$(ms $t)")" "$(cmd $t)" \
      "$(commas "$(j $t .totals.macs)") MACs, utilization $(f '%.3f' "$(j $t .totals.utilization)"); compute bound $(f '%.3g' "$(calc '%f' "$(compute_bound $t) / 1e5")") ms, bandwidth bound $(f '%.3g' "$(calc '%f' "$(bw_bound $t) / 1e5")") ms"
  done
done
out ""
out "Stall breakdown (cycles of the whole run; stalls are row-0 issue cycles lost, docs/architecture.md):"
out ""
out "| run | cycles | compute bound | bandwidth bound | memory stalls | weight-fill stalls | decompressor stalls | write-back stalls | DRAM MB | utilization |"
out "|---|---|---|---|---|---|---|---|---|---|"
for n in "${NETS[@]}"; do
  for v in "" _s8 _s8f40 _q; do
    t=lat_$n$v
    out "| $n$v | $(commas "$(cycles $t)") | $(commas "$(calc '%.0f' "$(compute_bound $t)")") | $(commas "$(calc '%.0f' "$(bw_bound $t)")") | $(commas "$(stall $t memory)") | $(commas "$(stall $t weight_fill)") | $(commas "$(stall $t decompressor)") | $(commas "$(stall $t writeback)") | $(calc '%.1f' "$(dram_bytes $t) / 1e6") | $(f '%.3f' "$(j $t .totals.utilization)") |"
  done
done

# ---------------------------------------------------------------------------------------------
# 3. Speedups: quantisation, pruning, both, LCP, model parallelism (003 L1443, L1452)

log "section 3"
section s3
for n in "${NETS[@]}"; do
  # shellcheck disable=SC2046
  trace "${n}_p" prune "$WORK/$n.yaml" $(prune_args "$n")
  trace "${n}_pq" compress "$WORK/${n}_p.yaml" --format q3.13
  trace "${n}_s8d8" split "$WORK/$n.yaml" --lcp 8 --devices 8
  # shellcheck disable=SC2046
  trace "${n}_s8d8p" prune "$WORK/${n}_s8d8.yaml" $(prune_branch_args "$n")
  trace "${n}_s8d8pq" compress "$WORK/${n}_s8d8p.yaml" --format q3.13
  trace "${n}_s4d4" split "$WORK/$n.yaml" --lcp 4 --devices 4
  sim "sp_${n}_p" "$FP32" "${n}_p"
  sim "sp_${n}_pq" "$SEED" "${n}_pq"
  sim "sp_${n}_lcp8pq" "$SEED" "${n}_s8d8pq" --set system.devices=8
  sim "sp_${n}_lcp8" "$FP32" "${n}_s8d8" --set system.devices=8
  sim "sp_${n}_lcp4" "$FP32" "${n}_s4d4" --set system.devices=4
done
MP_OK=0
if "$EDGESA" trace split --help 2>/dev/null | grep -q -- '--model-parallel'; then MP_OK=1; fi
# Model-parallel runs cross the WiFi link with every split layer's activations: VGG-16 and
# ResNet-50 move 140-300 MB over 62.24 Mb/s, 19-45 s of simulated time (2-4.5 G cycles). The
# simulator skips the cycles in which every unit only waits for the link, so each takes a few
# minutes. LeNet-5 on 8 devices is left out of the reduced run to keep it short (its link time
# is reported instead).
mp_sim() { case "$1/$2" in lenet5/8) return 1 ;; *) return 0 ;; esac; }
# AlexNet's grouped conv2/4/5 stay whole on device 0: split along their groups, the transform
# writes slice layers into a version-1 trace that the reader then refuses (workloads, bf52b02).
mp_args() {
  case "$1" in
    lenet5) echo "--layers c3,c5,f6" ;;
    alexnet) echo "--layers conv1,conv3,fc6,fc7,fc8" ;;
    *) echo "" ;;
  esac
}
if [ $MP_OK = 1 ]; then
  for n in "${NETS[@]}"; do
    for d in 4 8; do
      # shellcheck disable=SC2046
      trace "${n}_mp$d" split "$WORK/$n.yaml" --model-parallel "$d" $(mp_args "$n")
      grep -oE '[0-9]+ transfers of [0-9]+ bytes' "$WORK/${n}_mp$d.trace.log" >"$WORK/${n}_mp$d.split" || true
      mp_sim "$n" "$d" && sim "sp_${n}_mp$d" "$FP32" "${n}_mp$d" --set system.devices=$d
    done
  done
fi

claim_header
speedup() { calc '%.2fx' "$(cycles "$1") / $(cycles "$2")"; }
for n in "${NETS[@]}"; do
  b=lat_$n
  row "$n: 3.13 fixed point vs 32-bit" "${S003}1452" "1.96x (mean over models)" "$(speedup "$b" "lat_${n}_q")" \
    "$(cmd "lat_${n}_q")" "baseline \`$(cmd "$b")\`: $(f '%.2f' "$(ms "$b")") ms; DRAM $(calc '%.1f' "$(dram_bytes "$b") / 1e6") -> $(calc '%.1f' "$(dram_bytes "lat_${n}_q") / 1e6") MB"
  row "$n: structured pruning (L1, ratio 0.25 per conv)" "${S003}1445, L1452" "2.2x (40–50% fewer parameters per conv)" \
    "$(speedup "$b" "sp_${n}_p")" "$(cmd "sp_${n}_p")" \
    "MACs $(calc '%.1f%%' "100 * $(j "sp_${n}_p" .totals.macs) / $(j "$b" .totals.macs)") of the original; weights $(calc '%.1f%%' "100 * $(j "sp_${n}_p" .totals.tensors.weights.fp32_bytes) / $(j "$b" .totals.tensors.weights.fp32_bytes)")"
  row "$n: pruning + 3.13" "${S003}1452" "4.31x" "$(speedup "$b" "sp_${n}_pq")" "$(cmd "sp_${n}_pq")" \
    "product of the two separate speedups: $(calc '%.2f' "$(cycles "$b") / $(cycles "lat_${n}_q") * $(cycles "$b") / $(cycles "sp_${n}_p")")x"
  row "$n: LCP split8 + pruning + 3.13 on 8 devices (WiFi link)" "${S003}1452, L1364 (link)" "14.41x / 16.31x (LCP+quant / LCP+prune); up to 244x, mean 33x (LCP + both)" \
    "$(speedup "$b" "sp_${n}_lcp8pq")" "$(cmd "sp_${n}_lcp8pq")" \
    "$(f '%.2f' "$(ms "sp_${n}_lcp8pq")") ms, including one link message (8.83 ms + bytes at 62.24 Mb/s) that carries the branch outputs to the classifier on device 0"
done
for n in "${NETS[@]}"; do
  case $n in alexnet) r="3.76x" ;; vgg16) r="8.89x" ;; resnet50) r="7.17x" ;; *) r="3.76–8.89x (AlexNet, VGG-16, ResNet-50)" ;; esac
  for d in 4 8; do
    if [ $MP_OK = 1 ] && [ -f "$WORK/sp_${n}_mp$d.json" ]; then
      row "$n: LCP split$d vs model parallelism, $d devices" "${S003}1443" "$r (mean of 4 and 8 devices)" \
        "$(speedup "sp_${n}_mp$d" "sp_${n}_lcp$d")" "$(cmd "sp_${n}_lcp$d")" \
        "model parallel: \`$(cmd "sp_${n}_mp$d")\`, $(f '%.2f' "$(ms "sp_${n}_mp$d")") ms ($(cat "$WORK/${n}_mp$d.split")); LCP $(f '%.2f' "$(ms "sp_${n}_lcp$d")") ms"
    elif [ $MP_OK = 1 ]; then
      read -r nt _ _ nb _ <"$WORK/${n}_mp$d.split"
      link_ms=$(calc '%.0f' "$nt * 8.83 + $nb * 8 / 62.24e6 * 1000")
      row "$n: LCP split$d vs model parallelism, $d devices" "${S003}1443" "$r (mean of 4 and 8 devices)" \
        "not simulated: the model-parallel link alone takes $(commas "$link_ms") ms" "$(cmd "sp_${n}_lcp$d")" \
        "\`${n}_mp$d.yaml\` has $nt transfers of $(commas "$nb") bytes: at least $(commas "$(calc '%.0f' "$link_ms * 1e5")") cycles (8.83 ms each + 62.24 Mb/s), not simulated (see scripts/validate.sh); LCP takes $(f '%.2f' "$(ms "sp_${n}_lcp$d")") ms, so LCP is at least $(calc '%.0f' "$link_ms / $(ms "sp_${n}_lcp$d")")x faster"
    else
      row "$n: LCP split$d vs model parallelism, $d devices" "${S003}1443" "$r (mean of 4 and 8 devices)" \
        "not yet run: model-parallel split pending" "$(cmd "sp_${n}_lcp$d")" \
        "LCP alone: $(f '%.2f' "$(ms "sp_${n}_lcp$d")") ms, $(speedup "$b" "sp_${n}_lcp$d") faster than one device; \`edgesa trace split --model-parallel\` does not exist in this build"
    fi
  done
done

# ---------------------------------------------------------------------------------------------
# 4. SIEVE storage compression on the fp32 design (000 L847, L902, L928)

log "section 4"
section s4
if [ "$REDUCED" = 1 ]; then S4NETS=(lenet5); else S4NETS=(lenet5 alexnet vgg16); fi
for n in "${S4NETS[@]}"; do
  trace "$n" zoo "$n"
  trace "${n}_cf" compress "$WORK/$n.yaml" --coverage 0.995 --mantissa 3
  sim "lat_$n" "$FP32" "$n"
  sim "cf_$n" "$FP32" "${n}_cf"
done
claim_header
for n in "${S4NETS[@]}"; do
  b=lat_$n; c=cf_$n
  row "$n: DRAM traffic, per-tensor custom floats (99.5% coverage, 3 mantissa bits) vs fp32" "${S000}847, L853" \
    "4-bit LeNet-5 (L817); no traffic figure for the others" \
    "$(calc '%.1f%%' "100 * $(dram_bytes "$c") / $(dram_bytes "$b")") of fp32" "$(cmd "$c")" \
    "$(calc '%.1f' "$(dram_bytes "$b") / 1e6") -> $(calc '%.1f' "$(dram_bytes "$c") / 1e6") MB; weights $(j "$c" .totals.tensors.weights.bytes) B stored of $(j "$c" .totals.tensors.weights.fp32_bytes) at fp32"
  row "$n: latency, compressed vs fp32 storage" "${S000}902, L865" "no speed-up reported; engines cost < 1 cycle per value, 1 extra pipeline stage" \
    "$(speedup "$b" "$c")" "$(cmd "$c")" \
    "$(f '%.2f' "$(ms "$b")") -> $(f '%.2f' "$(ms "$c")") ms; memory stalls $(commas "$(stall "$b" memory)") -> $(commas "$(stall "$c" memory)"), decompressor stalls $(commas "$(stall "$c" decompressor)")"
  e_all=$(j "$c" .totals.energy_pj)
  codec_pj=$(j "$c" .config.energy.codec_pj_per_value)
  vals=$(j "$c" '[.stats[] | (.decompressor.values.value // 0) + (.compressor.values.value // 0)] | add // 0')
  row "$n: compressor + decompressor share of energy" "${S000}928" "<= 5% of system energy" \
    "$(calc '%.2f%%' "100 * $vals * $codec_pj / $e_all")" "$(cmd "$c")" \
    "$(commas "$vals") conversions x $codec_pj pJ of $(calc '%.0f' "$e_all / 1e6") uJ; DRAM is $(calc '%.0f%%' "100 * $(dram_bytes "$c") * $(j "$c" .config.energy.dram_pj_per_byte) / $e_all")"
done
# Area: the generated units, synthesised one at a time (the whole 64x32 top is too large for the
# build machine, docs/hardware.md), in yosys' cmos transistor estimate.
if [ "$REDUCED" = 1 ]; then ACFG=$ROOT/configs/rtl_8x8_fp32.yaml; else ACFG=$FP32; fi
area() {  # area UNIT: cmos transistors of one generated unit of $ACFG
  local u=$1
  if [ ! -f "$WORK/area_$u.json" ]; then
    log "synth $u"
    ed synth --config "$ACFG" --top "$u" --json
    cp "$WORK/last.log" "$WORK/area_$u.json"
  fi
  jq -r '.cmos_transistors | tostring | sub("[+]$"; "")' "$WORK/area_$u.json"
}
ed config check --json "$ACFG"
cp "$WORK/last.log" "$WORK/acfg.json"
rows=$(jq -r '.config.array.rows // .array.rows' "$WORK/acfg.json")
width=$(jq -r '.config.array.width // .array.width' "$WORK/acfg.json")
dec=$(jq -r '.config.decompressor.engines // .decompressor.engines' "$WORK/acfg.json")
comp=$(jq -r '.config.compressor.engines // .compressor.engines' "$WORK/acfg.json")
a_cell=$(area edgesa_mult_cell); a_tree=$(area edgesa_adder_tree)
# the codec cores the top instantiates per engine (edgesa_cf_decode / edgesa_cf_encode)
a_dec=$(area edgesa_cf_decode); a_comp=$(area edgesa_cf_encode); a_cc=$(area edgesa_cf_const_calc)
a_array=$(calc '%.0f' "$rows * $width * $a_cell + $rows * $a_tree")
a_eng=$(calc '%.0f' "$dec * $a_dec + $comp * $a_comp + 2 * $a_cc")
row "compressor + decompressor engines' area, as a share of the array ($rows x $width cells + $rows trees)" "${S000}902" \
  "0.06 mm², 0.05% of a Tegra K1 SoC (45 nm)" "$(calc '%.2f%%' "100 * $a_eng / $a_array")" \
  "$(show_cmd synth --config "$ACFG" --top edgesa_cf_decode --json)" \
  "$dec decompressors x $(commas "$a_dec") + $comp compressors x $(commas "$a_comp") + 2 constant calculators x $(commas "$a_cc") transistors against $(commas "$a_array") (cells $(commas "$a_cell"), trees $(commas "$a_tree")); a different baseline: the research divides by a whole SoC, we by the array alone"

# ---------------------------------------------------------------------------------------------
# 5. Pruning ResNet-56 / CIFAR-10 (002 Table 3.3 L552-L554, appendix L775-L883)

log "section 5"
section s5
trace resnet56 zoo resnet56
# name ratio-L1 ratio-L2 ratio-L3.1 ratio-L3.2 research-latency-ms seed-line
R56=(
  "off-the-shelf 0.7 0.6 0.2 0.4 3.947 553"
  "model-523 0.09955 0.09001 0.153 0.2536 4.397 783"
  "model-1007 0.9707 0.3814 0.9403 0.9687 3.347 807"
  "model-182 0.9519 0.9352 0.4657 0.8789 3.529 820"
  "model-89 0.8031 0.3058 0.6756 0.1964 3.557 857"
)
trace resnet56_q compress "$WORK/resnet56.yaml" --format q3.13
sim r56_base "$SEED" resnet56_q
for spec in "${R56[@]}"; do
  read -r name r1 r2 r31 r32 _ _ <<<"$spec"
  trace "r56_$name" prune "$WORK/resnet56.yaml" --ratio "layer1.*.conv1=$r1" \
    --ratio "layer2.1.conv1,layer2.2.conv1,layer2.3.conv1,layer2.4.conv1,layer2.6.conv1,layer2.7.conv1=$r2" \
    --ratio "layer3.1.conv1=$r31" \
    --ratio "layer3.2.conv1,layer3.3.conv1,layer3.5.conv1,layer3.6.conv1,layer3.7.conv1,layer3.8.conv1=$r32"
  trace "r56_${name}_q" compress "$WORK/r56_$name.yaml" --format q3.13
  sim "r56_$name" "$SEED" "r56_${name}_q"
done
claim_header
row "unpruned ResNet-56, latency" "${S002}552" "4.375 ms (Intel NCS, Myriad X)" "$(f '%.3f ms' "$(ms r56_base)")" "$(cmd r56_base)" \
  "$(commas "$(j r56_base .totals.macs)") MACs, utilization $(f '%.3f' "$(j r56_base .totals.utilization)"); a different device, so only the ratios below compare"
base_macs=$(j r56_base .totals.macs)
for spec in "${R56[@]}"; do
  read -r name r1 r2 r31 r32 lat line <<<"$spec"
  t=r56_$name
  row "$name ($r1, $r2, $r31, $r32): latency / unpruned" "${S002}$line" \
    "$(calc '%.3f' "$lat / 4.375") ($lat ms; MACs $(calc '%.1f%%' "100 * $(j $t .totals.macs) / $base_macs"))" \
    "$(calc '%.3f' "$(cycles $t) / $(cycles r56_base)")" "$(cmd $t)" \
    "MACs $(calc '%.3f' "$(j $t .totals.macs) / $base_macs") of unpruned ($(commas "$(j $t .totals.macs)")); latency/MACs $(calc '%.2f' "($(cycles $t) / $(cycles r56_base)) / ($(j $t .totals.macs) / $base_macs)"); utilization $(f '%.3f' "$(j $t .totals.utilization)")"
done
out ""
out "Where the cycles go (whole run):"
out ""
out "| model | MACs | cycles | compute bound | bandwidth bound | memory stalls | weight-fill stalls | write-back stalls | layers | utilization |"
out "|---|---|---|---|---|---|---|---|---|---|"
for t in r56_base $(for s in "${R56[@]}"; do read -r nm _ <<<"$s"; echo "r56_$nm"; done); do
  out "| ${t#r56_} | $(commas "$(j $t .totals.macs)") | $(commas "$(cycles $t)") | $(commas "$(calc '%.0f' "$(compute_bound $t)")") | $(commas "$(calc '%.0f' "$(bw_bound $t)")") | $(commas "$(stall $t memory)") | $(commas "$(stall $t weight_fill)") | $(commas "$(stall $t writeback)") | $(j $t '.layers | length') | $(f '%.3f' "$(j $t .totals.utilization)") |"
done

# ---------------------------------------------------------------------------------------------
# 6. Convolution share of time and fp16 storage (004 L437-L448, L589-L611, L711-L725)

log "section 6"
section s6
if [ "$REDUCED" = 1 ]; then S6NETS=(lenet5); else S6NETS=(vgg16 alexnet); fi
for n in "${S6NETS[@]}"; do
  trace "$n" zoo "$n"
  trace "${n}_h" compress "$WORK/$n.yaml" --format e5m10b15
  sim "lat_$n" "$FP32" "$n"
  sim "h_$n" "$FP32" "${n}_h"
done
claim_header
for n in "${S6NETS[@]}"; do
  t=lat_$n
  case $n in
    vgg16) r="over 98% (CPU, L448); 88.7% (GPU, L714)"; l="${S004}448, L714" ;;
    alexnet) r="over 87% for Vgg-F, AlexNet's shape (CPU, L448)"; l="${S004}440, L448" ;;
    *) r="85–98%"; l="${S004}448" ;;
  esac
  tot=$(all_layer_cycles $t)
  row "$n: conv share of cycles" "$l" "$r" "$(calc '%.1f%%' "100 * $(type_cycles $t conv2d) / $tot")" "$(cmd $t)" \
    "fc $(calc '%.1f%%' "100 * $(type_cycles $t fc) / $tot"), pooling $(calc '%.1f%%' "100 * $(pool_cycles $t) / $tot"), other $(calc '%.1f%%' "100 * $(other_cycles $t) / $tot") of $(commas "$tot") layer cycles (fp32 storage and compute)"
  case $n in
    vgg16) r="2.16x (6315 -> 2922 ms)"; l="${S004}594, L611" ;;
    alexnet) r="1.85x for Vgg-F (480 -> 259 ms)"; l="${S004}592, L611" ;;
    *) r="1.85–2.16x"; l="${S004}611" ;;
  esac
  row "$n: fp16 (e5m10b15) storage vs fp32, fp32 compute" "$l" "$r" "$(speedup $t "h_$n")" "$(cmd "h_$n")" \
    "$(f '%.2f' "$(ms $t)") -> $(f '%.2f' "$(ms "h_$n")") ms; DRAM $(calc '%.1f' "$(dram_bytes $t) / 1e6") -> $(calc '%.1f' "$(dram_bytes "h_$n") / 1e6") MB; bandwidth bound / cycles $(calc '%.2f' "$(bw_bound $t) / $(cycles $t)") at fp32"
done

# ---------------------------------------------------------------------------------------------
# traces table, run facts, splice

section traces
out "| trace | made by | MACs | weights |"
out "|---|---|---|---|"
cat "$TRACE_ROWS" >>"$SECTION"

ELAPSED=$(($(date +%s) - T0))
section facts
mode=full; [ "$REDUCED" = 1 ] && mode=reduced
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain -- app core sim workloads 2>/dev/null | wc -l)
out "Generated by \`scripts/validate.sh\` ($mode run) with edgesa $("$EDGESA" --version 2>/dev/null | head -1 || echo '?') from the build directory, the source tree at commit $rev ($dirty files under app/ core/ sim/ workloads/ differing from it), in ${ELAPSED} s of wall time on the 2-core build machine$([ "$REUSED" -gt 0 ] && echo ", reusing $REUSED simulation results kept by an earlier run (--keep) with the same binary")."

tmp=$(dirname "$OUT")/.$(basename "$OUT").tmp.$$
awk -v dir="$WORK/tables" '
  /<!-- validate:begin [a-z0-9_]+ -->/ {
    print
    name = $0; sub(/.*validate:begin /, "", name); sub(/ -->.*/, "", name)
    file = dir "/" name
    if ((getline line < file) < 0) { print "validate.sh: no table for marker " name > "/dev/stderr"; bad = 1 }
    else { print line; while ((getline line < file) > 0) print line }
    close(file); skip = 1; seen[name] = 1; next
  }
  /<!-- validate:end [a-z0-9_]+ -->/ { skip = 0 }
  !skip { print }
  END { if (bad) exit 3 }
' "$TEMPLATE" >"$tmp" || { rm -f "$tmp"; die "template $TEMPLATE: a marker has no table"; }
mv -f "$tmp" "$OUT"
log "wrote $OUT (${ELAPSED} s)"
