#!/bin/sh
# mutate.sh: builds, runs and judges the mutants of phase 1 and phase 2
# (docs/mutation.md). Run by `make mutate` and, on a sample, by CTest.
#
#   mutate.sh --env FILE --work DIR [--sample N --seed S] [--jobs J]
#             [--min-score P] [--timeout SECONDS]
#
# FILE is build/tools/mutate/mutate.env (made by CMake). Prints every mutant
# judged, the survivors with the reason each is equivalent (from
# tools/mutate/equivalent.txt), counts per kind, and last the line
#   mutants killed: K/N (P%)
# Exit status: 0; 1 when a survivor is unexplained or the score is below P;
# 2 when the harness itself fails (the unmutated build must agree).
set -eu

env= work= sample= seed=1 jobs=2 min_score=0 tmo=10 one=
while [ $# -gt 0 ]; do
    case "$1" in
        --env) env=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --sample) sample=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --min-score) min_score=$2; shift 2 ;;
        --timeout) tmo=$2; shift 2 ;;
        --one) one=$2; shift 2 ;;
        *) echo "mutate.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$env" ] && [ -n "$work" ] || { echo "usage: mutate.sh --env FILE --work DIR ..." >&2; exit 2; }
. "$env"

rsp_for() {
    case "$1" in
        */phase1/*) echo "$RSP_PHASE1" ;;
        *) echo "$RSP_PHASE2" ;;
    esac
}

# IGRF-11 from its SHC file too, when the shared data is there: the road
# through the file reader and a model without an SV column.
shc="$SHARED/data/coeffs/IGRF11.SHC"
impls_for() {
    case "$1" in
        */phase1/*) echo "--impl phase1" ;;
        *) echo "--impl phase2-legacy --impl phase2$([ -f "$shc" ] && echo " --model-file $shc")" ;;
    esac
}

baseline_for() {
    case "$1" in
        */phase1/*) echo "$work/baseline-phase1" ;;
        *) echo "$work/baseline-phase2" ;;
    esac
}

# Compiles SOURCE (a file standing for ORIGINAL) into DIR/run; 0 or 1.
build() {
    src=$1 orig=$2 dir=$3
    "$CC" "@$(rsp_for "$orig")" -I"$(dirname "$orig")" -c "$src" -o "$dir/mutant.o" \
        >"$dir/build.log" 2>&1 &&
    # shellcheck disable=SC2086
    "$LINKER" -o "$dir/run" $RUN_OBJ "$dir/mutant.o" $LIBS >>"$dir/build.log" 2>&1
}

# Runs the build in DIR against the vectors; prints the verdict word.
judge() {
    dir=$1 orig=$2
    set +e
    # shellcheck disable=SC2046,SC2086
    timeout "$tmo" "$dir/run" --baseline "$(baseline_for "$orig")" $(impls_for "$orig") \
        $(cat "$work/vector-files") >"$dir/run.log" 2>&1
    rc=$?
    set -e
    case $rc in
        0) echo survived ;;
        1) echo killed ;;
        2) echo refused ;;
        124) echo timeout ;;
        *) echo crashed ;;
    esac
}

# --one I: judges mutant I (line I of mutants.tsv), writes res/I.
if [ -n "$one" ]; then
    line=$(sed -n "${one}p" "$work/mutants.tsv")
    file=$(printf '%s\n' "$line" | cut -f1)
    id=$(printf '%s\n' "$line" | cut -f2)
    dir="$work/m$one"
    rm -rf "$dir"
    mkdir -p "$dir"
    src="$dir/$(basename "$file")"
    "$BIN/tdre-mutate" apply "$file" "$id" "$src"
    if build "$src" "$file" "$dir"; then
        verdict=$(judge "$dir" "$file")
    else
        verdict=stillborn
    fi
    detail=$(head -c 300 "$dir/run.log" 2>/dev/null | head -n 1 || true)
    [ "$verdict" = stillborn ] && detail=$(grep -m1 error "$dir/build.log" || true)
    printf '%s\t%s\n' "$verdict" "$detail" >"$work/res/$one"
    rm -rf "$dir"
    exit 0
fi

mkdir -p "$work"
# Absolute, so that __FILE__ of a mutant names it (phase 2's synth.c
# includes itself through __FILE__).
work=$(cd "$work" && pwd)
rm -rf "$work/res" "$work"/m[0-9]*
mkdir -p "$work/res"

# The vectors: the committed oracle rows, a generated set evaluated by the
# oracle (edges and a few thousand random and grid rows), and the vectors
# added to kill mutants (vectors/mutation/).
if [ ! -s "$work/generated.csv" ]; then
    "$BIN/tdre-gen" vectors --count 3000 --seed 20261204 -o "$work/generated-in.csv"
    "$BIN/tdre-eval" --impl oracle -o "$work/generated.csv" "$work/generated-in.csv" 2>/dev/null
fi
{
    echo "$SRC/vectors/igrf11-original.csv"
    echo "$work/generated.csv"
    for f in "$SRC"/vectors/mutation/*.csv; do [ -f "$f" ] && echo "$f"; done
} >"$work/vector-files"
rows=$(cat $(cat "$work/vector-files") | grep -vc '^isv' || true)

mkdir -p "$work/src"
snapshot=
for orig in $PHASE1_SOURCES $PHASE2_SOURCES; do
    mkdir -p "$work/src/$(basename "$(dirname "$orig")")"
    cp "$orig" "$work/src/$(basename "$(dirname "$orig")")/"
    snapshot="$snapshot $work/src/$(basename "$(dirname "$orig")")/$(basename "$orig")"
done

# The unmutated sources, built the way mutants are, must agree and give the
# baselines; a harness that cannot tell the original from a mutant is broken.
for orig in $snapshot; do
    dir="$work/m0-$(basename "$orig" .c)"
    mkdir -p "$dir"
    if ! build "$orig" "$orig" "$dir"; then
        echo "mutate.sh: the unmutated $orig does not build the mutant way:" >&2
        cat "$dir/build.log" >&2
        exit 2
    fi
    base=$(baseline_for "$orig")
    if [ ! -s "$base" ] || [ "$base" -ot "$dir/run" ]; then
        # shellcheck disable=SC2046
        if ! "$dir/run" --baseline-out "$base.tmp" $(impls_for "$orig") \
                $(cat "$work/vector-files") >"$dir/run.log" 2>&1; then
            echo "mutate.sh: the unmutated $orig does not agree with the oracle:" >&2
            cat "$dir/run.log" >&2
            exit 2
        fi
        mv "$base.tmp" "$base"
    fi
    if [ "$(judge "$dir" "$orig")" != survived ]; then
        echo "mutate.sh: the unmutated $orig is judged a mutant:" >&2
        cat "$dir/run.log" >&2
        exit 2
    fi
    rm -rf "$dir"
done

# Mutants of the snapshot (other work may edit the tree meanwhile), minus
# the functions tools/mutate/scope.txt leaves out, sampled when asked.
# shellcheck disable=SC2086
"$BIN/tdre-mutate" list $snapshot >"$work/all.tsv"
# Rules: FILE:FUNCTION, */PROFILE, or FILE:FUNCTION@REGEX (only the
# mutants of that function whose original line matches REGEX).
awk -F '\t' 'FILENAME == ARGV[1] {
        if ($0 ~ /^#/ || NF < 2) next
        if ((at = index($1, "@")) > 0) lines[substr($1, 1, at - 1)] = substr($1, at + 1)
        else out[$1] = 1
        next
    }
    {
        split($5, k, ":")
        f = k[1] ":" k[2]
        tag = k[2]; sub(/^[^\/]*/, "", tag)     # "/geomag70" of "f/geomag70"
        if (f in out || (tag != "" && ("*" tag) in out)) next
        if (f in lines && $7 ~ lines[f]) next
        print
    }' \
    "$SRC/tools/mutate/scope.txt" "$work/all.tsv" >"$work/inscope.tsv"
if [ -n "$sample" ]; then
    # A seeded pick over the in-scope list, the same on every machine.
    n=$(wc -l <"$work/inscope.tsv")
    awk -v want="$sample" -v seed="$seed" -v n="$n" 'BEGIN {
            # Linear congruential pick (portable across awks: integer arithmetic
            # below 2^53), a partial Fisher-Yates over 1..n.
            s = seed % 2147483647; if (s == 0) s = 1
            for (i = 1; i <= n; i++) idx[i] = i
            for (i = 1; i <= want && i <= n; i++) {
                s = (s * 48271) % 2147483647
                j = i + s % (n - i + 1)
                t = idx[i]; idx[i] = idx[j]; idx[j] = t
                pick[idx[i]] = 1
            }
        }
        pick[FNR]' "$work/inscope.tsv"
else
    cat "$work/inscope.tsv"
fi >"$work/mutants.tsv"
total=$(wc -l <"$work/mutants.tsv")
scoped_out=$(( $(wc -l <"$work/all.tsv") - $(wc -l <"$work/inscope.tsv") ))
echo "mutate: $scoped_out mutants of functions out of scope (tools/mutate/scope.txt)"
echo "mutate: $total mutants of $(echo $PHASE1_SOURCES $PHASE2_SOURCES | wc -w) files, $rows vector rows, $jobs jobs"

seq 1 "$total" | xargs -P "$jobs" -I{} sh "$0" --env "$env" --work "$work" \
    --timeout "$tmo" --one {}

exec awk -F '\t' -v min="$min_score" -v src="$work/src/" -f "$SRC/tools/mutate/report.awk" \
    RES="$work/res" "$SRC/tools/mutate/equivalent.txt" "$work/mutants.tsv"
