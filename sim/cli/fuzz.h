/* tocksim fuzz, shared by sim/cli/fuzz.c (options, campaigns) and fuzz_tools.c (replays,
 * benchmarks, minimizing, scenarios). */
#ifndef SIM_CLI_FUZZ_H
#define SIM_CLI_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/fuzz/fuzz.h"

struct fuzz_opts {
    struct fuzz_config cfg;
    struct fuzz_paths paths;    /* where cfg's default paths live (fuzz_config_fill) */
    bool boot;                  /* --target boot: the boot fuzzer (else the syscall one) */
    const char *parser;         /* --target tbf|tab|elf|scenario|kernel: a parser target
                                   (build/tocksim-fuzz-parsers), else NULL */
    long runs;                  /* campaign: inputs (0: no limit) */
    uint64_t time_ns;           /* campaign: wall time (0: no limit) */
    int jobs;
    const char *corpus, *artifacts, *scenario, *trace, *profile;
    const char *coverage;       /* --coverage-report DIR */
    bool replay, quiet;
    long bench;                 /* --bench N: each input N times, timed */
    int nextra;
    char **extra;               /* after --: libFuzzer's own options */
};

/* One of the two fuzzers, in process (for replays and tools). */
struct fuzz_target {
    bool boot;
    struct fuzz_harness *h;
    struct fuzz_boot *b;
};

/* "syscall", "boot" or the parser target's name. */
const char *fuzz_target_name(const struct fuzz_opts *o);

/* Builds the target o names (its images from the build tree unless given); false after
 * printing why. cov: a coverage map to count into (NULL: none). */
bool fuzz_target_open(struct fuzz_opts *o, struct fuzz_target *t, uint8_t *cov, size_t cov_size);
bool fuzz_target_run(struct fuzz_target *t, const uint8_t *data, size_t size,
                     struct fuzz_verdict *v);
void fuzz_target_close(struct fuzz_target *t);
struct machine *fuzz_target_machine(struct fuzz_target *t);
/* A whole file; false after printing why. */
bool fuzz_read_file(const char *path, uint8_t **data, size_t *size);

/* sim/cli/fuzz_tools.c: each returns tocksim's exit status. */
int fuzz_replay(struct fuzz_opts *o, char **inputs, int n);
int fuzz_bench(struct fuzz_opts *o, char **inputs, int n);
int fuzz_write_scenario(struct fuzz_opts *o, const char *input);
/* sim/cli/fuzz_coverage.c: inputs (files, directories of them) replayed with a block observer,
 * o->coverage/coverage.txt and coverage.info written. */
int fuzz_coverage_report(struct fuzz_opts *o, char **inputs, int n);

#endif
