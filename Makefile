# itabench: see README.md.  `make run` and `make test` install what a fresh
# Debian machine lacks (apt-get, with sudo when not root).

CC       ?= cc
PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
DATADIR   = $(PREFIX)/share/itabench/reference

# Debian packages: to build, and in addition to test.
BUILD_PACKAGES = libxlsxwriter-dev libcsv-dev libgsl-dev libcmocka-dev pkg-config libssl-dev
TEST_PACKAGES  = python3 python3-openpyxl valgrind libreoffice-calc-nogui \
                 fonts-thai-tlwg poppler-utils

OPTFLAGS ?= -O2 -g
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(OPTFLAGS) -Iinclude \
            -DITABENCH_DATADIR='"$(DATADIR)"'
LDLIBS   += -lxlsxwriter -lcsv -lgsl -lgslcblas -lz -lm -lcrypto

PROGRAMS  = itabench itagen
LIB_SRC   = $(filter-out src/main_%.c,$(wildcard src/*.c))
LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps test-deps run test bench install uninstall clean asan

all: deps $(PROGRAMS:%=$(BUILD)/%)

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

$(BUILD)/obj/%.o: src/%.c $(wildcard include/*.h) | $(BUILD)/obj
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libitabench.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/%: $(BUILD)/obj/main_%.o $(BUILD)/libitabench.a
	$(CC) $(CFLAGS) $^ -o $@ $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libitabench.a $(wildcard include/*.h tests/unit/*.h) | $(BUILD)/tests
	$(CC) $(CFLAGS) $< $(BUILD)/libitabench.a -o $@ $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

# The sample is synthetic: made by build/itagen from a fixed seed.
SAMPLE_YEARS = 2563 2564

run: all
	$(BUILD)/itabench inputs/ -o outputs/

test: test-deps all $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run_tests.sh

# AddressSanitizer + UndefinedBehaviorSanitizer build, whole suite.
asan:
	$(MAKE) BUILD=build/asan OPTFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

# libFuzzer harnesses (tests/fuzz, clang) for the CSV ingest, the number
# parser and the encoding detection, seeded with tests/bad and
# tests/fixtures; each runs FUZZ_SECONDS.  Findings go to build/fuzz/findings.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: deps
	$(MAKE) BUILD=build/fuzz CC=clang OPTFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  build/fuzz/libitabench.a
	FUZZ_BUILD=build/fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) LDLIBS='$(LDLIBS)' tests/fuzz/run.sh

# Rewrites the recorded checksums of the sample outputs (on purpose only).
.PHONY: golden
golden: all
	@BUILD=$(BUILD) tests/sample_checksums.sh --update

bench: all
	$(call ensure_packages,time)
	@BUILD=$(BUILD) tests/bench.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)
	install -m 755 $(BUILD)/itabench $(DESTDIR)$(PREFIX)/bin/itabench
	install -m 644 inputs/reference/*.csv $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/itabench
	rm -rf $(DESTDIR)$(PREFIX)/share/itabench

clean:
	rm -rf build
