# itabench: see README.md.
#
#   make / make all   builds build/itabench and build/itagen (nothing else)
#   make deps         installs the missing Debian packages needed to build
#   make run          deps, build, score the sample into outputs/
#   make test         deps + test tools, build with -Werror, run every test,
#                     JOBS at a time (default: the online CPUs)
#   make check        the same as make test (the conventional name)
#   make check-unit   build with -Werror, run the cmocka unit tests only
#
# `make run`, `make test` and `make deps` install what a fresh Debian machine
# lacks (apt-get, with sudo when not root); plain `make` never does.
# The usual variables work: make CC=clang CFLAGS=-O0 CPPFLAGS=... LDFLAGS=...
# WERROR=1 turns warnings into errors (on in `make test` and in .ci/run).

CC       ?= cc
BUILD    ?= build
# The version, in this one place: passed to the code as ITABENCH_VERSION.
VERSION   = 0.1.0

# Where `make install` puts things, in GNU's names; PREFIX, the older
# spelling, is an alias of prefix.  The reference data's folder is compiled
# in (found there when not beside the program).
PREFIX      ?= /usr/local
prefix      ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir      ?= $(exec_prefix)/bin
datarootdir ?= $(prefix)/share
datadir     ?= $(datarootdir)
DESTDIR     ?=
REFERENCE_DIR = $(datadir)/itabench/reference

# Debian packages: to build, and in addition to test.
BUILD_PACKAGES = libxlsxwriter-dev libcsv-dev libgsl-dev libcmocka-dev pkg-config libssl-dev \
                 libminizip-dev libexpat1-dev libthai-dev
TEST_PACKAGES  = python3 python3-openpyxl python3-uno valgrind libreoffice-calc-nogui \
                 fonts-thai-tlwg poppler-utils

# The user's CFLAGS (default -O2 -g); what the build itself needs is kept
# apart in ITA_CPPFLAGS / ITA_CFLAGS so that overriding CFLAGS keeps it.
CFLAGS       ?= -O2 -g
WERROR       ?=
ITA_CPPFLAGS  = -Iinclude -D_GNU_SOURCE -DITABENCH_DATADIR='"$(REFERENCE_DIR)"' \
                -DITABENCH_VERSION='"$(VERSION)"' $(PC_CFLAGS)
ITA_CFLAGS    = -std=c11 -Wall -Wextra $(if $(filter-out 0,$(WERROR)),-Werror)
DEPFLAGS      = -MMD -MP
COMPILE       = $(CC) $(ITA_CPPFLAGS) $(CPPFLAGS) $(ITA_CFLAGS) $(CFLAGS)

# Libraries: pkg-config gives the flags of every one that ships a .pc file
# (`pkg-config --exists` finds each of these on Debian); libcsv ships none
# and is named as is, and so is libm, which the code uses itself.  A module
# pkg-config does not find stops the build with a message, not a link error.
PKG_CONFIG   ?= pkg-config
PC_LIBS       = xlsxwriter gsl libthai minizip expat zlib libcrypto
PC_TEST_LIBS  = cmocka
PLAIN_LIBS    = -lcsv -lm
PC_MISSING   := $(shell for m in $(PC_LIBS) $(PC_TEST_LIBS); do \
                  $(PKG_CONFIG) --exists $$m 2>/dev/null || echo $$m; done)
pc_flags      = $(if $(2),$(shell $(PKG_CONFIG) $(1) $(2) 2>/dev/null))
PC_CFLAGS    := $(call pc_flags,--cflags,$(filter-out $(PC_MISSING),$(PC_LIBS)))
LDLIBS       += $(call pc_flags,--libs,$(filter-out $(PC_MISSING),$(PC_LIBS))) $(PLAIN_LIBS)
TEST_LDLIBS  := $(call pc_flags,--libs,$(filter-out $(PC_MISSING),$(PC_TEST_LIBS)))
# Stops the recipe when a module of $(1) is missing.
define require_pc
	@missing='$(strip $(filter $(1),$(PC_MISSING)))'; [ -z "$$missing" ] || { \
	  echo "itabench: pkg-config finds no $$missing (make deps installs it)" >&2; exit 1; }
endef

