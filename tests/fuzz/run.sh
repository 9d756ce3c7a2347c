#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang and runs each one.
#
#   tests/fuzz/run.sh [--default N] BUILD_DIR [SECONDS] [TARGET...]
#
# SECONDS per target: the argument, else $FUZZ_SECONDS, else --default's N
# (the build's FUZZ_SECONDS cache value), else 60. Each target starts
# from a copy of its seed corpus tests/fuzz/corpus/<target without fuzz_>/
# and its regression inputs tests/fuzz/regress/<same>/, kept in
# BUILD_DIR/corpus so the committed seeds never grow. Crashes, leaks,
# timeouts and sanitizer reports are saved in BUILD_DIR/artifacts/TARGET/.
# One line per target goes to BUILD_DIR/summary.txt:
#   TARGET runs=N seconds=S result=ok|FAILED
# Exit: 0 all clean, 1 a target failed, 77 no clang with libFuzzer here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
default=60
if [ "${1:-}" = "--default" ]; then default=$2; shift 2; fi
build=${1:?usage: run.sh [--default N] BUILD_DIR [SECONDS] [TARGET...]}
shift
seconds=${FUZZ_SECONDS:-$default}
if [ $# -gt 0 ]; then seconds=$1; shift; fi
case $seconds in ''|*[!0-9]*) echo "fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;; esac

cc=${FUZZ_CC:-}
if [ -z "$cc" ]; then
    for c in clang clang-16 clang-15 clang-14; do
        if command -v $c >/dev/null 2>&1; then cc=$c; break; fi
    done
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$probe/p.c"
if [ -z "$cc" ] || ! $cc -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
    echo "fuzz: no clang with libFuzzer here (Debian: apt-get install clang libclang-rt-14-dev); not fuzzing" >&2
    exit 77
fi

mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=$cc cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
# Reconfigure: picks up parsers that landed since the last run.
cmake "$build" >/dev/null
# Keep going past a target that does not build: the others still run.
cmake --build "$build" -j2 -- -k >"$build/build.log" 2>&1 || grep -E 'error' "$build/build.log" | head -20 >&2

if [ $# -eq 0 ]; then set -- $(cat "$build/fuzz-targets.txt"); fi
: > "$build/summary.txt"
failed=0
for target in "$@"; do
    seed=${target#fuzz_}
    work="$build/corpus/$target"
    art="$build/artifacts/$target"
    mkdir -p "$work" "$art"
    for d in "$here/corpus/$seed" "$here/regress/$seed"; do
        [ -d "$d" ] && cp -p "$d"/* "$work"/ 2>/dev/null || true
    done
    dict=""
    [ -f "$here/$seed.dict" ] && dict="-dict=$here/$seed.dict"
    [ -z "$dict" ] && [ -f "$here/${seed%%_*}.dict" ] && dict="-dict=$here/${seed%%_*}.dict"
    log="$build/$target.log"
    if [ ! -x "$build/$target" ]; then
        echo "$target runs=0 seconds=0 result=BUILD-FAILED" | tee -a "$build/summary.txt" >&2
        failed=1
        continue
    fi
    start=$(date +%s)
    rc=0
    # -timeout: one input taking 10 s is a hang; the outer timeout is a guard.
    timeout -s KILL $((seconds + 120)) "$build/$target" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=131072 -print_final_stats=1 \
        -artifact_prefix="$art/" $dict "$work" >"$log" 2>&1 || rc=$?
    end=$(date +%s)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    result=ok
    if [ $rc -ne 0 ]; then result=FAILED; failed=1; fi
    line="$target runs=${runs:-?} seconds=$((end - start)) result=$result"
    echo "$line" >> "$build/summary.txt"
    echo "fuzz: $line" >&2
    if [ $rc -ne 0 ]; then
        grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -20 >&2
    fi
done
exit $failed
