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