PROGRAMS  = itabench itagen
LIB_SRC   = $(filter-out src/main_%.c,$(wildcard src/*.c))
LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ  = $(PROGRAMS:%=$(BUILD)/obj/main_%.o)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UNIT_OBJ  = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/obj/%.o)

.PHONY: all deps test-deps run test check check-unit unit bench validate install uninstall \
        clean asan fuzz golden FORCE

all: $(PROGRAMS:%=$(BUILD)/%)

# Installs the missing packages among $(1).
define ensure_packages
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then \
	    echo "itabench: please install:$$missing" >&2; exit 1; fi; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "itabench: installing Debian packages:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
endef

deps:
	$(call ensure_packages,$(BUILD_PACKAGES))

test-deps: deps
	$(call ensure_packages,$(TEST_PACKAGES))

# Everything is rebuilt when the compile or link command changes (another
# CFLAGS, WERROR, CC): $(BUILD)/flags is rewritten only when it differs.
BUILD_FLAGS = $(COMPILE) | $(LDFLAGS) $(LDLIBS)
$(BUILD)/flags: FORCE
	$(call require_pc,$(PC_LIBS))
	@mkdir -p $(@D); \
	flags='$(subst ','\'',$(BUILD_FLAGS))'; \
	[ "$$flags" = "$$(cat $@ 2>/dev/null)" ] || printf '%s\n' "$$flags" >$@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/flags | $(BUILD)/obj
	$(COMPILE) $(DEPFLAGS) -c $< -o $@

$(BUILD)/libitabench.a: $(LIB_OBJ)
	@# made afresh: a module removed from src/ must not stay in the archive
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%: $(BUILD)/obj/main_%.o $(BUILD)/libitabench.a
	$(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/obj/%.o: tests/unit/%.c $(BUILD)/flags | $(BUILD)/tests/obj
	$(COMPILE) $(DEPFLAGS) -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/obj/%.o $(BUILD)/libitabench.a
	$(call require_pc,$(PC_TEST_LIBS))
	$(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS) $(TEST_LDLIBS)

# The workbook kit's test links the kit's objects and their helpers only,
# not libitabench.a: it cannot link if the kit needs an ITA module.
KIT_OBJ = $(patsubst %,$(BUILD)/obj/%.o,xlsx_book xlsx_table xlsx_print \
            outfile text textlayout thai_digits names xlsx_zip)

$(BUILD)/tests/test_xlsx_kit: $(BUILD)/tests/obj/test_xlsx_kit.o $(KIT_OBJ)
	$(call require_pc,$(PC_TEST_LIBS))
	$(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS) $(TEST_LDLIBS)

# Helper programs of the integration tests, built like the unit tests (so
# the sanitizer builds get them too).
PROBE_SRC = $(wildcard tests/integration/*_probe.c)
PROBE_BIN = $(PROBE_SRC:tests/integration/%.c=$(BUILD)/tests/%)

$(BUILD)/tests/%_probe: tests/integration/%_probe.c $(BUILD)/libitabench.a $(BUILD)/flags | $(BUILD)/tests/obj
	$(COMPILE) $< $(BUILD)/libitabench.a -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/obj $(BUILD)/tests/obj:
	mkdir -p $@

# The main objects are not intermediate files to delete.
.SECONDARY: $(MAIN_OBJ) $(UNIT_OBJ)

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

unit: $(UNIT_BIN) $(PROBE_BIN)

run: deps
	$(MAKE) all
	$(BUILD)/itabench inputs/ -o outputs/

test: test-deps
	$(MAKE) WERROR=1 all unit
	@BUILD=$(BUILD) tests/run_tests.sh

check: test

# The cmocka unit tests alone (seconds, no LibreOffice).
check-unit:
	@$(MAKE) --no-print-directory WERROR=1 unit
	@failed=0; for t in $(UNIT_BIN); do \
	  $$t >$(BUILD)/tests/obj/log 2>&1 || { cat $(BUILD)/tests/obj/log; failed=$$((failed + 1)); }; \
	  sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/'"$$(basename $$t)"': \1 passed/p' $(BUILD)/tests/obj/log; \
	done; \
	echo "unit tests: $$failed binaries failed"; [ $$failed -eq 0 ]

# AddressSanitizer + UndefinedBehaviorSanitizer build, whole suite.
asan:
	$(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

# libFuzzer harnesses (tests/fuzz, clang) for the CSV ingest, the .xlsx
# reader, the number parser and the encoding detection, seeded with
# tests/bad and tests/fixtures; each runs FUZZ_SECONDS.  Findings go to build/fuzz/findings.
PROPERTY_VARIANTS ?= 3000
# edits of the plan cycle's round-trip property test under `make fuzz`
# (make test runs 300)
ROUNDTRIP_EDITS ?= 3000
FUZZ_SECONDS ?= 60
fuzz: deps
	$(MAKE) BUILD=build/fuzz CC=clang WERROR=1 CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  build/fuzz/libitabench.a
	FUZZ_BUILD=build/fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) LDLIBS='$(LDLIBS)' tests/fuzz/run.sh
	$(MAKE) all
	cd tests/integration && ITABENCH_PROPERTY_VARIANTS=$(PROPERTY_VARIANTS) \
	  ITABENCH_PROPERTY_SEED=$$(date +%s) /usr/bin/python3 -m unittest -v test_property
	cd tests/integration && ITABENCH_ROUNDTRIP_EDITS=$(ROUNDTRIP_EDITS) \
	  ITABENCH_ROUNDTRIP_SEED=$$(date +%s) /usr/bin/python3 -m unittest -v \
	  test_roundtrip_property

# Rewrites the recorded checksums of the sample outputs (on purpose only).
golden: all
	@BUILD=$(BUILD) tests/sample_checksums.sh --update

# The long simulation of the uncertainty method (tests/validate/simulate.py):
# prints coverage, widths, p_pass calibration, rank coverage and change
# flags per data path and inter-item correlation.  CITIES=40 per correlation.
validate: all
	BUILD=$(BUILD) /usr/bin/python3 tests/validate/simulate.py --cities $(or $(CITIES),40)

# pandas + XlsxWriter run tests/bench_pandas.py, side by side with itabench.
BENCH_PACKAGES = time python3-pandas python3-xlsxwriter
bench: all $(BUILD)/tests/ingest_probe
	$(call ensure_packages,$(BENCH_PACKAGES))
	@BUILD=$(BUILD) tests/bench.sh

install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(REFERENCE_DIR)
	install -m 755 $(BUILD)/itabench $(DESTDIR)$(bindir)/itabench
	install -m 644 inputs/reference/*.csv $(DESTDIR)$(REFERENCE_DIR)/

uninstall:
	rm -f $(DESTDIR)$(bindir)/itabench
	rm -rf $(DESTDIR)$(datadir)/itabench

clean:
	rm -rf $(BUILD)
