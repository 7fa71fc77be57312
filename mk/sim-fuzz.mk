# The syscall fuzzer (sim/fuzz/, doc/fuzzing.md): its guest apps' build settings.

# fuzz-driver allocates nothing: no app or kernel heap, so its RAM (stack, program block,
# own buffer) fits half an rv32 RAM slot (mk/apps-rv32.mk).
APP_TBF_FLAGS_fuzz-driver := --app-heap 0 --kernel-heap 0
APP_STACK_fuzz-driver := 768
RV_APP_LDFLAGS_fuzz-driver := -Wl,--defsym=APP_HEAPS=0

# ---- the fuzzers: clang with libFuzzer ---------------------------------------------------------
# Only the entry points (sim/fuzz/engine_*.c, target_*.c) are compiled by clang; they link the
# gcc-built libtocksim.a (plain C ABI). The simulator itself is not instrumented: the syscall
# fuzzer's coverage is the guest kernel's (sim/cpu/uc/coverage.c). doc/fuzzing.md.
FUZZ_CC     ?= clang
FUZZ_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MD -MP -I. $(UC_CFLAGS) $(PKG_CFLAGS)

$(B)/fuzz/%.o: sim/fuzz/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(B)/tocksim-fuzz: $(B)/fuzz/engine_libfuzzer.o $(B)/libtocksim.a
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer -no-pie -o $@ $< -Wl,--whole-archive $(B)/libtocksim.a \
	    -Wl,--no-whole-archive $(SIM_LIBS)

ALL_TARGETS += $(B)/tocksim-fuzz

# build/tocksim-afl: the same harness under AFL++ (persistent mode, shared-memory input, the
# kernel's edges in AFL++'s map; doc/fuzzing.md). afl-clang-fast in CLASSIC mode compiles the
# entry point only (it keeps AFL's fixed 64 KiB map); engine_afl_map.c reads the map's
# variables and must not be instrumented, so plain clang builds it.
AFL_CC ?= afl-clang-fast
AFL_ENV := AFL_LLVM_INSTRUMENT=CLASSIC AFL_QUIET=1

$(B)/fuzz/afl/engine_afl.o: sim/fuzz/engine_afl.c
	@mkdir -p $(dir $@)
	$(Q)$(AFL_ENV) $(AFL_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(B)/tocksim-afl: $(B)/fuzz/afl/engine_afl.o $(B)/fuzz/engine_afl_map.o $(B)/libtocksim.a
	$(Q)$(AFL_ENV) $(AFL_CC) -no-pie -o $@ $(B)/fuzz/afl/engine_afl.o $(B)/fuzz/engine_afl_map.o \
	    -Wl,--whole-archive $(B)/libtocksim.a -Wl,--no-whole-archive $(SIM_LIBS)

ALL_TARGETS += $(B)/tocksim-afl

# The parser targets (tests/fuzz/target_parsers.c): the parsers themselves are compiled by clang
# with coverage and AddressSanitizer (they are what is fuzzed), the rest comes from libtocksim.a.
# The kernel's portable code is built for the host as for its unit tests (mk/kernel.mk), with
# its loader and the tests' fixture (a fake board).
FUZZ_PARSER_SRCS := $(wildcard lib/tbf/*.c lib/tab/*.c) sim/core/loader.c \
                    $(addprefix sim/scenario/,parse.c verbs.c json.c load.c matrix.c) \
                    sim/fuzz/tbfgen.c $(KERNEL_HOST_SRCS) kernel/core/loader.c \
                    tests/kernel_fixture.c tests/kernel_fake_hil.c tests/fuzz/target_parsers.c
FUZZ_PARSER_OBJS := $(patsubst %.c,$(B)/fuzzcov/%.o,$(FUZZ_PARSER_SRCS))
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined

$(B)/fuzzcov/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -Ikernel/arch/cortex-m -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
	    -c $< -o $@

$(B)/tocksim-fuzz-parsers: $(FUZZ_PARSER_OBJS) $(B)/libtocksim.a
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $(FUZZ_PARSER_OBJS) $(B)/libtocksim.a \
	    $(SIM_LIBS) $(CHECK_LIBS)

ALL_TARGETS += $(B)/tocksim-fuzz-parsers

# make test: every fuzz target for a fixed number of executions, the defects' inputs replayed
# (tests/fuzz.sh); make bench: executions per second (tools/bench-fuzz.sh); make fuzz-eval:
# the time to find each planted bug (tools/fuzz-eval.sh, tests/fuzz/plants/; a few minutes
# per bug at most, so not in make bench).
TEST_SCRIPTS  += tests/fuzz.sh
BENCH_SCRIPTS += tools/bench-fuzz.sh

.PHONY: fuzz-eval
fuzz-eval: all
	@tools/fuzz-eval.sh
