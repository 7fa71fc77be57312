/* Breakpoints, watchpoints and single steps on Unicorn, shared by the CPU backends (the debug
 * half of struct cpu_ops, sim/core/cpu.h). Nothing is patched into guest memory:
 *
 *  - Breakpoints are looked for by the block hook, which takes its slow path while any exists:
 *    a breakpoint at a block's first instruction stops before the block; one inside a block
 *    arms "precise mode" and the block runs again under it.
 *  - Precise mode is one UC_HOOK_CODE over all addresses (doc/cpu-cortexm.md: bounded code
 *    hooks make Unicorn 2.1 mis-execute Thumb code); it stops before any instruction. It is
 *    armed for single steps, watchpoints and breakpoints inside blocks, and removed (with a
 *    flush of the translations) when none of them needs it any more, so a run after a debug
 *    session is as fast as one without (doc/debugging.md has the figures). A removed hook
 *    lingers in Unicorn until the next run ends (doc/unicorn.md), so that run stops at its
 *    first block and the translations are flushed once more ("draining").
 *  - Watchpoints are UC_HOOK_MEM_READ/WRITE bounded to the watched range, present only while
 *    the watchpoint exists (any memory hook puts every access on the slow path); the stop
 *    comes after the accessing instruction, as QEMU's GDB stub reports it.
 *
 * Time: a block is counted when it starts (icount.h); a stop inside a block takes back the
 * instructions of the block that have not run, so stepping through code counts each
 * instruction once, as a plain run does. */
#ifndef SIM_UC_DEBUG_H
#define SIM_UC_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "sim/core/cpu.h"

#define UC_DEBUG_MAX_BREAKS 64
#define UC_DEBUG_MAX_WATCHES 8

struct uc_debug;

struct uc_debug_watch {
    uint32_t addr, len;
    enum cpu_watch_kind kind;
    uc_hook hook;
    struct uc_debug *d;                 /* NULL: a free slot */
};

struct uc_debug {
    /* The backend's, set by uc_debug_init. */
    uc_engine *uc;
    uint64_t *now;                      /* the clock's cycle counter */
    void *cpu;
    uint32_t (*insn_length)(void *cpu, uint32_t addr);
    bool *host_lookup;                  /* the backend's "grant Unicorn's own lookups" flag */
    /* What the debugger asked for. */
    uint32_t breaks[UC_DEBUG_MAX_BREAKS];
    int nbreaks;
    struct uc_debug_watch watches[UC_DEBUG_MAX_WATCHES];
    int nwatches;                       /* slots in use */
    bool active;                        /* anything above, or precise mode: the block hook looks */
    /* The current run. */
    bool stepping;
    uint32_t step_pc;
    bool skip_armed;                    /* the first instruction, at skip_pc, ignores a break */
    uint32_t skip_pc;
    unsigned insns;                     /* instructions precise mode let start in this run */
    uint32_t block_start, block_icount; /* the block precise mode is in, as counted */
    bool mode_change;                   /* stopped before a block to arm/disarm precise mode */
    /* Precise mode. */
    bool precise, want_precise;
    uc_hook code_hook;
    bool draining;                      /* a hook was removed: stop the next run at once ... */
    bool drained;                       /* ... and flush the translations after it */
    /* The stop. */
    bool stopped;
    bool watch_pending;                 /* an access hit a watchpoint: stop before the next
                                           instruction (d->stop holds the access) */
    struct cpu_debug_stop stop;
};

void uc_debug_init(struct uc_debug *d, uc_engine *uc, uint64_t *now, void *cpu,
                   uint32_t (*insn_length)(void *cpu, uint32_t addr), bool *host_lookup);
bool uc_debug_set_break(struct uc_debug *d, uint32_t addr, bool on);
/* Adds or removes the memory hook at once (between runs only). */
bool uc_debug_set_watch(struct uc_debug *d, uint32_t addr, uint32_t len, enum cpu_watch_kind kind, bool on);
/* The debugger resumes at pc (see cpu_debug_ops.resume). */
void uc_debug_resume(struct uc_debug *d, uint32_t pc);
/* Before each uc_emu_start while d->active (or for a step): clears the last stop, arms or
 * removes precise mode as the run needs it (flushing translations). */
void uc_debug_prepare(struct uc_debug *d, bool step, uint32_t pc);
/* From the block hook's slow path while d->active, before the block at addr (icount
 * instructions) is counted: true if the block must not run (a stop was requested). */
bool uc_debug_block(struct uc_debug *d, uint32_t addr, uint32_t size, uint32_t icount);
/* Records a stop the backend decided (a step that ended in an exception entry). */
void uc_debug_stopped(struct uc_debug *d, enum cpu_debug_event ev, uint32_t pc);
/* Drops translations of [addr, addr+len) after the host wrote guest memory. */
void uc_debug_code_changed(struct uc_debug *d, uint32_t addr, uint32_t len);

#endif
