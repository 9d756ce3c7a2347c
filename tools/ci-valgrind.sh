#!/bin/sh
# Runs each command-line tool once under valgrind (memcheck) on a small set:
# ordinary runs and error paths. Any memory error, or memory lost at exit,
# fails (exit 1); what is still reachable at exit is not a leak.
# VALGRIND_LEAKS=0 stops counting leaks as errors (memory errors still count).
#
#   tools/ci-valgrind.sh [BUILD_DIR]      (default build)
#
# Part of the sanitizer CI job (tools/ci-sanitize.sh). A tool not built yet
# is skipped with a note.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/bin"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "ci-valgrind: valgrind is not installed (Debian: apt-get install valgrind)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared=${TDRE_SHARED:-../shared}

head -41 vectors/igrf11-original.csv > "$work/small.csv"
printf 'isv,date,itype,alt,colat,elong\n0,2010.5,1,0,45,10\n0,nan,1,0,45,10\n0,2010.5,1,0,45\n1,1995.25,2,6371.2,120,-75.5\n' > "$work/bad.csv"
printf '2015.5 D K100 70.3 30.8\n2018,10,7 D M1042 -70,18,0 -30,48,0\n1850.5 D K100 70.3 30.8\n2015.5 D K100 95 30.8\nnot a line\n' > "$work/geomag.txt"

leak_kinds=definite,indirect
[ "${VALGRIND_LEAKS:-1}" = 0 ] && leak_kinds=none
runs=0
failed=0
# vg EXPECTED_STATUS TOOL ARGS...: one run; the status must be the tool's own.
vg() {
    want=$1
    shift
    tool=$1
    if [ ! -x "$bin/$tool" ]; then
        echo "ci-valgrind: $tool not built: skipped"
        return 0
    fi
    shift
    runs=$((runs + 1))
    log="$work/vg.$runs.log"
    rc=0
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect --errors-for-leak-kinds="$leak_kinds" \
        --track-origins=yes --log-file="$log" \
        "$bin/$tool" "$@" >"$work/out.$runs" 2>"$work/err.$runs" </dev/null || rc=$?
    if [ "$rc" -ne "$want" ] || { [ "$leak_kinds" != none ] && [ -s "$log" ]; }; then
        failed=$((failed + 1))
        echo "ci-valgrind: FAILED ($rc, expected $want): $tool $*" >&2
        cat "$log" "$work/err.$runs" >&2
    else
        echo "ci-valgrind: ok: $tool $*"
    fi
}

vg 0 tdre-eval --impl oracle -o "$work/oracle.csv" "$work/small.csv"
vg 0 tdre-eval --impl phase1 "$work/small.csv"
# phase 2 (exact) refuses the rows dated after 2015: status 1.
vg 1 tdre-eval --impl phase2 -o "$work/p2.csv" "$work/small.csv"
vg 0 tdre-eval --impl phase2-legacy "$work/small.csv"
vg 1 tdre-eval --impl oracle "$work/bad.csv"
vg 2 tdre-eval --impl oracle "$work/missing.csv"
vg 2 tdre-eval --impl oracle -o "$work/no/such/dir.csv" "$work/small.csv"
vg 2 tdre-eval --impl phase2 --model "$work/bad.csv" "$work/small.csv"
vg 0 tdre-gen vectors --count 200 --seed 7 -o "$work/gen.csv"
# A generated file: inputs copied as written (the reader proves them %.17g),
# the three-thread pipeline and its timing; two result files read ahead.
vg 1 tdre-eval --impl phase2 --timing --threads 2 -o "$work/gen-p2.csv" "$work/gen.csv"
vg 1 tdre-eval --impl phase2-legacy --threads 1 -o "$work/gen-legacy.csv" "$work/gen.csv"
vg 0 tdre-verify --results phase2-legacy="$work/gen-legacy.csv" --results phase2="$work/gen-p2.csv"
if [ -f "$shared/data/coeffs/igrf11coeffs.txt" ]; then
    vg 0 tdre-gen tables --format c --name igrf11 "$shared/data/coeffs/igrf11coeffs.txt"
    vg 0 tdre-gen tables --format gh-f77 --name igrf11 "$shared/data/coeffs/igrf11coeffs.txt"
    vg 0 tdre-geomag "$shared/data/coeffs/WMM2015.COF" 2017.5 D K0 45 10
fi
vg 1 tdre-gen tables --format c --name bad "$work/bad.csv"
vg 0 tdre-geomag IGRF13 2018,10,7 D K100 70.3 30.8
vg 1 tdre-geomag IGRF13 f "$work/geomag.txt" "$work/geomag.out"
vg 1 tdre-geomag --format json IGRF13 f "$work/geomag.txt" -
vg 2 tdre-geomag IGRF13 f "$work/missing.txt" "$work/geomag.out"
vg 0 tdre-verify --impl oracle --impl phase1 --input "$work/small.csv"
vg 0 tdre-verify --results oracle="$work/oracle.csv" --impl phase1
vg 2 tdre-verify --results oracle="$work/missing.csv" --impl phase1

echo "ci-valgrind: $runs runs, $failed failed"
[ "$failed" -eq 0 ]
