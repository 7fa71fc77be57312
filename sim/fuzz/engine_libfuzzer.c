/* build/tocksim-fuzz: the syscall harness under libFuzzer (clang -fsanitize=fuzzer).
 *
 * Why a separate binary: libFuzzer comes with clang and owns main(), while tocksim is built
 * with the project's compiler (gcc) and has its own main. This file is the only one compiled
 * by clang; it links the same libtocksim.a as tocksim. The simulator is not instrumented:
 * the coverage libFuzzer sees is the guest kernel's edges, counted by the CPU backend into
 * the counters below (sim/cpu/uc/coverage.c). `tocksim fuzz` runs this binary.
 *
 * Harness options go before or among libFuzzer's (libFuzzer ignores flags that start with
 * "--"): --target=syscall|boot, --board=cm4|rv32, --kernel=ELF, --driver=TBF, --victim=TBF,
 * --build=DIR. Findings
 * abort() after printing "tocksim-fuzz: FINDING <kind>: <message>", which libFuzzer turns into
 * a crash-<sha1> artifact. */
#include <libgen.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/fuzz/fuzz.h"

/* The two globals libFuzzer's entry points force: LLVMFuzzerTestOneInput takes no context,
 * and extra counters are found by their section. 64 Ki counters: the kernel has a few
 * thousand blocks, so edges rarely share a counter. */
static struct fuzz_harness *harness;
static struct fuzz_boot *booter;        /* --target=boot instead */
static uint8_t counters[1u << 16] __attribute__((section("__libfuzzer_extra_counters"), used));

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* "--name=value" options of the harness; the others are libFuzzer's. */
static const char *opt(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
            return argv[i] + n + 1;
    return NULL;
}

/* --target=boot: the boot fuzzer on the board's kernel alone. */
static bool init_boot(const struct fuzz_config *cfg, char *err, size_t errlen)
{
    return (booter = fuzz_boot_new(cfg->board, cfg->kernel, err, errlen)) &&
           fuzz_boot_set_coverage(booter, counters, sizeof(counters), err, errlen);
}

static bool init_syscall(const struct fuzz_config *cfg, char *err, size_t errlen)
{
    return (harness = fuzz_harness_new(cfg, err, errlen)) &&
           fuzz_set_coverage(harness, counters, sizeof(counters), err, errlen);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[600], exe[1024];
    struct fuzz_paths paths;
    /* Unicorn reallocates its TLB tables when a flush resizes them (every MPU change may):
     * from the heap, kept when freed, they are not faulted in again each time (tocksim's
     * main does the same in host_heap.c, which must run before the first malloc). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    snprintf(exe, sizeof(exe), "%s", (*argv)[0]);
    const char *build = opt(*argc, *argv, "--build"), *target = opt(*argc, *argv, "--target");
    struct fuzz_config cfg = { .board = opt(*argc, *argv, "--board"),
                               .kernel = opt(*argc, *argv, "--kernel"),
                               .driver = opt(*argc, *argv, "--driver"),
                               .victim = opt(*argc, *argv, "--victim") };
    if (!cfg.board)
        cfg.board = "cm4";
    bool boot = target && strcmp(target, "boot") == 0;
    if (target && !boot && strcmp(target, "syscall") != 0) {
        fprintf(stderr, "tocksim-fuzz: --target=%s: expected syscall or boot\n", target);
        exit(2);
    }
    if (!fuzz_config_fill(&cfg, build ? build : dirname(exe), &paths, err, sizeof(err)) ||
        !(boot ? init_boot(&cfg, err, sizeof(err)) : init_syscall(&cfg, err, sizeof(err)))) {
        fprintf(stderr, "tocksim-fuzz: %s\n", err);
        exit(2);
    }
    fprintf(stderr, "tocksim-fuzz: %s %s, kernel %s\n", boot ? "boot" : "syscall", cfg.board,
            cfg.kernel);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_verdict v;
    bool ok = booter ? fuzz_boot_run(booter, data, size, &v) : fuzz_run(harness, data, size, &v);
    if (!ok) {
        fprintf(stderr, "tocksim-fuzz: the harness failed: %s\n", v.message);
        exit(2);
    }
    if (v.kind != FUZZ_OK) {
        fprintf(stderr, "tocksim-fuzz: FINDING %s: %s\n", fuzz_kind_name(v.kind), v.message);
        abort();
    }
    return 0;
}
