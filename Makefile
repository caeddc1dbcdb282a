# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-tools — `make demo` and `make check` are all a newcomer needs.
#
#   make                 build every tool into $(BUILD)/bin (installs nothing)
#   make deps            install missing Debian packages (as root) or print the command
#   make check           deps, build, then run every test (prove)
#   make check SANITIZE=1   the same under ASan and UBSan (in build-san/)
#   make demo            deps, build, run the pipeline on examples/ into a fresh store
#   make bench           the benchmarks of bench/ (slow; not part of check)
#   make fuzz            the libFuzzer targets, FUZZ_SECONDS each (needs clang)
#   make install PREFIX=/usr/local DESTDIR=    make uninstall (the same variables)
#   make dist            $(BUILD)/go-tools-VERSION.tar.gz of HEAD, reproducibly
#
# The user's CC, CFLAGS, CPPFLAGS, LDFLAGS, AR, PKG_CONFIG and CC_FOR_BUILD are
# honoured; the project's own flags live in GO_* variables beside them.

VERSION := $(shell cat VERSION)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/go-tools
BASHDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHDIR  ?= $(PREFIX)/share/zsh/vendor-completions
FISHDIR ?= $(PREFIX)/share/fish/vendor_completions.d

PKGS    := jansson libgit2 libarchive opencc zlib libcrypto libutf8proc libcmark libdeflate
PKG_CONFIG ?= pkg-config
CC_FOR_BUILD ?= $(CC)
CFLAGS  ?= -O2 -g

GO_WARN     := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
GO_CPPFLAGS := -D_GNU_SOURCE -Ilib -DGO_VERSION='"$(VERSION)"'
# Each object records the headers it includes (build/**/*.d), so a change to
# one header rebuilds only the files that include it.
GO_DEPFLAGS := -MMD -MP

ifeq ($(SANITIZE),1)
BUILD   ?= build-san
GO_SAN  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD   ?= build
GO_SAN  :=
endif

