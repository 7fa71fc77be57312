# tocksim: one Makefile for the simulator, the firmware, the kernel, the apps and the tests.
# Component rules live in mk/*.mk (included below); this file holds the shared parts.
#
#   make run     build everything, run the default demo
#   make test    build everything, run every test (unit tests, firmware cross-checks, scenarios)
#   make bench   benchmarks (BENCH lines)
#   make deps    install missing Debian packages / fetch Unicorn 2.1 and Capstone 5 (also run by run and test)

.DEFAULT_GOAL := all
B := build
Q ?= @

# ---- host toolchain and libraries -------------------------------------------------------------
CC       ?= cc
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MD -MP -I.
HOST_LDLIBS :=

# Unicorn >= 2.1: the system's if it has one, else the project-local copy from tools/deps.sh.
UC_LOCAL := $(CURDIR)/.deps/unicorn/usr
ifeq ($(shell pkg-config --exists 'unicorn >= 2.1' 2>/dev/null && echo y),y)
  UC_CFLAGS := $(shell pkg-config --cflags unicorn)
  UC_LIBS   := $(shell pkg-config --libs unicorn)
else ifneq ($(wildcard $(UC_LOCAL)/include/unicorn/unicorn.h),)
  # Linked statically: libunicorn.so carries every architecture, and resolving its symbols at
  # load time cost more than half of tocksim's start-up.
  UC_LIBDIR := $(UC_LOCAL)/lib/x86_64-linux-gnu
  UC_CFLAGS := -I$(UC_LOCAL)/include
  UC_LIBS   := $(UC_LIBDIR)/libunicorn.a -lpthread -lm
else
  UC_CFLAGS :=
  UC_LIBS   := -lunicorn -lpthread -lm
  UC_WARNING := 1
endif

# Capstone >= 5 (RISC-V), the disassembler of sim/insn/: the system's if it has one, else
# .deps/capstone from Debian trixie (tools/deps.sh). Its paths are fixed, so a fresh clone's
# first build fetches it (the rule below) before compiling the one room that includes it.
CS_LOCAL := $(CURDIR)/.deps/capstone/usr
ifeq ($(shell pkg-config --exists 'capstone >= 5' 2>/dev/null && echo y),y)
  CS_CFLAGS := $(shell pkg-config --cflags capstone)
  CS_LIBS   := $(shell pkg-config --libs capstone)
  CS_HEADER :=
else
  # Static, as Unicorn: no run-time path to the project-local copy.
  CS_CFLAGS := -I$(CS_LOCAL)/include
  CS_LIBS   := $(CS_LOCAL)/lib/x86_64-linux-gnu/libcapstone.a
  CS_HEADER := $(CS_LOCAL)/include/capstone/capstone.h
$(CS_HEADER):
	@tools/deps.sh
endif

PKG_CFLAGS := $(shell pkg-config --cflags sdl2 libcjson check libpng 2>/dev/null)
SDL_LIBS   := $(shell pkg-config --libs sdl2 2>/dev/null)
PNG_LIBS   := $(shell pkg-config --libs libpng 2>/dev/null)
CJSON_LIBS := $(shell pkg-config --libs libcjson 2>/dev/null)
# elfutils: DWARF for source-level fault reports and the fuzzer's coverage report (sim/dwarf/).
DW_LIBS    := $(shell pkg-config --libs libdw 2>/dev/null || echo -ldw -lelf)
# zlib: tests/check_ui_png.c builds PNG files byte by byte, independently of libpng.
CHECK_LIBS := $(shell pkg-config --libs check zlib 2>/dev/null)

