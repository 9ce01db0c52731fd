#!/usr/bin/env bash
# The SHA-256 of every output of the sample run, in Thai and in English, one
# "digest  lang/path" line each, sorted.  Used two ways:
#   tests/sample_checksums.sh            prints the list
#   tests/sample_checksums.sh --update   rewrites tests/golden/sample_outputs.sha256
# The list changes only on purpose (`make golden`): a change of output that
# nobody asked for shows up as a failing test_sample_checksums.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for lang in th en; do
    "$BUILD/itabench" inputs/ -o "$out/$lang" --lang "$lang" -q
done
list=$(cd "$out" && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum)
if [ "${1:-}" = "--update" ]; then
    printf '%s\n' "$list" >tests/golden/sample_outputs.sha256
    echo "tests/golden/sample_outputs.sha256: $(printf '%s\n' "$list" | wc -l) outputs"
else
    printf '%s\n' "$list"
fi
