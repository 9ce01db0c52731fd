#!/usr/bin/env bash
# make install honours PREFIX and DESTDIR, and the installed program finds
# its reference data without flags.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
make -s BUILD="$BUILD" install DESTDIR="$root" PREFIX=/opt/itabench >/dev/null
test -x "$root/opt/itabench/bin/itabench"
test -f "$root/opt/itabench/share/itabench/reference/model_2564.csv"
test -f "$root/opt/itabench/share/itabench/reference/bangkok_districts.csv"
cp -r inputs "$root/in"
rm -rf "$root/in/reference"
(cd "$root" && opt/itabench/bin/itabench in -o out --no-office-books --no-city-book -q)
test "$(wc -l <"$root/out/results_2564.csv")" -eq 51
