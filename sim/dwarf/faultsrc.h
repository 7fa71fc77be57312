/* Source-level fault reports: when the CPU takes a fault (a process's or the kernel's), the
 * function and file:line of the faulting PC and of the return address it held (cm4: the LR
 * stacked in the exception frame; rv32: ra), from the kernel's or the app's DWARF
 * (srcsyms.h). The lines are printed after the guest's own report — when a process runs
 * again, the CPU goes to sleep, or the run ends (faultsrc_flush) — to stderr when the
 * console goes somewhere, each starting "tocksim: " (the first FAULTSRC_PRINT_MAX faults),
 * and kept for scenarios and the window. */
#ifndef SIM_DWARF_FAULTSRC_H
#define SIM_DWARF_FAULTSRC_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/dwarf/srcsyms.h"

#define FAULTSRC_KEPT 16
#define FAULTSRC_LINE 700
#define FAULTSRC_PRINT_MAX 32   /* faults printed per run (firmware tests fault on purpose) */

struct faultsrc_entry {
    uint64_t t_ns;
    char process[32];           /* the process the kernel said faulted; "" for the kernel */
    uint32_t pc, ret;           /* ret: LR (cm4) or ra (rv32) */
    char pc_line[FAULTSRC_LINE];    /* "PC 0x0004014c = main at apps/fault-null/main.c:11 (fault-null.elf)" */
    char ret_line[FAULTSRC_LINE];   /* "LR 0x0004014b = …" / "RA 0x… = …" */
};

struct faultsrc {
    struct machine *m;
    struct srcsyms syms;
    bool print;                 /* print to stderr */
    bool have_cpu;              /* a fault the CPU took, not yet turned into an entry */
    struct cpu_exception cpu;
    uint64_t cpu_ns;
    bool unprinted;             /* the latest entry is still to be printed */
    char process[32];           /* the kernel's fault event for the pending fault */
    struct faultsrc_entry kept[FAULTSRC_KEPT];  /* ring: the latest at (total - 1) % KEPT */
    unsigned total;
    unsigned printed;
};

/* Observes m (f must live as long as m); print: write the lines to stderr (when the
 * machine's console goes somewhere). False if the machine has no room for another observer. */
bool faultsrc_attach(struct faultsrc *f, struct machine *m, bool print);
/* Turns a pending fault into an entry now (the kernel's report may not be out yet). */
void faultsrc_complete(struct faultsrc *f);
/* The end of a run: completes and prints what is pending. */
void faultsrc_flush(struct faultsrc *f);
/* The latest entry, or NULL; k = 1: the one before it, and so on. */
const struct faultsrc_entry *faultsrc_latest(const struct faultsrc *f, unsigned k);
/* Stops observing and closes the files. */
void faultsrc_free(struct faultsrc *f);

#endif
