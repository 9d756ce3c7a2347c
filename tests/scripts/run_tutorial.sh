#!/bin/sh
# run_tutorial.sh: runs the command blocks of docs/tutorial.md, in order, in
# a scratch copy of the repository (so the tutorial cannot rot).
#
#   run_tutorial.sh SOURCE_DIR BUILD_DIR [TUTORIAL]
#
# Every ```sh block is run with `sh -e` from the copy's root, where `build`
# is the CMake build directory and `../shared` the shared data (environment
# TDRE_SHARED). A block whose first line is `# expect-fail` must exit
# non-zero; every other block must exit 0. Exit status 0 when all blocks
# behave, 1 when one does not (its output is shown), 77 (skipped) when the
# shared data the tutorial reads is absent.
set -eu

src=$1
build=$2
tutorial=${3:-$src/docs/tutorial.md}

if [ -z "${TDRE_SHARED:-}" ] || [ ! -d "$TDRE_SHARED/data" ]; then
    echo "run_tutorial: TDRE_SHARED not set or not a shared data directory: skipped"
    exit 77
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tdre-tutorial.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir "$scratch/tdre" "$scratch/blocks"
ln -s "$(cd "$TDRE_SHARED" && pwd)" "$scratch/shared"
# The source tree without build directories or version control.
(cd "$src" && tar cf - --exclude='./build' --exclude='./build-*' --exclude='./.git' .) |
    (cd "$scratch/tdre" && tar xf -)
ln -s "$(cd "$build" && pwd)" "$scratch/tdre/build"

# Blocks: ```sh up to the next ```, one file each, numbered in order.
awk -v dir="$scratch/blocks" '
    /^```sh[ \t]*$/ { n++; file = sprintf("%s/%03d.sh", dir, n); inblock = 1; printf "" > file; next }
    /^```/ && inblock { inblock = 0; close(file); next }
    inblock { print > file }
    END { if (inblock) { print "run_tutorial: unterminated sh block" > "/dev/stderr"; exit 1 } }
' "$tutorial"

count=0
for block in "$scratch"/blocks/*.sh; do
    [ -f "$block" ] || continue
    count=$((count + 1))
    expect=0
    head -n 1 "$block" | grep -q '^# expect-fail' && expect=1
    echo "--- block $count$( [ $expect = 1 ] && echo ' (expected to fail)'):"
    sed 's/^/    /' "$block"
    set +e
    (cd "$scratch/tdre" && sh -e "$block") >"$scratch/out" 2>&1
    rc=$?
    set -e
    if { [ $expect = 0 ] && [ $rc != 0 ]; } || { [ $expect = 1 ] && [ $rc = 0 ]; }; then
        echo "run_tutorial: block $count exited with $rc, expected $([ $expect = 1 ] && echo 'non-zero' || echo 0):"
        cat "$scratch/out"
        exit 1
    fi
    echo "    -> exit $rc ($(wc -l <"$scratch/out") lines of output)"
done
if [ "$count" -eq 0 ]; then
    echo "run_tutorial: no sh blocks in $tutorial"
    exit 1
fi
echo "run_tutorial: all $count blocks behaved"
