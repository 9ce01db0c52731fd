#!/usr/bin/env bash
# The version is set in one place, the Makefile's VERSION: --version prints
# it (read here from the Makefile itself), and so does the author of the
# workbooks the program writes.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
version=$(sed -n 's/^VERSION *= *\([^ ]*\) *$/\1/p' Makefile)
[ -n "$version" ] || { echo "no VERSION line in the Makefile"; exit 1; }
printed=$("$BUILD/itabench" --version)
[ "$printed" = "itabench $version" ] || {
    echo "--version printed '$printed', the Makefile says $version"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$BUILD/itabench" inputs/ -o "$out" --no-office-books -q
author=$(/usr/bin/python3 -c 'import sys, openpyxl
print(openpyxl.load_workbook(sys.argv[1]).properties.creator)' "$out/ita_2564_city.xlsx")
[ "$author" = "itabench $version" ] || {
    echo "the city workbook's author is '$author', not itabench $version"; exit 1; }
