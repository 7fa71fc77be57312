/* --itrace: every instruction a board runs, one line each, disassembled (doc/debugging.md,
 * "Instruction trace"):
 *
 *       cycle mode process  pc        bytes      instruction
 *      131585 U    hello    00040078  b580       push {r7, lr}
 *
 * mode: cm4 H (handler), P (privileged thread), U (unprivileged thread); rv32 M, U. process:
 * the process the kernel last switched to while the CPU runs unprivileged, else "kernel".
 * Filters (all must hold): a window of virtual time, a process (by the kernel's view: only
 * its own unprivileged instructions), a range of PCs. Deterministic: the same run gives the
 * same lines. */
#ifndef SIM_INSN_ITRACE_H
#define SIM_INSN_ITRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/machine.h"

struct itrace_config {
    const char *path;           /* NULL or "-": standard output */
    FILE *stream;               /* if set: the lines go here instead of path (left open) */
    uint64_t from_ns, to_ns;    /* instructions that start in [from, to) of virtual time */
    const char *proc;           /* only this process (NULL: all) */
    uint32_t lo, hi;            /* only pc in [lo, hi] */
};

/* The filters as the command line gives them: "FROM..TO" (times, either side may be empty),
 * "LO-HI" (addresses). False with the problem in err. */
void itrace_config_init(struct itrace_config *c);
bool itrace_parse_window(struct itrace_config *c, const char *s, char *err, size_t errlen);
bool itrace_parse_range(struct itrace_config *c, const char *s, char *err, size_t errlen);

struct itrace;

/* Starts tracing m (after its images are loaded); node: a prefix for each line in
 * multi-board runs (NULL: none). NULL with the problem in err. */
struct itrace *itrace_attach(struct machine *m, const struct itrace_config *cfg, const char *node,
                             char *err, size_t errlen);
/* Stops tracing, writes what is buffered and closes the file; returns the instructions
 * written. */
uint64_t itrace_finish(struct itrace *t);

#endif
