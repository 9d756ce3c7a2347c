#!/bin/sh
# Installs the Debian packages tdre builds and tests with, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command and fails,
# so that nothing is ever installed behind a user's back.
#
#   tools/install-deps.sh           check, install what is missing (root)
#   tools/install-deps.sh --check   check only; exit 1 when something is missing
#   TDRE_DEPS_CI=1 tools/install-deps.sh   also what CI's sanitizer job needs
set -eu

# package -> file or command whose presence shows it is installed
need() {
    case "$1" in
        gfortran)    command -v gfortran >/dev/null 2>&1 ;;
        cmake)       command -v cmake >/dev/null 2>&1 ;;
        pkg-config)  command -v pkg-config >/dev/null 2>&1 ;;
        libgsl-dev)  [ -f /usr/include/gsl/gsl_statistics_double.h ] ;;
        check)       [ -f /usr/include/check.h ] ;;
        gnuplot-nox) command -v gnuplot >/dev/null 2>&1 ;;
        gcovr)       command -v gcovr >/dev/null 2>&1 ;;
        valgrind)    command -v valgrind >/dev/null 2>&1 ;;
        clang)       command -v clang >/dev/null 2>&1 ;;
        libclang-rt-14-dev)
            ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ;;
        make)        command -v make >/dev/null 2>&1 ;;
        gcc)         command -v gcc >/dev/null 2>&1 ;;
    esac
}

packages="gcc make gfortran cmake pkg-config libgsl-dev check gnuplot-nox gcovr"
# CI also runs the sanitizer job: valgrind, and clang's libFuzzer for the
# short fuzz runs (tools/ci-sanitize.sh).
[ "${TDRE_DEPS_CI:-}" = 1 ] && packages="$packages valgrind clang libclang-rt-14-dev"
missing=""
for p in $packages; do
    need "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "${1:-}" = "--check" ]; then
    echo "tdre: missing Debian packages:$missing" >&2
    exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "tdre: missing Debian packages:$missing" >&2
    echo "tdre: install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi

echo "tdre: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
