#!/usr/bin/env bash
# Every output of the sample run (Thai and English: results and data-quality
# CSVs, the city workbook, every office workbook) has the bytes recorded in
# tests/golden/sample_outputs.sha256.  An intended change of output
# regenerates that list with `make golden` and says so in its commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
# 77: skipped (tests/run_tests.sh counts it apart, as automake does)
case "$BUILD" in *asan*|*fuzz*) echo "skipped in sanitizer builds (same bytes, slower)"; exit 77;; esac
if ! diff -u tests/golden/sample_outputs.sha256 <(tests/sample_checksums.sh); then
    echo "sample outputs differ from tests/golden/sample_outputs.sha256;" >&2
    echo "if the change is intended, run 'make golden' and commit the list" >&2
    exit 1
fi
