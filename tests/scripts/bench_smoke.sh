#!/bin/sh
# bench_smoke.sh: tdre-bench and tdre-eval --timing keep their promises of
# form (issue 10), on a few rows: a benchmark that stops printing a figure,
# or prints a malformed last line, breaks the scripts that track it. No
# speed is judged here.
#
#   bench_smoke.sh BIN_DIR
set -eu

bin=$1
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tdre-bench-smoke.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
fail() { echo "bench_smoke: $*" >&2; exit 1; }

# tdre-eval --timing: the same output bytes, three stages and the wall time
# on standard error, each with a number of seconds and of us per row.
"$bin/tdre-gen" vectors --count 3000 -o "$scratch/v.csv"
"$bin/tdre-eval" --impl phase2 "$scratch/v.csv" -o "$scratch/plain.csv" 2>/dev/null || [ $? -eq 1 ]
for threads in 1 2; do
    "$bin/tdre-eval" --impl phase2 --threads $threads --timing "$scratch/v.csv" \
        -o "$scratch/timed.csv" 2>"$scratch/err" || [ $? -eq 1 ]
    cmp "$scratch/plain.csv" "$scratch/timed.csv" || fail "--timing changed the output"
    for stage in "read and parse" "evaluate" "format and write" "wall time"; do
        grep -Eq "^tdre-eval:   $stage +[0-9]+\.[0-9]{3} s +[0-9]+\.[0-9]{3} us/row$" "$scratch/err" ||
            fail "--threads $threads: no '$stage' timing line in: $(cat "$scratch/err")"
    done
done

# tdre-bench, small: every section and the last line scripts read.
"$bin/tdre-bench" --points 3000 --reps 1 --max-scale 1000 --eval-rows 3000 >"$scratch/bench" ||
    fail "tdre-bench exited $?"
for section in "tdre-eval time split over 3000 rows" "per row: read and parse" \
               "reading and writing together" "tdre-verify over 3000 rows" \
               "both files" "reading the vectors" "--timing > (null device)" "format and write"; do
    grep -Fq -- "$section" "$scratch/bench" || fail "tdre-bench printed no '$section'"
done
last=$(tail -n 1 "$scratch/bench")
echo "$last" | grep -Eq '^batch speedup vs oracle: [0-9]+\.[0-9]{2}x \(1 thread\)$' ||
    fail "last line is '$last'"
grep -q "did not run cleanly\|did not exit 0\|skipped" "$scratch/bench" &&
    fail "a section did not run: $(grep "did not\|skipped" "$scratch/bench")"
exit 0
