/* Private state of the RISC-V backend, shared by its files (the .c files of sim/cpu/rv32/) only. */
#ifndef SIM_CPU_RV32_INTERNAL_H
#define SIM_CPU_RV32_INTERNAL_H

#include <unicorn/unicorn.h>

#include "sim/cpu/rv32/rv32.h"
#include "sim/cpu/rv32/ctx.h"
#include "sim/cpu/rv32/pmp.h"
#include "sim/cpu/uc/context.h"
#include "sim/cpu/uc/debug.h"
#include "sim/cpu/uc/icount.h"
#include "sim/cpu/uc/map.h"
#include "sim/cpu/uc/observe.h"
#include "sim/cpu/uc/qemu.h"
#include "sim/cpu/uc/tlb.h"

#define RV_PAGE_SIZE 4096u          /* Unicorn's RISC-V target page */
#define RV_MAX_RUN_HOOKS 64         /* fill hooks for uniform runs inside mixed PMP pages */
#define RV_MAX_MIXED_PAGES 32
#define RV_ALIAS_BASE 0xc0000000u   /* physical window where RAM/flash are mirrored as MMIO */
#define RV_RUN_UNTIL 0xffffffffu    /* `until` of uc_emu_start: odd, so never a pc */
#define RV_UNTIL_PAGE 0xfffff000u   /* its page: nothing on the bus, mapped to ... */
#define RV_UNTIL_PHYS 0xbffff000u   /* ... this page of zeros (outside the guest's bus) */

/* mstatus and mip bits. */
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP (3u << 11)
#define MSTATUS_MPRV (1u << 17)
#define MIP_M_BITS 0x888u

/* Exception causes (mcause, interrupt bit clear). */
enum { CAUSE_FETCH_FAULT = 1, CAUSE_ILLEGAL = 2, CAUSE_BREAKPOINT = 3, CAUSE_LOAD_MISALIGNED = 4,
       CAUSE_LOAD_FAULT = 5, CAUSE_STORE_MISALIGNED = 6, CAUSE_STORE_FAULT = 7,
       CAUSE_ECALL_U = 8, CAUSE_ECALL_M = 11 };

/* "store access fault" for mcause 7 (privileged spec, Table 3.6); interrupts by their number. */
const char *rv_cause_name(uint32_t mcause);

/* Why the last uc_emu_start stopped, as set by our hooks. */
enum rv_stop_reason { RV_RUN, RV_BUDGET, RV_EXIT, RV_ERROR };

struct rv_refusal {
    uint32_t page;
    uc_mem_type type;           /* UC_MEM_READ / WRITE / FETCH */
    bool valid;                 /* the last TLB fill was refused */
};

struct rv_run_hook {
    uc_hook hook;                   /* UC_HOOK_TLB_FILL bounded to the run */
    uc_hook xhook;                  /* UC_HOOK_CODE bounded to it when it may refuse execution */
    struct rv32_pmp_run run;
    struct rv32 *cpu;
    bool m_uniform;                 /* machine mode has the same permissions on all the page */
};

struct rv32 {
    /* Hot fields first: the block hook reads these on every basic block. */
    uint64_t *now;                  /* the machine clock's cycle counter */
    uint64_t limit;                 /* block hook takes its slow path when *now >= limit:
                                       the slice end */
    struct uc_icount_entry *icache; /* block instruction counts (sim/cpu/uc/icount.h) */
    uint64_t instructions;          /* summed per uc_emu_start, not per block */
    uc_engine *uc;
    struct rv32_config cfg;
    struct rv32_ctx ctx;
    struct rv32_pmp pmp;
    /* The PMP the TLB's entries were decided on (valid: else the next change flushes it all),
     * and QEMU's one-page flush (sim/cpu/uc/qemu.h) for changes of a few entries. */
    struct rv32_pmp pmp_applied;
    bool pmp_applied_valid;
    struct uc_qemu qemu;
    struct cpu_stats stats;
    uint64_t budget_end;            /* slice deadline in cycles */
    uint32_t mip_lines;             /* mip bits driven by the interrupt lines */
    uint32_t mip_cpu;               /* the machine-level mip bits QEMU has been told about */
    bool watch_return;              /* report the next block run in user mode (cfg.thread) */
    enum rv_stop_reason stop;
    struct rv_refusal refused;
    uint32_t resume_pc;             /* the block a budget stop kept from running (see rv32.c) */
    uc_hook main_fill, block_hook, intr_hook;
    uc_hook cov_hook;               /* guest coverage (sim/cpu/uc/coverage.c), 0: none */
    struct uc_observe obs;          /* --itrace, --profile (sim/cpu/uc/observe.h) */
    struct uc_tlb_watch tlb_watch;  /* device pages filled since the last settle (uc/tlb.c) */
    bool tlb_settle;                /* a device page was filled again: flush before the next block */
    struct uc_map map;              /* the bus in Unicorn (sim/cpu/uc/map.h) */
    struct rv_run_hook runs[RV_MAX_RUN_HOOKS];
    int nruns;
    bool host_lookup;               /* Unicorn translates an address for us: grant it */
    struct uc_debug dbg;            /* breakpoints, watchpoints, steps (sim/cpu/uc/debug.h) */
    uint32_t mixed[RV_MAX_MIXED_PAGES];     /* pages with a sub-page PMP boundary */
    int nmixed;
    uint32_t flash_base, flash_size;    /* where code is expected to live */
    bool code_outside_flash;        /* a block ran from elsewhere (RAM): restores that rewrite
                                       RAM must drop its translations */
    struct uc_snap snap;            /* the engine's context in snapshots (sim/cpu/uc/context.h) */
    char error[256];
};

