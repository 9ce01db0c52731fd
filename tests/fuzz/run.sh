#!/usr/bin/env bash
# Builds the libFuzzer harnesses tests/fuzz/fuzz_*.c against a library
# compiled by `make fuzz` with -fsanitize=fuzzer-no-link,address,undefined,
# seeds each corpus with tests/bad and tests/fixtures (tests/fixtures/xlsx:
# small workbooks by openpyxl, LibreOffice and by hand, for fuzz_xlsx), and
# runs each harness for FUZZ_SECONDS.  Prints executions and findings per harness; exits 1 if
# any harness found a crash, a leak or a broken invariant (the input that
# did it is left in $FUZZ_BUILD/findings/).
#   FUZZ_BUILD    the build folder (build/fuzz)
#   FUZZ_SECONDS  time per harness (60)
#   FUZZ_ONLY     run only this harness (e.g. fuzz_ingest)
set -u
cd "$(dirname "$0")/../.."
FUZZ_BUILD=${FUZZ_BUILD:-build/fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_CFLAGS=${FUZZ_CFLAGS:--std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g -Iinclude}
LDLIBS=${LDLIBS:--lxlsxwriter -lcsv -lgsl -lgslcblas -lminizip -lexpat -lz -lm}
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
mkdir -p "$FUZZ_BUILD/findings"
status=0
summary=()
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    [ -n "${FUZZ_ONLY:-}" ] && [ "$FUZZ_ONLY" != "$name" ] && continue
    bin="$FUZZ_BUILD/$name"
    clang $FUZZ_CFLAGS $SAN "$src" "$FUZZ_BUILD/libitabench.a" -o "$bin" $LDLIBS || exit 1
    corpus="$FUZZ_BUILD/corpus/$name"
    seeds="$FUZZ_BUILD/seeds"
    mkdir -p "$corpus" "$seeds"
    # seeds: every bad input and fixture (small files only)
    find tests/bad tests/fixtures -type f -size -64k ! -name '*.tsv' \
        -exec cp -f {} "$seeds/" \; 2>/dev/null
    log="$FUZZ_BUILD/$name.log"
    "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=20 -rss_limit_mb=3072 \
        -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$FUZZ_BUILD/findings/$name-" \
        "$corpus" "$seeds" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$rc" -ne 0 ]; then
        status=1
        summary+=("$name: FINDING after ${execs:-?} executions (see $log)")
        grep -m5 -E 'ERROR|SUMMARY|abort' "$log"
    else
        summary+=("$name: ${execs:-?} executions in ${FUZZ_SECONDS}s, no finding")
    fi
done
printf '%s\n' "${summary[@]}"
exit $status
