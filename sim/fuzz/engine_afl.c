/* build/tocksim-afl: the syscall (or boot) harness under AFL++, in persistent mode with the
 * input in shared memory, for `afl-fuzz -M/-S` campaigns over many cores and machines
 * (doc/fuzzing.md, "Scaling out with AFL++").
 *
 * The kernel boots once, before __AFL_INIT: AFL++'s fork server forks from the booted machine,
 * and each child runs up to PERSIST_INPUTS inputs, each a snapshot restore plus the input's
 * program (the same harness as tocksim-fuzz). Coverage is the guest kernel's edges, counted by
 * the CPU backend straight into AFL++'s shared map (sim/cpu/uc/coverage.c), as AFL counts
 * edges. This file is compiled by afl-clang-fast in CLASSIC mode for the __AFL_* macros (and
 * its few host edges): that mode keeps AFL's fixed 64 KiB map, which the guest's edges need;
 * the simulator itself is not instrumented.
 *
 * Harness options as tocksim-fuzz's (sim/fuzz/entry.h), after afl-fuzz's `--`. Without
 * afl-fuzz, it runs the input on standard input once: `build/tocksim-afl < crash` replays a
 * finding. Findings print "tocksim-afl: FINDING <kind>: <message>" and abort(): a crash for
 * AFL++. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim/fuzz/engine_afl.h"
#include "sim/fuzz/entry.h"

#define PERSIST_INPUTS 10000    /* inputs per forked child; the harness restores each anyway */
#define GUEST_MAP_MAX (1u << 16)

__AFL_FUZZ_INIT();

static void open_or_exit(struct fuzz_entry *e, int argc, char **argv)
{
    char err[600];
    if (!fuzz_entry_open(e, argc, argv, err, sizeof(err))) {
        fprintf(stderr, "tocksim-afl: %s\n", err);
        exit(2);
    }
}

/* The guest's edges into AFL++'s map (a power of two of it: the backend masks indexes). */
static void share_map(struct fuzz_entry *e)
{
    char err[300];
    size_t size, n = GUEST_MAP_MAX;
    uint8_t *map = afl_coverage_map(&size);
    while (n > size)
        n >>= 1;
    if (n < 256 || !fuzz_entry_coverage(e, map, n, err, sizeof(err))) {
        fprintf(stderr, "tocksim-afl: AFL++'s map (%zu bytes) cannot take the kernel's edges%s%s\n", size,
                n < 256 ? "" : ": ", n < 256 ? "" : err);
        exit(2);
    }
}

static void run_one(struct fuzz_entry *e, const uint8_t *data, size_t size)
{
    struct fuzz_verdict v;
    if (!fuzz_entry_run(e, data, size, &v)) {
        fprintf(stderr, "tocksim-afl: the harness failed: %s\n", v.message);
        exit(2);
    }
    if (v.kind != FUZZ_OK) {
        fprintf(stderr, "tocksim-afl: FINDING %s: %s\n", fuzz_kind_name(v.kind), v.message);
        abort();
    }
}

int main(int argc, char **argv)
{
    static struct fuzz_entry entry;
    open_or_exit(&entry, argc, argv);
    __AFL_INIT();                       /* the fork server starts here: after the boot */
    share_map(&entry);
    const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(PERSIST_INPUTS)) {
        ssize_t len = __AFL_FUZZ_TESTCASE_LEN;
        run_one(&entry, buf, len > 0 ? (size_t)len : 0);
    }
    return 0;
}
