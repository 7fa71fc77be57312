/* build/tocksim-fuzz: the syscall harness under libFuzzer (clang -fsanitize=fuzzer).
 *
 * Why a separate binary: libFuzzer comes with clang and owns main(), while tocksim is built
 * with the project's compiler (gcc) and has its own main. This file is the only one compiled
 * by clang; it links the same libtocksim.a as tocksim. The simulator is not instrumented:
 * the coverage libFuzzer sees is the guest kernel's edges, counted by the CPU backend into
 * the counters below (sim/cpu/uc/coverage.c). `tocksim fuzz` runs this binary.
 *
 * Harness options (sim/fuzz/entry.h) go before or among libFuzzer's (libFuzzer ignores flags
 * that start with "--"). Findings abort() after printing "tocksim-fuzz: FINDING <kind>:
 * <message>", which libFuzzer turns into a crash-<sha1> artifact. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/fuzz/entry.h"

/* The two globals libFuzzer's entry points force: LLVMFuzzerTestOneInput takes no context,
 * and extra counters are found by their section. 64 Ki counters: the kernel has a few
 * thousand blocks, so edges rarely share a counter. */
static struct fuzz_entry entry;
static uint8_t counters[1u << 16] __attribute__((section("__libfuzzer_extra_counters"), used));

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[600];
    if (!fuzz_entry_open(&entry, *argc, *argv, err, sizeof(err)) ||
        !fuzz_entry_coverage(&entry, counters, sizeof(counters), err, sizeof(err))) {
        fprintf(stderr, "tocksim-fuzz: %s\n", err);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_verdict v;
    if (!fuzz_entry_run(&entry, data, size, &v)) {
        fprintf(stderr, "tocksim-fuzz: the harness failed: %s\n", v.message);
        exit(2);
    }
    if (v.kind != FUZZ_OK) {
        fprintf(stderr, "tocksim-fuzz: FINDING %s: %s\n", fuzz_kind_name(v.kind), v.message);
        abort();
    }
    return 0;
}
