#!/usr/bin/env bash
# make bench: ingest and score the whole country, 8,300 offices x every item
# of the model (synthetic input from build/itagen, seeded), and print rows/s
# and peak memory.  Figures, not pass/fail: compare them between commits.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OFFICES=${OFFICES:-8300}
RUNS=${RUNS:-3}
data="$BUILD/bench/$OFFICES"
if [ ! -f "$data/reference/offices_$OFFICES.csv" ]; then
    rm -rf "$data"
    "$BUILD/itagen" --out "$data" --offices "$OFFICES" --years 2564 --seed 1 >/dev/null
fi
scores="$data/synthetic_scores_2564_long.csv"
rows=$(($(wc -l <"$scores") - 1))
bytes=$(wc -c <"$scores")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bench() {  # label, extra options
    local label=$1; shift
    local best="" rss=""
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %M' -o "$out/time" \
            "$BUILD/itabench" "$data" --districts "$data/reference/offices_$OFFICES.csv" \
            -o "$out/o" -q "$@"
        read -r secs kb <"$out/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; rss=$kb; fi
    done
    awk -v l="$label" -v s="$best" -v r="$rows" -v kb="$rss" -v b="$bytes" 'BEGIN {
        if (s < 0.01) s = 0.01
        printf "%-34s %8.2f s  %10.0f rows/s  %6.1f MB/s  peak %6.1f MiB\n",
               l, s, r / s, b / 1048576 / s, kb / 1024 }'
}

echo "itabench bench: $OFFICES offices, $rows item rows ($((bytes / 1048576)) MiB), best of $RUNS"
bench "ingest + score + CSV outputs" --no-office-books --no-city-book
if "$BUILD/itabench" --help | grep -q -- '--no-city-book'; then
    bench "... + city workbook" --no-office-books
fi
