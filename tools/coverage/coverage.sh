#!/bin/sh
# coverage.sh: line and branch coverage of port_c/ (docs/coverage.md).
#
#   coverage.sh --src DIR --build DIR [--shared DIR] [--gcovr PATH] [--jobs J]
#
# Configures DIR (build-coverage/) with --coverage at -O1 (docs/coverage.md
# says why not -O0), builds, runs the test suite (less the mutation sample,
# which builds its own uninstrumented mutants, and the install test) and
# two verify runs, then prints gcovr's line and branch tables for port_c/ and
# writes them as HTML to DIR/coverage/index.html.
# Exit status: 0 when phase 1 has every line and branch covered; 1 when it
# has not (the uncovered ones are listed) or the tests failed; 2 on a
# harness error (no gcovr, build failure).
set -eu

src= build= shared= gcovr= jobs=2
while [ $# -gt 0 ]; do
    case "$1" in
        --src) src=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --gcovr) gcovr=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        *) echo "coverage.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$src" ] && [ -n "$build" ] || { echo "usage: coverage.sh --src DIR --build DIR" >&2; exit 2; }
if [ -z "$gcovr" ] || ! command -v "$gcovr" >/dev/null 2>&1; then
    gcovr=$(command -v gcovr || true)
fi
if [ -z "$gcovr" ]; then
    echo "coverage: gcovr is not installed (Debian package gcovr: apt-get install gcovr)" >&2
    exit 2
fi

set -- -DCMAKE_BUILD_TYPE=Coverage \
    "-DCMAKE_C_FLAGS_COVERAGE=-O1 -g --coverage -fprofile-update=atomic" \
    "-DCMAKE_Fortran_FLAGS_COVERAGE=-O2" \
    "-DCMAKE_EXE_LINKER_FLAGS_COVERAGE=--coverage" \
    "-DCMAKE_SHARED_LINKER_FLAGS_COVERAGE=--coverage"
[ -n "$shared" ] && set -- "$@" "-DTDRE_SHARED_DIR=$shared"
cmake -S "$src" -B "$build" "$@" >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log" >&2
    exit 2
}
rm -f "$build.configure.log"
cmake --build "$build" -j"$jobs" >/dev/null || exit 2
find "$build" -name '*.gcda' -delete

status=0
echo "coverage: running the test suite"
# phase2_install links an outside program with the installed static library,
# whose objects here need libgcov: a failure of this build, not of the code.
if ! (cd "$build" && ctest -j"$jobs" -LE mutate -E '^phase2_install$' --output-on-failure \
        >"$build/coverage-ctest.log" 2>&1); then
    echo "coverage: some tests failed (see $build/coverage-ctest.log):" >&2
    grep -E '^[0-9]+% tests|\*\*\*Failed|Not Run|\(Failed\)' "$build/coverage-ctest.log" >&2 || true
    status=1
fi
tail -n 3 "$build/coverage-ctest.log"

echo "coverage: running tdre-verify (committed vectors, then a generated set)"
bin="$build/bin"
"$bin/tdre-verify" --input "$src/vectors/igrf11-original.csv" --section committed \
    --impl oracle --impl phase1 --impl phase2-legacy --impl phase2 --derived \
    --no-progress >"$build/coverage-verify.log" 2>&1 || true
"$bin/tdre-verify" --count 20000 --section generated --impl oracle --impl phase1 \
    --impl phase2-legacy --impl phase2 --derived --geomag --no-progress \
    >>"$build/coverage-verify.log" 2>&1 || true
grep -iE 'verdict|overall' "$build/coverage-verify.log" | tail -n 4 || true

out="$build/coverage"
rm -rf "$out"
mkdir -p "$out"
common="--root $src --object-directory $build --filter $src/port_c/ --exclude-unreachable-branches"
echo
echo "== lines, port_c/ =="
# shellcheck disable=SC2086
"$gcovr" $common --txt "$out/lines.txt" --html-details "$out/index.html" \
    --html-title "tdre coverage: port_c/" --json "$out/coverage.json" --print-summary \
    >"$out/summary.txt"
cat "$out/lines.txt"
echo
echo "== branches, port_c/ =="
# shellcheck disable=SC2086
"$gcovr" $common --branches --txt "$out/branches.txt"
cat "$out/branches.txt"
echo
cat "$out/summary.txt"

# Phase 1 must be complete: every line and every branch. (Its report goes to
# a file of ours: gcovr replaces an output path, and as root it once
# replaced /dev/null.)
# shellcheck disable=SC2086
if ! "$gcovr" --root "$src" --object-directory "$build" --filter "$src/port_c/phase1/" \
        --exclude-unreachable-branches --fail-under-line 100 --fail-under-branch 100 \
        --txt "$out/phase1-check.txt" >/dev/null 2>&1; then
    echo "coverage: phase 1 is not fully covered (lines and branches above)" >&2
    status=1
fi
echo "coverage: HTML report $out/index.html"
exit $status