# ---- the simulator: sim/<room>/, peripherals/, lib/, the sim side of boards-virtual/ -----------
# The window's SDL2 and PNG part is a library tocksim loads on first use (sim/ui/loader.c), so
# headless runs never load SDL2 or libpng; test programs link its objects directly.
UI_LIB_SRCS := $(wildcard sim/ui/draw/*.c sim/ui/window/*.c)
UI_LIB_OBJS := $(patsubst %.c,$(B)/host/%.o,$(UI_LIB_SRCS))
UI_LIBS     := $(SDL_LIBS) $(shell pkg-config --libs SDL2_ttf 2>/dev/null) $(PNG_LIBS)
SIM_ROOMS := core core/snapshot cpu/uc cpu/cortexm cpu/rv32 trace insn dwarf gdb radio scenario cli ui ui/draw ui/window fuzz
# The fuzzers' entry points (engine_*.c, target_*.c) are built by clang into their own
# binaries (mk/sim-fuzz.mk), not into the library.
FUZZ_ENTRY_SRCS := $(wildcard sim/fuzz/engine_*.c sim/fuzz/target_*.c)
SIM_SRCS  := $(filter-out $(UI_LIB_SRCS) $(FUZZ_ENTRY_SRCS),$(foreach r,$(SIM_ROOMS),$(wildcard sim/$(r)/*.c)) \
             $(wildcard peripherals/*.c peripherals/*/*.c boards-virtual/sim_*.c boards-virtual/*/sim_*.c lib/*/*.c))
SIM_MAIN  := sim/cli/main.c
SIM_LIB_OBJS := $(patsubst %.c,$(B)/host/%.o,$(filter-out $(SIM_MAIN),$(SIM_SRCS)))
SIM_LIBS  := $(UC_LIBS) $(CS_LIBS) $(CJSON_LIBS) $(DW_LIBS) -lz -lm

$(B)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CFLAGS) $(UC_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# Only sim/insn/ includes capstone.h.
$(B)/host/sim/insn/%.o: HOST_CFLAGS += $(CS_CFLAGS)
$(patsubst %.c,$(B)/host/%.o,$(wildcard sim/insn/*.c)): | $(CS_HEADER)

$(B)/libtocksim.a: $(SIM_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# The window library: the UI objects again, position-independent, bound to their own symbols;
# what it needs of the simulator comes from the executable (ui-exports.list below).
UI_PIC_OBJS := $(patsubst %.c,$(B)/pic/%.o,$(filter-out sim/ui/loader.c,$(wildcard sim/ui/*.c sim/ui/*/*.c)))
$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CFLAGS) -fPIC $(UC_CFLAGS) $(PKG_CFLAGS) -c $< -o $@
$(B)/libtocksim-ui.so: $(UI_PIC_OBJS)
	$(Q)$(CC) -shared -Wl,-Bsymbolic -o $@ $^ $(UI_LIBS) -lm

# The simulator functions the window library calls: what it leaves undefined, as a dynamic list
# for the executable (exporting all ~30,000 symbols with -rdynamic costs ~1.3 ms of start-up).
$(B)/ui-exports.list: $(B)/libtocksim-ui.so
	$(Q)nm -D --undefined-only $< >$@.nm
	$(Q)awk 'BEGIN { print "{" } { sub(/@.*/, "", $$2); print "  " $$2 ";" } END { print "};" }' $@.nm >$@.tmp
	$(Q)rm -f $@.nm && mv $@.tmp $@

# -no-pie and --as-needed: fewer load-time relocations and libraries, for a fast start; the
# whole archive and the export list so the window library finds the simulator functions.
$(B)/tocksim: $(B)/host/$(SIM_MAIN:.c=.o) $(B)/libtocksim.a $(B)/libtocksim-ui.so $(B)/ui-exports.list
	$(if $(UC_WARNING),@echo "*** WARNING: Unicorn >= 2.1 not found; linking the system's Unicorn." >&2; \
	  echo "*** Debian 12's Unicorn 2.0.1 is ~30x slower on guest stores. Run 'make deps'." >&2)
	$(Q)$(CC) -no-pie -Wl,--dynamic-list=$(B)/ui-exports.list -Wl,--as-needed -o $@ \
	    $(B)/host/$(SIM_MAIN:.c=.o) -Wl,--whole-archive $(B)/libtocksim.a -Wl,--no-whole-archive $(SIM_LIBS)

