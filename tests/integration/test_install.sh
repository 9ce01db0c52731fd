#!/usr/bin/env bash
# make install honours PREFIX and DESTDIR, and the installed program finds
# its reference data without flags.
#
# Another prefix is another compiled-in data folder, hence other flags: the
# program is built in a folder of its own ($BUILD/install-test), never in the
# suite's $BUILD, which the other tests are running (under `make asan` they
# would go on with a binary built without the sanitizers).  MAKEFLAGS is
# dropped so that the outer make's variables (BUILD, CFLAGS of `make asan`)
# do not reach this build; -O0 since only what is installed is checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
own_make() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
        make -s BUILD="$BUILD/install-test" CFLAGS=-O0 "$@"
}

own_make install DESTDIR="$root" PREFIX=/opt/itabench >/dev/null
test -x "$root/opt/itabench/bin/itabench"
test -f "$root/opt/itabench/share/itabench/reference/model_2564.csv"
test -f "$root/opt/itabench/share/itabench/reference/bangkok_districts.csv"
cp -r inputs "$root/in"
rm -rf "$root/in/reference"
(cd "$root" && opt/itabench/bin/itabench in -o out --no-office-books --no-city-book -q)
test "$(wc -l <"$root/out/results_2564.csv")" -eq 51

