#!/usr/bin/env bash
# Runs every test of the project and ends with "N passed, N failed, N skipped"
# (CI reads that line; a skipped test is never counted as passed).
#   unit:        build/tests/test_* (cmocka), one count per test case
#   integration: tests/integration/test_*.py (python3 unittest), one count
#                per test method; tests/integration/test_*.sh, one count per
#                script, exit status 77 meaning skipped (as in automake)
#   layers:      tests/layers.sh, the include graph against the layer table
# Every file is an independent test, started side by side, JOBS at a time
# (default: the online CPUs); each test's lines are printed whole when it
# ends, never mixed with another's.  Each worker reuses one LibreOffice
# profile folder across its tests (ITABENCH_LO_PROFILE, read by
# tests/integration/libreoffice.py), so that LibreOffice starts warm.
# TESTS="test_install test_csvread" runs only the tests so named.
# ITABENCH_WRAP (e.g. "valgrind -q --error-exitcode=99") wraps every run of
# build/itabench inside the integration tests.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
export BUILD
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SKIP_STATUS=77
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
export PY SKIP_STATUS log

# Tests that take longest start first, so that the last ones to start are
# short: every test that took over a minute, longest first (measured with
# JOBS=2 on a loaded 2-core machine; a test not listed starts after these).
SLOW_FIRST=(test_property test_kill test_office_books test_one_language
            test_xlsx_input test_city_print test_plan_follows_target
            test_keep_edits test_city_libreoffice test_bad_inputs test_valgrind
            test_install test_plan_pages)

# The number the sed expression $2 takes from the last matching line of $1, or 0.
count() {
    local n
    n=$(sed -n "$2" "$1" | tail -1)
    echo "${n:-0}"
}

# The counts of a cmocka binary's log: passed failed skipped.
unit_counts() {
    local out=$1 status=$2 p f s
    p=$(count "$out" 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p')
    f=$(count "$out" 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p')
    s=$(count "$out" 's/.*\[  SKIPPED \] \([0-9]*\) test.*/\1/p')
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    echo "$p $f $s"
}

# The counts of a unittest -v log: passed failed skipped.  A failure,
# error or unexpected success fails; a skip (of a test or of its class)
# is counted apart.
unittest_counts() {
    local out=$1 status=$2 ran bad s u ok
    ran=$(count "$out" 's/^Ran \([0-9]*\) test.*/\1/p')
    bad=$(grep -cE '^(FAIL|ERROR|UNEXPECTED SUCCESS):' "$out")
    s=$(count "$out" 's/^\(OK\|FAILED\) (.*skipped=\([0-9]*\).*/\2/p')
    u=$(count "$out" 's/^\(OK\|FAILED\) (.*unexpected successes=\([0-9]*\).*/\2/p')
    [ "$bad" -ge "$u" ] || bad=$u
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    ok=$((ran - bad - s)); [ "$ok" -ge 0 ] || ok=0
    echo "$ok $bad $s"
}

# Runs one test (kind and path: "unit build/tests/test_x"), writes its
# counts to $log/<name>.counts and prints its result, with its output when
# it failed, in one piece under a lock.
run_one() {
    local kind=$1 path=$2 name counts status start
    name=$(basename "$path"); name=${name%.py}; name=${name%.sh}
    # by kind too: a unit test and an integration test may share a name
    local out="$log/$kind-$name.out"
    export ITABENCH_LO_PROFILE="$log/libreoffice-${ITABENCH_WORKER:-0}"
    start=$(date +%s.%N)
    case $kind in
    unit)
        "$path" >"$out" 2>&1; status=$?
        counts=$(unit_counts "$out" "$status") ;;
    python)
        (cd tests/integration && "$PY" -m unittest -v "$name") >"$out" 2>&1
        status=$?
        counts=$(unittest_counts "$out" "$status") ;;
    shell)
        bash "$path" >"$out" 2>&1; status=$?
        case $status in
        0) counts="1 0 0" ;;
        "$SKIP_STATUS") counts="0 0 1" ;;
        *) counts="0 1 0" ;;
        esac ;;
    esac
    echo "$counts" >"$log/$kind-$name.counts"
    local seconds p f s
    seconds=$(echo "$start $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}')
    read -r p f s <<<"$counts"
    {
        flock 9
        echo "$kind $name: $p passed, $f failed, $s skipped (${seconds} s)"
        if [ "$f" -ne 0 ]; then
            cat "$out"
        elif [ "$s" -ne 0 ]; then
            grep -iE 'skip' "$out" | sed 's/^/    /'
        fi
    } 9>>"$log/print.lock"
}
export -f count unit_counts unittest_counts run_one

# Every test as "kind path", the slow ones first.
list_tests() {
    local bin t
    for t in "${SLOW_FIRST[@]}"; do
        for ext in py sh; do
            [ -f "tests/integration/$t.$ext" ] || continue
            [ "$ext" = py ] && echo "python tests/integration/$t.py"
            [ "$ext" = sh ] && echo "shell tests/integration/$t.sh"
        done
    done
    for t in tests/integration/test_*.py; do
        [[ " ${SLOW_FIRST[*]} " == *" $(basename "$t" .py) "* ]] || echo "python $t"
    done
    for t in tests/integration/test_*.sh; do
        [[ " ${SLOW_FIRST[*]} " == *" $(basename "$t" .sh) "* ]] || echo "shell $t"
    done
    echo "shell tests/layers.sh"
    for bin in "$BUILD"/tests/test_*; do
        [ -x "$bin" ] && echo "unit $bin"
    done
}

# Only the tests named in $TESTS, when given.
select_tests() {
    local kind path name
    while read -r kind path; do
        name=$(basename "$path"); name=${name%.py}; name=${name%.sh}
        [ -z "${TESTS:-}" ] || [[ " $TESTS " == *" $name "* ]] || continue
        echo "$kind $path"
    done
}

list_tests | select_tests >"$log/tests"
xargs -P "$JOBS" --process-slot-var=ITABENCH_WORKER -L 1 \
    bash -c 'run_one "$1" "$2"' run_one <"$log/tests"

passed=0 failed=0 skipped=0 missing=0
failures=()
while read -r kind path; do
    name=$(basename "$path"); name=${name%.py}; name=${name%.sh}
    if [ ! -f "$log/$kind-$name.counts" ]; then  # the runner itself failed
        missing=$((missing + 1)); failures+=("$name"); continue
    fi
    read -r p f s <"$log/$kind-$name.counts"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$f" -eq 0 ] || failures+=("$name")
done <"$log/tests"
failed=$((failed + missing))

[ ${#failures[@]} -eq 0 ] || echo "failing: ${failures[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
