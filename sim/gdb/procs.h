/* What the stub knows of the Tock processes: the apps in flash (TBF headers), where each one's
 * RAM starts (seen when it starts), and the kernel's process events (kdbg): states, faults. */
#ifndef SIM_GDB_PROCS_H
#define SIM_GDB_PROCS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/trace/strace.h"

#define GDB_MAX_SLOTS 16
#define GDB_MAX_FAULTS 32

struct gdb_app {
    struct strace_app img;      /* name, flash range, entry point */
    uint32_t bin_start;         /* the binary: after the TBF header and protected region */
    bool fixed;                 /* linked for fixed addresses (FixedAddresses TLV): no offsets */
    uint32_t ram_start;         /* its process RAM, as passed at its last start (r1) ... */
    bool started;               /* ... once it started */
};

struct gdb_slot {               /* a process table slot, from the kernel's events */
    bool used;
    unsigned pid, restarts;
    char name[32];
    enum proc_state state;
    uint32_t mem_used, mem_size;
};

struct gdb_fault {
    uint64_t ns;
    unsigned pid;
    char name[32], kind[16];
    uint32_t addr;
};

struct gdb_procs {
    struct machine *m;
    struct gdb_app apps[STRACE_MAX_APPS];
    int napps;
    struct gdb_slot slots[GDB_MAX_SLOTS];
    bool events_seen;           /* the kernel reports through kdbg */
    struct gdb_fault faults[GDB_MAX_FAULTS];   /* the first ones */
    unsigned nfaults;           /* all of them (more than the table holds are counted) */
    /* Called when an app (index) starts: the apps file follows. */
    void (*started)(void *ctx, int app);
    void *ctx;
};

/* Scans the apps region (after loading): the apps, nothing started yet. */
void gdb_procs_scan(struct gdb_procs *p, struct machine *m);
/* Scans, then observes the machine (p must live as long as m); false if it cannot observe. */
bool gdb_procs_attach(struct gdb_procs *p, struct machine *m, void (*started)(void *ctx, int app), void *ctx);
/* Forgets what ran (a reset): RAM starts, slots, faults. */
void gdb_procs_reset(struct gdb_procs *p);

#endif
