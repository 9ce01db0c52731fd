#!/usr/bin/env bash
# make install honours PREFIX (the alias of prefix), prefix, bindir, datadir
# and DESTDIR, and the installed program finds its reference data without
# flags.
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

# PREFIX, the old spelling: bin/ and share/ under it
own_make install DESTDIR="$root" PREFIX=/opt/itabench >/dev/null
test -x "$root/opt/itabench/bin/itabench"
test -f "$root/opt/itabench/share/itabench/reference/model_2564.csv"
test -f "$root/opt/itabench/share/itabench/reference/bangkok_districts.csv"
cp -r inputs "$root/in"
rm -rf "$root/in/reference"
(cd "$root" && opt/itabench/bin/itabench in -o out --no-office-books --no-city-book -q)
test "$(wc -l <"$root/out/results_2564.csv")" -eq 51

# prefix and bindir, GNU's names (the same data folder: nothing rebuilt)
own_make install DESTDIR="$root/gnu" prefix=/opt/itabench \
    bindir=/opt/itabench/programs >/dev/null
test -x "$root/gnu/opt/itabench/programs/itabench"
test ! -e "$root/gnu/opt/itabench/bin"
test -f "$root/gnu/opt/itabench/share/itabench/reference/model_2564.csv"

# datadir is both where the data go and the folder compiled in (a dry run:
# building for it would only repeat the build above)
plan=$(own_make -n -B install DESTDIR=/dest prefix=/opt/itabench datadir=/srv/ita)
grep -q "ITABENCH_DATADIR='\"/srv/ita/itabench/reference\"'" <<<"$plan"
grep -q "install .*/dest/srv/ita/itabench/reference" <<<"$plan"
