/* The syscall fuzzer's harness: a kernel booted once with the fuzz-driver and fuzz-victim
 * apps, a snapshot, then per input: restore, run the input's program, judge (doc/fuzzing.md). */
#ifndef SIM_FUZZ_FUZZ_H
#define SIM_FUZZ_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/machine.h"

struct fuzz_config {
    const char *board;          /* "cm4" or "rv32" */
    const char *kernel;         /* kernel ELF */
    const char *driver;         /* the fuzz-driver TBF for this board (rv32: slot 0's) */
    const char *victim;         /* the fuzz-victim TBF (rv32: slot 1's) */
    FILE *console;              /* the board's console (NULL: discarded) */
    FILE *log;                  /* each record and system call as it happens (NULL: quiet) */
};

/* What an input did, worst first by nothing: the first oracle that fired. */
enum fuzz_kind {
    FUZZ_OK,
    FUZZ_PANIC,                 /* the kernel panicked (or otherwise ended the machine) */
    FUZZ_HANG,                  /* no system call, switch or sleep for FUZZ_HANG_MS */
    FUZZ_SIM_ERROR,             /* the simulator stopped: lockup, CPU error */
    FUZZ_BAD_RESULT,            /* a system call succeeded that must fail (or vice versa) */
    FUZZ_VICTIM_FAULT,          /* the victim faulted, restarted or ended */
    FUZZ_VICTIM_MEMORY,         /* the victim's guard words changed */
    FUZZ_VICTIM_STUCK,          /* the victim's counter stopped */
    FUZZ_DEAD_RAN,              /* the kernel switched to a process that had ended */
    FUZZ_BOOKKEEPING,           /* the driver's grant table is inconsistent */
    FUZZ_PROTECTION,            /* the driver read or wrote memory not its own, unfaulted */
    FUZZ_NUM_KINDS
};

struct fuzz_verdict {
    enum fuzz_kind kind;
    char message[640];          /* what and where: the record, the call, the values */
    unsigned records;           /* records of the program */
    unsigned syscalls;          /* system calls the driver made */
    uint64_t virtual_ns;        /* how long the input ran, virtual time */
};

#define FUZZ_HANG_MS 50

struct fuzz_harness;

/* Storage for the default paths fuzz_config_fill finds. */
struct fuzz_paths {
    char kernel[512], driver[512], victim[512];
};
/* Fills the paths cfg leaves NULL from the build tree build_dir: its kernel for the board
 * and the two apps as the board's first and second app. False with a message if the board
 * is unknown or a file is missing. */
bool fuzz_config_fill(struct fuzz_config *cfg, const char *build_dir, struct fuzz_paths *st,
                      char *err, size_t errlen);

/* Builds the machine, boots the kernel with the two apps until both are ready, and takes the
 * snapshot every input starts from. NULL with a message on failure. */
struct fuzz_harness *fuzz_harness_new(const struct fuzz_config *cfg, char *err, size_t errlen);
/* The same on a machine someone else built and loaded (a scenario's board, apps
 * fuzz-driver then fuzz-victim), still at reset: boots it until both apps are ready. No
 * snapshot: fuzz_exec runs one input from there. */
struct fuzz_harness *fuzz_harness_attach(struct machine *m, const char *kernel, FILE *log,
                                         char *err, size_t errlen);
void fuzz_harness_free(struct fuzz_harness *h);

/* Restores the snapshot and runs one input (any bytes: program.h). False only if the
 * harness itself failed (message in v->message); findings are v->kind != FUZZ_OK. */
bool fuzz_run(struct fuzz_harness *h, const uint8_t *data, size_t size, struct fuzz_verdict *v);
/* Runs one input from where the machine is (after attach). */
bool fuzz_exec(struct fuzz_harness *h, const uint8_t *data, size_t size, struct fuzz_verdict *v);
/* The same after a snapshot of the machine is saved and restored, as every fuzzed input
 * starts (a scenario's replay: some simulator defects showed only after a restore). */
bool fuzz_exec_as_fuzzed(struct fuzz_harness *h, const uint8_t *data, size_t size,
                         struct fuzz_verdict *v);

/* Counts the kernel's edge coverage into map (size a power of two) from now on; each input
 * starts from a clean edge history (the map is the caller's to clear). */
bool fuzz_set_coverage(struct fuzz_harness *h, uint8_t *map, size_t size, char *err,
                       size_t errlen);

struct machine *fuzz_machine(struct fuzz_harness *h);

/* The boot fuzzer (boot.c): per input, a TBF image made from it (tbfgen.h) is the apps
 * region and the kernel boots from reset; findings are panics, simulator errors and hangs
 * before the kernel runs a process or sleeps. */
struct fuzz_boot;
struct fuzz_boot *fuzz_boot_new(const char *board, const char *kernel, char *err, size_t errlen);
/* On a scenario's board: kernel loaded, no apps, at reset; fuzz_boot_exec boots it once. */
struct fuzz_boot *fuzz_boot_attach(struct machine *m, char *err, size_t errlen);
void fuzz_boot_free(struct fuzz_boot *b);
bool fuzz_boot_run(struct fuzz_boot *b, const uint8_t *data, size_t size, struct fuzz_verdict *v);
bool fuzz_boot_exec(struct fuzz_boot *b, const uint8_t *data, size_t size, struct fuzz_verdict *v);
struct machine *fuzz_boot_machine(struct fuzz_boot *b);
bool fuzz_boot_set_coverage(struct fuzz_boot *b, uint8_t *map, size_t size, char *err,
                            size_t errlen);
const char *fuzz_kind_name(enum fuzz_kind k);

#endif
