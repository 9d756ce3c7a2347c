#!/bin/sh
# Instructions per point of each implementation, counted by callgrind: the
# same on a quiet and on a loaded machine (unlike times), so the ratios
# here are reproducible; they are not speeds (a division costs more than
# an addition, a cache miss is not an instruction).
# usage: tools/bench/icount.sh [BUILD_DIR] [POINTS]
set -eu
bin=${1:-build}/bin
n=${2:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
        "$bin/tdre-bench" --only "$1" --points "$n" >/dev/null 2>&1
    # the summary line of the output file: total instructions
    sed -n 's/^summary: *//p' "$tmp/cg.out"
}
base=$(count none)
oracle=$(( $(count oracle) - base ))
printf '%-14s %14s %10s\n' measurement instr/point "vs oracle"
for m in oracle phase1 point-legacy point-exact batch-legacy batch-exact; do
    total=$(( $(count "$m") - base ))
    awk -v t="$total" -v n="$n" -v o="$oracle" -v m="$m" \
        'BEGIN { printf "%-14s %14.0f %9.2fx\n", m, t / n, o / t }'
done