# Asked of pkg-config once, and only when a rule needs them: `make deps` on a
# machine without the libraries does not ask at all.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell $(PKG_CONFIG) --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $$(shell $(PKG_CONFIG) --libs $(PKGS)))$(PKG_LIBS)
GO_CFLAGS  = $(GO_WARN) $(GO_CPPFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(GO_SAN)
# --as-needed: each tool records only the libraries it really calls.
GO_LDFLAGS = $(GO_SAN) -Wl,--as-needed $(LDFLAGS)

TOOLS   := $(patsubst cmd/%.c,%,$(wildcard cmd/go-*.c))
LIBSRC  := $(wildcard lib/*.c)
LIBOBJ  := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIBSRC)) $(BUILD)/lib/calendar-data.o \
	$(BUILD)/lib/variants-data.o
UNITS   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/*.c))
BINS    := $(addprefix $(BUILD)/bin/,$(TOOLS))
MANS    := $(patsubst man/%,$(BUILD)/man/%,$(wildcard man/*.[1-9]))
HOLIDAYS := $(wildcard data/holiday-cn/*.json)

# What `make deps` makes sure of: PROBE=DEBIAN-PACKAGE, where the probe is a
# pkg-config module (pc:NAME) or a command (cmd:NAME) that the package provides.
# Whatever the probe finds is not installed again; apt-get only fills the gaps.
DEPS_BUILD := cmd:cc=gcc cmd:make=make cmd:pkg-config=pkg-config \
	pc:jansson=libjansson-dev pc:libgit2=libgit2-dev pc:libarchive=libarchive-dev \
	pc:opencc=libopencc-dev pc:zlib=zlib1g-dev \
	pc:libcrypto=libssl-dev pc:libutf8proc=libutf8proc-dev pc:libcmark=libcmark-dev \
	pc:libdeflate=libdeflate-dev
DEPS_TEST  := cmd:git=git cmd:jq=jq cmd:bsdtar=libarchive-tools cmd:zstd=zstd \
	cmd:pre-commit=pre-commit cmd:prove=perl cmd:man=man-db cmd:readelf=binutils \
	cmd:script=bsdutils cmd:reuse=reuse cmd:clang=clang cmd:zsh=zsh \
	cmd:chromium=chromium cmd:xmllint=libxml2-utils fonts-wqy-microhei \
	cmd:lighttpd=lighttpd cmd:python3=python3 cmd:node=nodejs cmd:strace=strace

.PHONY: all deps deps-test check demo bench install uninstall dist clean fuzz
# The hooks beside the build's programs, where go-publish --init finds them
# (as it finds PREFIX/share/go-tools/hooks beside PREFIX/bin once installed).
HOOKS   := $(patsubst share/hooks/%,$(BUILD)/share/go-tools/hooks/%,$(wildcard share/hooks/*))
all: $(BINS) $(UNITS) $(MANS) $(HOOKS)

$(BUILD)/share/go-tools/hooks/%: share/hooks/%
	@mkdir -p $(@D)
	cp -p $< $@

deps:
	@sh tests/deps.sh $(DEPS_BUILD)
deps-test:
	@sh tests/deps.sh $(DEPS_BUILD) $(DEPS_TEST)

$(BUILD)/lib/%.o: lib/%.c VERSION
	@mkdir -p $(@D)
	$(CC) $(GO_CFLAGS) $(GO_DEPFLAGS) -c -o $@ $<

# The working-day calendar is compiled from the holiday-cn year files, by a
# program that runs on the build machine and needs only jansson.
$(BUILD)/gen-calendar: data/gen-calendar.c
	@mkdir -p $(@D)
	$(CC_FOR_BUILD) $(GO_WARN) -D_GNU_SOURCE $$($(PKG_CONFIG) --cflags jansson) $(CFLAGS) \
		-o $@ $< $$($(PKG_CONFIG) --libs jansson)
$(BUILD)/lib/calendar-data.c: $(BUILD)/gen-calendar $(HOLIDAYS)
	@mkdir -p $(@D)
	$(BUILD)/gen-calendar $(HOLIDAYS) > $@.tmp && mv $@.tmp $@
$(BUILD)/lib/calendar-data.o: $(BUILD)/lib/calendar-data.c
	$(CC) $(GO_CFLAGS) -c -o $@ $<

# The default rules' keywords in other scripts, converted by OpenCC once, at
# build time (issue 18): go-classify loads OpenCC only for a user's keywords.
# gen-variants links the library's other objects, so it runs where the build
# runs; a cross build without it gets an empty table (OpenCC at run time).
VARIANTS_GEN_OBJ = $(filter-out $(BUILD)/lib/variants-data.o,$(LIBOBJ))
# Only the matcher and the rules (the default rules are in rules.c) make the
# table: the other objects are linked but do not make it stale.
$(BUILD)/gen-variants: data/gen-variants.c lib/go.h lib/go-classify.h \
		$(BUILD)/lib/match.o $(BUILD)/lib/rules.o | $(VARIANTS_GEN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(GO_CFLAGS) -o $@ $< $(VARIANTS_GEN_OBJ) $(GO_LDFLAGS) $(PKG_LIBS)
$(BUILD)/lib/variants-data.c: $(BUILD)/gen-variants
	@mkdir -p $(@D)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/gen-variants > $@.tmp && mv $@.tmp $@
$(BUILD)/lib/variants-data.o: $(BUILD)/lib/variants-data.c lib/go.h lib/go-classify.h
	$(CC) $(GO_CFLAGS) -c -o $@ $<

# go-site's style sheet and search script are built into the library.
$(BUILD)/lib/site-assets.o: $(wildcard share/site/*)

$(BUILD)/libgo.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $^

# cmd/cli.c: where the tools exit for --help, --version and usage errors
# (issue 11: the library itself never ends the process), linked into each tool.
$(BUILD)/cmd/%.o: cmd/%.c VERSION
	@mkdir -p $(@D)
	$(CC) $(GO_CFLAGS) $(GO_DEPFLAGS) -c -o $@ $<
# A tool in several files (as bsdtar's tar/): cmd/go-NAME.c and cmd/go-NAME/*.c,
# each compiled to an object by the rule above.
.SECONDEXPANSION:
$(BUILD)/bin/%: $(BUILD)/cmd/%.o $$(subst .c,.o,$$(addprefix $(BUILD)/,$$(wildcard cmd/$$*/*.c))) \
		$(BUILD)/cmd/cli.o $(BUILD)/libgo.a
	@mkdir -p $(@D)
	$(CC) $(GO_CFLAGS) -o $@ $(filter %.o,$^) $(BUILD)/libgo.a $(GO_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c VERSION
	@mkdir -p $(@D)
	$(CC) $(GO_CFLAGS) $(GO_DEPFLAGS) -Itests/unit -c -o $@ $<
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libgo.a
	@mkdir -p $(@D)
	$(CC) $(GO_CFLAGS) -o $@ $< $(BUILD)/libgo.a $(GO_LDFLAGS) $(PKG_LIBS)

-include $(wildcard $(BUILD)/lib/*.d $(BUILD)/cmd/*.d $(BUILD)/cmd/*/*.d $(BUILD)/tests/unit/*.d)
# Objects are kept between builds (make would delete them as intermediates).
.SECONDARY:

# Man pages say the version of the build they document.
$(BUILD)/man/%: man/% VERSION
	@mkdir -p $(@D)
	sed 's/@VERSION@/$(VERSION)/g' $< > $@

check: deps-test
	@$(MAKE) --no-print-directory all
	GO_BUILD=$(abspath $(BUILD)) prove -f $(PROVEFLAGS) tests/*.t $(UNITS)

demo: deps-test
	@$(MAKE) --no-print-directory all
	GO_BUILD=$(abspath $(BUILD)) sh examples/demo.sh

bench: all
	GO_BUILD=$(abspath $(BUILD)) sh bench/run

# Installs what is built; builds only the tools and man pages, never the tests.
install: $(BINS) $(MANS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(SHAREDIR) $(DESTDIR)$(BASHDIR) $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(filter %.1,$(MANS)) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(filter %.7,$(MANS)) $(DESTDIR)$(MANDIR)/man7/
	install -m 644 completions/bash/* $(DESTDIR)$(BASHDIR)/
	install -m 644 completions/zsh/* $(DESTDIR)$(ZSHDIR)/
	install -m 644 completions/fish/* $(DESTDIR)$(FISHDIR)/
	cp -R share/. $(DESTDIR)$(SHAREDIR)/
	install -m 644 LICENSE $(DESTDIR)$(SHAREDIR)/LICENSE
	install -m 644 data/holiday-cn/LICENSE $(DESTDIR)$(SHAREDIR)/LICENSE.holiday-cn

# Removes exactly what install puts there.
uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(TOOLS))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(wildcard man/*.1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(wildcard man/*.7)))
	rm -f $(addprefix $(DESTDIR)$(BASHDIR)/,$(notdir $(wildcard completions/bash/*)))
	rm -f $(addprefix $(DESTDIR)$(ZSHDIR)/,$(notdir $(wildcard completions/zsh/*)))
	rm -f $(addprefix $(DESTDIR)$(FISHDIR)/,$(notdir $(wildcard completions/fish/*)))
	rm -rf $(DESTDIR)$(SHAREDIR)

# The release tarball of the committed tree (HEAD): git archive stamps every
# entry with the commit's time and gzip -n leaves out its own name and time, so
# the same commit always gives the same bytes.
dist:
	@mkdir -p $(BUILD)
	git archive --format=tar --prefix=go-tools-$(VERSION)/ HEAD | gzip -n -9 > $(BUILD)/go-tools-$(VERSION).tar.gz
	@echo $(BUILD)/go-tools-$(VERSION).tar.gz

clean:
	rm -rf build build-san

# Fuzzing (clang's libFuzzer): the JSON parser and writer against jansson, the
# rules-file parser, and the BagIt tag files and archive reader; FUZZ_SECONDS
# each. .ci/run runs it briefly when clang is there. Each run's output (the
# parsers' own messages for every input, millions of lines) goes to
# $(BUILD)/fuzz-NAME.log; its last lines are shown, and the log's end on a finding.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined $(GO_CPPFLAGS) $(PKG_CFLAGS)
FUZZ_RUN = run() { n=$$1; shift; if "$$@" >$(BUILD)/fuzz-$$n.log 2>&1; then \
	printf 'fuzz-%s: ' $$n; grep -E '^Done' $(BUILD)/fuzz-$$n.log | tail -1; \
	else tail -60 $(BUILD)/fuzz-$$n.log; echo "fuzz-$$n: a finding (above; all of it in $(BUILD)/fuzz-$$n.log)"; exit 1; fi; }; run
fuzz: $(BUILD)/libgo.a $(BUILD)/bin/go-classify
	mkdir -p $(BUILD)/fuzz-json-corpus $(BUILD)/fuzz-rules-corpus $(BUILD)/fuzz-bagit-corpus
	clang $(FUZZ_FLAGS) -o $(BUILD)/fuzz-json tests/fuzz/json.c $(LIBSRC) \
		$(BUILD)/lib/calendar-data.c $(BUILD)/lib/variants-data.c $(PKG_LIBS)
	@$(FUZZ_RUN) json $(BUILD)/fuzz-json -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		$(BUILD)/fuzz-json-corpus tests/cases/go-check-reason/*/
	clang $(FUZZ_FLAGS) -o $(BUILD)/fuzz-rules tests/fuzz/rules.c $(LIBSRC) \
		$(BUILD)/lib/calendar-data.c $(BUILD)/lib/variants-data.c $(PKG_LIBS)
	$(BUILD)/bin/go-classify --print-default-rules > $(BUILD)/fuzz-rules-corpus/default.rules
	@$(FUZZ_RUN) rules $(BUILD)/fuzz-rules -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		$(BUILD)/fuzz-rules-corpus
	clang $(FUZZ_FLAGS) -o $(BUILD)/fuzz-bagit tests/fuzz/bagit.c $(LIBSRC) \
		$(BUILD)/lib/calendar-data.c $(BUILD)/lib/variants-data.c $(PKG_LIBS)
	@$(FUZZ_RUN) bagit $(BUILD)/fuzz-bagit -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		$(BUILD)/fuzz-bagit-corpus
