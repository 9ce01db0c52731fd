#!/usr/bin/env bash
# Runs every test of the project and ends with "N passed, N failed".
#   unit:        build/tests/test_* (cmocka), one count per test case
#   integration: tests/integration/test_*.py (python3 unittest) and
#                tests/integration/test_*.sh (one count per script)
# ITABENCH_WRAP (e.g. "valgrind -q --error-exitcode=99") wraps every run of
# build/itabench inside the integration tests.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
passed=0
failed=0
failures=()
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

for bin in "$BUILD"/tests/test_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    out="$log/$name.out"
    "$bin" >"$out" 2>&1
    status=$?
    p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
    f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
    p=${p:-0}; f=${f:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    echo "unit $name: $p passed, $f failed"
    [ "$f" -eq 0 ] || { failures+=("$name"); cat "$out"; }
done

for t in tests/integration/test_*.py; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .py)
    out="$log/$name.out"
    (cd tests/integration && "$PY" -m unittest -v "$name") >"$out" 2>&1
    status=$?
    ran=$(sed -n 's/^Ran \([0-9]*\) test.*/\1/p' "$out" | tail -1)
    ran=${ran:-0}
    bad=$(grep -cE '^(FAIL|ERROR):' "$out")
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    ok=$((ran - bad)); [ "$ok" -ge 0 ] || ok=0
    passed=$((passed + ok)); failed=$((failed + bad))
    echo "integration $name: $ok passed, $bad failed"
    [ "$bad" -eq 0 ] || { failures+=("$name"); cat "$out"; }
done

for t in tests/integration/test_*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    out="$log/$name.out"
    if bash "$t" >"$out" 2>&1; then
        passed=$((passed + 1)); echo "integration $name: passed"
    else
        failed=$((failed + 1)); failures+=("$name"); echo "integration $name: FAILED"; cat "$out"
    fi
done

[ ${#failures[@]} -eq 0 ] || echo "failing: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