# ---- unit tests: tests/check_<module>.c, one runner -------------------------------------------
CHECK_SRCS := $(sort $(wildcard tests/check_*.c))
CHECK_NAMES := $(patsubst tests/check_%.c,%,$(filter-out tests/check_main.c,$(CHECK_SRCS)))
CHECK_OBJS := $(patsubst %.c,$(B)/host/%.o,$(CHECK_SRCS))

# The runner's suite list is generated from the file names: check_<m>.c exports <m>_suite().
$(B)/host/tests/suites.h: Makefile $(CHECK_SRCS)
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' $(foreach n,$(CHECK_NAMES),'SUITE($(n))') > $@.tmp && mv $@.tmp $@
$(B)/host/tests/check_main.o: $(B)/host/tests/suites.h
$(B)/host/tests/check_main.o: HOST_CFLAGS += -I$(B)/host/tests

# Host builds of portable kernel code for its unit tests (mk/*.mk add to this; the link rule
# comes after the fragments are included, since prerequisites are expanded when read).
CHECK_EXTRA_OBJS :=

# ---- cross toolchains -------------------------------------------------------------------------
ARM_CC      := arm-none-eabi-gcc
ARM_OBJDUMP := arm-none-eabi-objdump
ARM_NM      := arm-none-eabi-nm
ARM_CFLAGS  := -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -Os -g -std=gnu11 -ffreestanding \
               -fno-common -ffunction-sections -fdata-sections -Wall -Wextra -Werror -MD -MP -I.
RV_CC       := riscv64-unknown-elf-gcc
RV_OBJDUMP  := riscv64-unknown-elf-objdump
RV_CFLAGS   := -march=rv32imac_zicsr -mabi=ilp32 -Os -g -std=gnu11 -ffreestanding -fno-common \
               -ffunction-sections -fdata-sections -Wall -Wextra -Werror -MD -MP -I.

# Every cross-linked ELF also gets a disassembly listing (.lst) and a symbol table (.sym).
define cross_listing
	$(Q)$(1) -d -S $@ > $(@:.elf=.lst)
	$(Q)$(subst objdump,nm,$(1)) -n $@ > $(@:.elf=.sym)
endef

# ---- component fragments ----------------------------------------------------------------------
# Each may append to: ALL_TARGETS (built by `make all`), TEST_TARGETS (built before tests),
# TEST_SCRIPTS (run by `make check`, each must exit non-zero on failure), BENCH_SCRIPTS.
ALL_TARGETS   := $(B)/tocksim
TEST_TARGETS  := $(B)/check_runner
TEST_SCRIPTS  := tools/check-seams.sh
BENCH_SCRIPTS :=
include $(sort $(wildcard mk/*.mk))

$(B)/check_runner: $(CHECK_OBJS) $(CHECK_EXTRA_OBJS) $(UI_LIB_OBJS) $(B)/libtocksim.a
	$(Q)$(CC) -o $@ $^ $(SIM_LIBS) $(UI_LIBS) $(CHECK_LIBS)

# ---- top-level goals --------------------------------------------------------------------------
.PHONY: all deps run test check bench clean
all: $(ALL_TARGETS)

deps:
	@tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory -j2 all
	@tools/run-demo.sh

test: deps
	@$(MAKE) --no-print-directory -j2 all $(TEST_TARGETS)
	@$(MAKE) --no-print-directory check

check:
	@tools/run-tests.sh $(B)/check_runner $(TEST_SCRIPTS)

bench: deps
	@$(MAKE) --no-print-directory -j2 all $(TEST_TARGETS)
	@set -e; for s in $(BENCH_SCRIPTS); do $$s; done

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
