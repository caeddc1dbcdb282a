# go-tools — `make demo` and `make check` are all a newcomer needs.
#
#   make                 build every tool into $(BUILD)/bin
#   make check           build, then run every test (prove)
#   make check SANITIZE=1   the same under ASan and UBSan (in build-san/)
#   make demo            run the pipeline on examples/ into a fresh store
#   make bench           the benchmarks of bench/ (slow; not part of check)
#   make install PREFIX=/usr/local DESTDIR=
#   make deps            install missing Debian packages (as root) or print the command

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/go-tools

PKGS    := jansson libgit2 libarchive opencc zlib libcmark
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CPPFLAGS += -D_GNU_SOURCE -Ilib

ifeq ($(SANITIZE),1)
BUILD   ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD   ?= build
SANFLAGS :=
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(SANFLAGS)
# --as-needed: each tool records only the libraries it really calls.
ALL_LDFLAGS = $(SANFLAGS) -Wl,--as-needed $(LDFLAGS)

TOOLS   := $(patsubst cmd/%.c,%,$(wildcard cmd/go-*.c))
LIBSRC  := $(wildcard lib/*.c)
LIBOBJ  := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIBSRC)) $(BUILD)/lib/calendar-data.o
UNITS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))
BINS    := $(addprefix $(BUILD)/bin/,$(TOOLS))
HOLIDAYS := $(wildcard data/holiday-cn/*.json)

# Debian packages: to build, and in addition to test and demo.
DEB_BUILD := gcc make pkg-config libjansson-dev libgit2-dev libarchive-dev libopencc-dev zlib1g-dev libcmark-dev
DEB_TEST  := git jq libarchive-tools zstd pre-commit perl chromium fonts-wqy-microhei python3 libxml2-utils nodejs

.PHONY: all deps deps-test check demo bench install clean fuzz
all: $(BINS) $(UNITS)

deps:
	@sh tests/deps.sh $(DEB_BUILD)
deps-test:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST)

$(BUILD)/lib/%.o: lib/%.c lib/go.h | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The working-day calendar is compiled from the holiday-cn year files.
$(BUILD)/gen-calendar: data/gen-calendar.c | deps
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(PKG_LIBS)
$(BUILD)/lib/calendar-data.c: $(BUILD)/gen-calendar $(HOLIDAYS)
	@mkdir -p $(@D)
	$(BUILD)/gen-calendar $(HOLIDAYS) > $@.tmp && mv $@.tmp $@
$(BUILD)/lib/calendar-data.o: $(BUILD)/lib/calendar-data.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# go-site's style sheet and search script are built into the library.
$(BUILD)/lib/site-assets.o: $(wildcard share/site/*)

$(BUILD)/libgo.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/%: cmd/%.c $(BUILD)/libgo.a lib/go.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgo.a $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/tap.h $(BUILD)/libgo.a lib/go.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libgo.a $(ALL_LDFLAGS) $(PKG_LIBS)

check: deps-test
	@$(MAKE) --no-print-directory all
	GO_BUILD=$(abspath $(BUILD)) prove -f $(PROVEFLAGS) tests/*.t $(UNITS)

demo: deps-test
	@$(MAKE) --no-print-directory all
	GO_BUILD=$(abspath $(BUILD)) sh examples/demo.sh

bench: all
	GO_BUILD=$(abspath $(BUILD)) sh bench/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(SHAREDIR)/hooks \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/vendor-completions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 644 completions/bash/* $(DESTDIR)$(PREFIX)/share/bash-completion/completions/
	install -m 644 completions/zsh/* $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/
	install -m 644 completions/fish/* $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/
	cp -R share/. $(DESTDIR)$(SHAREDIR)/
	install -m 644 data/holiday-cn/LICENSE $(DESTDIR)$(SHAREDIR)/LICENSE.holiday-cn

clean:
	rm -rf build build-san

# Fuzzing (clang's libFuzzer): the JSON parser and writer against jansson, and the
# rules-file parser; FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) $(PKG_CFLAGS)
fuzz: $(BUILD)/libgo.a $(BUILD)/bin/go-classify
	mkdir -p $(BUILD)/fuzz-json-corpus $(BUILD)/fuzz-rules-corpus
	clang $(FUZZ_FLAGS) -o $(BUILD)/fuzz-json tests/fuzz/json.c $(LIBSRC) \
		$(BUILD)/lib/calendar-data.c $(PKG_LIBS)
	$(BUILD)/fuzz-json -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(BUILD)/fuzz-json-corpus tests/cases/go-check-reason/*/
	clang $(FUZZ_FLAGS) -o $(BUILD)/fuzz-rules tests/fuzz/rules.c $(LIBSRC) \
		$(BUILD)/lib/calendar-data.c $(PKG_LIBS)
	$(BUILD)/bin/go-classify --print-default-rules > $(BUILD)/fuzz-rules-corpus/default.rules
	$(BUILD)/fuzz-rules -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(BUILD)/fuzz-rules-corpus
