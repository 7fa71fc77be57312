/* What the fuzzing engines' entry points share (engine_libfuzzer.c, engine_afl.c): the
 * harness options from the command line, one harness (syscall or boot), an input run. */
#include "sim/fuzz/entry.h"

#include <libgen.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

const char *fuzz_entry_opt(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
            return argv[i] + n + 1;
    return NULL;
}

bool fuzz_entry_open(struct fuzz_entry *e, int argc, char **argv, char *err, size_t errlen)
{
    char exe[1024];
    struct fuzz_paths paths;
    /* Unicorn reallocates its TLB tables when a flush resizes them (every MPU change may):
     * from the heap, kept when freed, they are not faulted in again each time (tocksim's
     * main does the same in host_heap.c). */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    memset(e, 0, sizeof(*e));
    snprintf(exe, sizeof(exe), "%s", argv[0]);
    const char *build = fuzz_entry_opt(argc, argv, "--build"), *target = fuzz_entry_opt(argc, argv, "--target");
    struct fuzz_config cfg = { .board = fuzz_entry_opt(argc, argv, "--board"),
                               .kernel = fuzz_entry_opt(argc, argv, "--kernel"),
                               .driver = fuzz_entry_opt(argc, argv, "--driver"),
                               .victim = fuzz_entry_opt(argc, argv, "--victim") };
    if (!cfg.board)
        cfg.board = "cm4";
    e->boot = target && strcmp(target, "boot") == 0;
    if (target && !e->boot && strcmp(target, "syscall") != 0) {
        snprintf(err, errlen, "--target=%s: expected syscall or boot", target);
        return false;
    }
    if (!fuzz_config_fill(&cfg, build ? build : dirname(exe), &paths, err, errlen))
        return false;
    if (e->boot ? !(e->booter = fuzz_boot_new(cfg.board, cfg.kernel, err, errlen))
                : !(e->harness = fuzz_harness_new(&cfg, err, errlen)))
        return false;
    fprintf(stderr, "tocksim-fuzz: %s %s, kernel %s\n", e->boot ? "boot" : "syscall", cfg.board, cfg.kernel);
    return true;
}

bool fuzz_entry_coverage(struct fuzz_entry *e, uint8_t *map, size_t size, char *err, size_t errlen)
{
    return e->booter ? fuzz_boot_set_coverage(e->booter, map, size, err, errlen)
                     : fuzz_set_coverage(e->harness, map, size, err, errlen);
}

bool fuzz_entry_run(struct fuzz_entry *e, const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
    return e->booter ? fuzz_boot_run(e->booter, data, size, v) : fuzz_run(e->harness, data, size, v);
}