/* Someone listens to user-mode crossings (cfg.thread) now. */
static inline bool rv_thread_wanted(const struct rv32 *c)
{
    return c->cfg.thread && (!c->cfg.thread_wanted || *c->cfg.thread_wanted);
}

/* Sets the slice end (the fast path's limit unless a check is requested). */
static inline void rv_set_budget(struct rv32 *c, uint64_t end)
{
    c->budget_end = end;
    c->limit = c->watch_return || c->dbg.active ? 0 : end;
}

/* sim/cpu/rv32/rv32.c: one uc_emu_start from pc with the slice ending at `end` (step: a single
 * step); false (with *out) when the caller must stop: exit, error, sleep or a debug stop. */
bool rv_run_once(struct rv32 *c, uint32_t pc, uint64_t end, bool step, enum cpu_stop *out);

/* sim/cpu/rv32/debug.c: the debug half of rv32_cpu_ops. */
extern const struct cpu_debug_ops rv32_debug_ops;
void rv_debug_init(struct rv32 *c);

/* sim/cpu/rv32/trap.c: synchronous traps, interrupts, host-emulated CSRs. */
/* Reports a crossing to cfg.thread with a0-a3 (svc -1: a return to user mode). */
void rv_report_thread(struct rv32 *c, int svc, uint32_t pc);
/* Trap entry (privileged spec 3.1.6-3.1.16): mepc, mcause, mtval, mstatus.MPP/MPIE/MIE,
 * privilege M, pc = mtvec base. Must be followed by a pc write that Unicorn notices. */
void rv_trap(struct rv32 *c, uint32_t cause, uint32_t epc, uint32_t tval);
/* UC_HOOK_INTR: pc is the trapping instruction + 4 for every intno. */
void rv_on_intr(uc_engine *uc, uint32_t intno, void *ud);
/* Tells QEMU about changed interrupt lines (at once: safe in device callbacks too); true if
 * a new interrupt became pending. */
bool rv_sync_mip(struct rv32 *c);
/* After Unicorn stopped with UC_ERR_INSN_INVALID at pc (ebreak, or an undecodable instruction). */
void rv_insn_invalid(struct rv32 *c, uint32_t pc);
/* Reads the instruction at pc from the bus (0 if nothing is there). */
uint32_t rv_fetch(struct rv32 *c, uint32_t pc);

/* sim/cpu/rv32/mem.c: memory map, TLB fill (PMP), mixed pages, refusal decoding. */
bool rv_mem_init(struct rv32 *c, char *err, unsigned errlen);
/* sim/cpu/rv32/tlb_count.c: QEMU's machine-mode TLB count for the TLB watch, if it can be found
 * (c->qemu attached; before the board's memory is mapped). */
void rv_tlb_count_find(struct rv32 *c);
/* What the TLB fill hook's decisions depend on besides the PMP's entries and QEMU does not
 * keep apart: mstatus.MPRV/MPP (a machine-mode load or store under MPRV is checked as MPP's).
 * The privilege needs no place here: QEMU fills machine- and user-mode accesses into tables of
 * their own. Same view, same entries: the TLB's entries still hold. */
uint32_t rv_fill_view(struct rv32 *c);
/* Applies a PMP change: sub-page hooks and TLB flush. */
void rv_pmp_changed(struct rv32 *c);
/* Turns the recorded refusal into an access fault with the exact mtval; pc = faulting insn. */
void rv_handle_refusal(struct rv32 *c, uint32_t pc);

/* sim/cpu/rv32/snapshot.c: the cpu_ops snapshot functions; init finds flash and allocates the
 * engine's context. */
bool rv_snapshot_init(struct rv32 *c, char *err, unsigned errlen);
void rv_snapshot(void *cpu, struct snap_writer *w);
void rv_restore(void *cpu, struct snap_reader *r);
void rv_memory_changed(void *cpu, uint32_t addr, uint32_t len);
void rv_code_changed(void *cpu, uint32_t addr, uint32_t len);

#endif
