#!/bin/sh
# verify.sh: what `make verify` runs (docs/verify.md).
#
#   verify.sh --bin DIR --out DIR --shared DIR --source DIR --phase2 0|1
#             [--count N]
#
# 1. the committed outputs of the original igrf11.f (vectors/) against the
#    oracle, phase 1 and phase 2 run on the same inputs;
# 2. the dense generated set (N random and grid vectors over the whole
#    domain plus the edge family) through every implementation;
# 3. one report of both, with geomag70's published samples, as text on
#    standard output (and DIR/report.txt), DIR/report.json and DIR/report.html.
# Exit status: tdre-verify's (0 every comparison holds).
set -eu

bin= out= shared= src= phase2=0 count=1000000
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --source) src=$2; shift 2 ;;
        --phase2) phase2=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        *) echo "verify.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$bin" ] && [ -n "$out" ] && [ -n "$src" ] || { echo "verify.sh: --bin, --out and --source are required" >&2; exit 2; }

started=$(date +%s.%N)
mkdir -p "$out"
rm -f "$out/committed.stats" "$out/dense.stats"
verify="$bin/tdre-verify"
tol="$src/tools/verify/tolerances.conf"

if [ "$phase2" = 1 ]; then
    set -- --impl oracle --impl phase1 --impl phase2-legacy --impl phase2
    committed_pairs=original:oracle,original:phase1,original:phase2-legacy,original:phase2
    dense_pairs=oracle:phase1,oracle:phase2-legacy,oracle:phase2,phase2-legacy:phase2
    map=--map=phase2-legacy:phase2
    not_run=
else
    set -- --impl oracle --impl phase1
    committed_pairs=original:oracle,original:phase1
    dense_pairs=oracle:phase1
    map=--derived
    not_run="phase 2 (the library is not part of this build)"
fi

# A comparison that fails (status 1) still goes into the report; anything
# else (2: bad usage, unreadable input) stops here.
run() {
    rc=0
    "$@" || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
        echo "verify.sh: $1 failed with status $rc" >&2
        exit 2
    fi
}

echo "verify: committed vectors (vectors/igrf11-original.csv)" >&2
run "$verify" --tolerances "$tol" --section committed \
    --results "original=$src/vectors/igrf11-original.csv" "$@" \
    --pairs "$committed_pairs" --derived --save-stats "$out/committed.stats" --quiet
echo "verify: dense generated set ($count vectors + edges)" >&2
run "$verify" --tolerances "$tol" --section dense --count "$count" --seed 1 "$@" \
    --pairs "$dense_pairs" --derived "$map" --save-stats "$out/dense.stats" --quiet

set -- --tolerances "$tol" --geomag --shared "$shared" --json "$out/report.json" \
    --html "$out/report.html" --started "$started"
if [ -n "$not_run" ]; then set -- "$@" --not-run "$not_run"; fi
rc=0
"$verify" merge "$@" "$out/committed.stats" "$out/dense.stats" >"$out/report.txt" || rc=$?
cat "$out/report.txt"
echo "verify: report in $out/report.txt, report.json and report.html" >&2
exit $rc
