/* The CPU seam of a machine: what the run loop needs from any CPU backend. */
#ifndef SIM_CPU_H
#define SIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/snapbuf.h"

/* Why a slice ended. */
enum cpu_stop {
    CPU_STOP_SLICE,     /* reached the deadline (or an interrupt was taken) */
    CPU_STOP_SLEEP,     /* wfi: nothing to do until an interrupt */
    CPU_STOP_EXIT,      /* the guest asked to end the run (semihosting, finisher) */
    CPU_STOP_ERROR,     /* lockup or host error: the run cannot continue (see ops->error) */
};

struct cpu_stats {
    uint64_t instructions;
    uint64_t exceptions;        /* exception/trap entries */
    uint64_t tlb_fills;
    uint64_t slow_accesses;     /* accesses to pages only partly allowed by the MPU/PMP */
};

/* Implemented by each backend (sim/cpu/cortexm/cortexm.c, later sim/cpu/rv32/rv32.c). */
/* Guest edge coverage for the syscall fuzzer (sim/fuzz/): each basic block that starts in
 * [lo, hi) (the kernel's code) adds one to map[(hash(block) ^ prev) & mask] and becomes prev
 * (AFL's edge counting). The owner keeps the struct alive while it is set and zeroes prev
 * between inputs, so that an input's counts do not depend on the one before. */
struct cpu_coverage {
    uint8_t *map;
    uint32_t mask;              /* map size - 1: the size is a power of two */
    uint32_t lo, hi;
    uint32_t prev;              /* the previous block's hash, shifted right once */
};

struct cpu_ops {
    const char *arch;                                   /* "armv7m", "rv32" */
    uint16_t elf_machine;                               /* EM_ARM, EM_RISCV */
    void (*reset)(void *cpu);
    /* Runs until the clock reaches `deadline` (may overshoot by one basic block), the CPU
     * sleeps, or the run must stop. */
    enum cpu_stop (*run)(void *cpu, uint64_t deadline);
    /* True if a pending interrupt would wake a sleeping CPU. */
    bool (*wake_pending)(void *cpu);
    /* Ends the current run at the next basic block (called from device callbacks during run,
     * when an observer wants to look at the machine now, not at the next device deadline). */
    void (*stop_soon)(void *cpu);
    const char *(*error)(void *cpu);
    void (*stats)(void *cpu, struct cpu_stats *out);
    void (*destroy)(void *cpu);
    /* Snapshots (sim/core/snapshot.h), between runs only: the CPU's registers and system
     * registers (the engine's saved context) and the backend's own state (statistics, trap
     * state; a protection model the backend owns). restore rebuilds what derives from that
     * state (protection hooks, the TLB) after the devices have been restored; a problem
     * (another engine version) goes to snap_fail. */
    void (*snapshot)(void *cpu, struct snap_writer *w);
    void (*restore)(void *cpu, struct snap_reader *r);
    /* The host rewrote guest RAM at [addr, addr + len) behind the engine's back (a restore):
     * drop code translated from it, if any. */
    void (*memory_changed)(void *cpu, uint32_t addr, uint32_t len);
    /* The host rewrote memory code may have run from, flash included (the boot fuzzer writes
     * a new apps region per input): drop what was translated from [addr, addr + len). */
    void (*code_changed)(void *cpu, uint32_t addr, uint32_t len);
    /* Starts counting coverage into cov (NULL: stops). Between runs only. False if the
     * engine refused the hook (the message in error()). */
    bool (*set_coverage)(void *cpu, struct cpu_coverage *cov);
};

struct cpu {
    const struct cpu_ops *ops;
    void *impl;
};

#endif
