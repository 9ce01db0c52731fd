#!/usr/bin/env bash
# The whole program on the sample under valgrind: no invalid read or write,
# no use of uninitialised memory, no leak.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
# 77: skipped (tests/run_tests.sh counts it apart, as automake does)
case "$BUILD" in *asan*) echo "skipped under ASan (it checks the same)"; exit 77;; esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$BUILD/itabench" inputs/ -o "$out" --office 1001 -q
test -s "$out/results_2564.csv"
# and a run that fails on bad input frees everything too
printf 'year,office_code,item,score\n2564,1001,I1,101\n' >"$out/bad.csv"
set +e
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$BUILD/itabench" "$out/bad.csv" -o "$out/none" -q
status=$?
set -e
[ "$status" -eq 1 ] || { echo "expected exit 1, got $status"; exit 1; }
