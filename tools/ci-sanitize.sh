#!/bin/sh
# Sanitizer CI job (issue 9), called from .ci/run after `make test`.
#
#   tools/ci-sanitize.sh [--no-fuzz]
#
# 1. Builds the project again in build-asan with AddressSanitizer and
#    UndefinedBehaviorSanitizer on every C unit (the Fortran oracle is built
#    without them) and runs the whole CTest suite there. Every sanitizer
#    report, from a test or from a tool a test runs, goes to
#    build-asan/sanitizer/ as well: the job fails if any file appears there,
#    whatever the exit statuses said.
# 2. Runs each command-line tool once under valgrind (memcheck) on a small
#    set from the ordinary build (build/): any error or leak fails the job.
# 3. When clang with libFuzzer is installed, runs every fuzz target for
#    CI_FUZZ_SECONDS (default 10) seconds (tests/fuzz/run.sh); otherwise
#    says so and goes on.
#
# Environment: SANITIZE_BUILD (default build-asan), BUILD (default build),
# CI_FUZZ_SECONDS, JOBS (default 2), SANITIZE_LEAKS (default 1; 0 turns
# leak reports off in both LeakSanitizer and valgrind, a stopgap while known
# leaks are being fixed: see docs/hardening.md), SANITIZE_EXCLUDE (below).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
asan=${SANITIZE_BUILD:-build-asan}
build=${BUILD:-build}
jobs=${JOBS:-2}
fuzz=1
[ "${1:-}" = "--no-fuzz" ] && fuzz=0

t0=$(date +%s)
step() { printf '\n== ci-sanitize: %s (at %ds)\n' "$*" $(($(date +%s) - t0)); }

# ---- 1. the whole suite under ASan + UBSan ---------------------------------
step "ASan+UBSan build in $asan"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$asan" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$asan" -j"$jobs" >"$asan/build.log" 2>&1 || { tail -40 "$asan/build.log"; exit 1; }

reports="$root/$asan/sanitizer"
rm -rf "$reports"
mkdir -p "$reports"
# log_path: each process writes its reports to a file of its own (tools run
# by tests included); exitcode 86 makes a report fail the process too.
leaks=${SANITIZE_LEAKS:-1}
export ASAN_OPTIONS="log_path=$reports/asan:exitcode=86:detect_leaks=$leaks:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="log_path=$reports/lsan"
step "CTest under the sanitizers"
status=0
# Left to `make test`: tests labelled 'nosan' (they measure memory or time,
# meaningless with shadow memory) and the mutation tests (label 'mutate':
# they compile and link mutants with their own command lines, without the
# sanitizer runtime).
# 'slow' tests (the oracle rebuilt from a whole distributed file) are run
# by `make test` already. SANITIZE_EXCLUDE names tests left out by name:
# phase2_install compiles a program of its own against the installed
# library, without the sanitizer runtime. (The peak-memory case of
# test_vectors is test_vectors_memory, labelled nosan.)
exclude=${SANITIZE_EXCLUDE-'^(phase2_install)$'}
(cd "$asan" && ctest --output-on-failure -j"$jobs" -LE 'nosan|mutate|slow' \
    ${exclude:+-E "$exclude"}) || status=1
if [ -n "$(ls -A "$reports")" ]; then
    echo "ci-sanitize: sanitizer reports:" >&2
    for f in "$reports"/*; do echo "--- $f" >&2; head -40 "$f" >&2; done
    status=1
fi
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
[ $status -eq 0 ] || { echo "ci-sanitize: FAILED under the sanitizers" >&2; exit 1; }

# ---- 2. the tools under valgrind -------------------------------------------
step "valgrind on each tool (small set, from $build)"
VALGRIND_LEAKS=$leaks sh tools/ci-valgrind.sh "$build"

# ---- 3. a short fuzz run -----------------------------------------------------
if [ $fuzz -eq 1 ]; then
    step "fuzzing each parser for ${CI_FUZZ_SECONDS:-10} s"
    rc=0
    FUZZ_SECONDS=${CI_FUZZ_SECONDS:-10} sh tests/fuzz/run.sh "$asan/fuzz" || rc=$?
    case $rc in
        0) ;;
        77) echo "ci-sanitize: no clang with libFuzzer: fuzzing skipped" ;;
        *) echo "ci-sanitize: a fuzz target failed (artifacts in $asan/fuzz/artifacts)" >&2; exit 1 ;;
    esac
fi
step "all clean"
