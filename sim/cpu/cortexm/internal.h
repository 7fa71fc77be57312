/* Private state of the Cortex-M backend, shared by its files (the .c files of sim/cpu/cortexm/) only. */
#ifndef SIM_CPU_CORTEXM_INTERNAL_H
#define SIM_CPU_CORTEXM_INTERNAL_H

#include <unicorn/unicorn.h>

#include "sim/cpu/cortexm/cortexm.h"
#include "sim/cpu/uc/context.h"
#include "sim/cpu/uc/debug.h"
#include "sim/cpu/uc/icount.h"
#include "sim/cpu/uc/map.h"
#include "sim/cpu/uc/observe.h"
#include "sim/cpu/uc/qemu.h"
#include "sim/cpu/uc/tlb.h"

#define CM_PAGE_SIZE 1024u          /* Unicorn's ARM target page */
#define CM_MAX_RUN_HOOKS 64         /* fill hooks for uniform runs inside mixed MPU pages */
#define CM_ALIAS_BASE 0x80000000u   /* physical window where RAM/flash are mirrored as MMIO */
#define CM_SCS_BASE 0xe000e000u     /* System Control Space (B3.2) */
/* Special-register fields (ARMv7-M ARM B1.4.2, B1.4.4) and CPACR (B3.2.20). */
#define IPSR_EXCEPTION   0x1ffu     /* IPSR: the active exception's number, 0 in thread mode */
#define CONTROL_NPRIV    (1u << 0)  /* thread mode is unprivileged */
#define CONTROL_SPSEL    (1u << 1)  /* thread mode uses PSP */
#define CONTROL_FPCA     (1u << 2)  /* FP context active (FPU only) */
#define CPACR_CP10_SHIFT 20         /* CPACR.CP10: access to the FPU (2 bits; CP11 must match) */
#define CPACR_CP_FULL    3u
#define CM_RUN_UNTIL 0x0u           /* `until`: the initial-SP word of the vector table, never executed */

/* Why the last uc_emu_start stopped, as set by our hooks. */
enum cm_stop_reason { CM_RUN, CM_BUDGET, CM_INJECTED, CM_EXIT, CM_LOCKUP };

struct cm_refusal {
    uint32_t page;
    uc_mem_type type;           /* UC_MEM_READ / WRITE / FETCH */
    bool bus;                   /* true: no memory there (or flash write); false: MPU */
    bool valid;                 /* the last TLB fill was refused */
};

/* Usage-fault traps Unicorn's core lacks (sim/cpu/cortexm/guard.c). */
enum { CM_TRAP_DIV0 = 1, CM_TRAP_UNALIGNED = 2, CM_TRAP_FP = 4 };

struct cm_run_hook {
    uc_hook hook;
    uint32_t begin;
    struct cortexm *cpu;
};

/* Where the M-profile state lives in QEMU's CPUARMState (direct.c): byte offsets. */
struct cm_direct {
    uint8_t *env;                   /* the state, or NULL: every access goes through the API */
    int32_t exception, control, other_sp, primask, basepri, faultmask, thumb, exclusive;
    int32_t fpca;                   /* the word holding CONTROL.FPCA, -1 if none */
    int32_t nf, zf, cf, vf, qf;     /* the flags as QEMU keeps them apart (cpsr_write's form) */
};

struct cortexm {
    /* Hot fields first: the block hook reads these on every basic block. */
    uint64_t *now;                  /* the machine clock's cycle counter */
    uint64_t limit;                 /* block hook takes its slow path when *now >= limit:
                                       the slice end, or 0 while irq_check/mpu_dirty */
    struct uc_icount_entry *icache; /* block instruction counts (sim/cpu/uc/icount.h) */
    uint64_t instructions;
    uc_engine *uc;
    struct cortexm_config cfg;
    struct armv7m_scs scs;
    struct cpu_stats stats;
    uint64_t budget_end;            /* slice deadline in cycles */
    bool irq_check;                 /* a pending exception may preempt: look at next block */
    /* PRIMASK, BASEPRI, FAULTMASK as an exception return to unprivileged thread mode left
     * them: valid until the mode changes or the host writes a special register. Unprivileged
     * code cannot change them (MSR and CPS are ignored there, B5.2.3), and reading them in that
     * mode costs a privilege lift (a dozen register calls) at every system call. */
    uint32_t thread_masks[3];
    bool thread_masks_valid;
    bool host_lookup;               /* Unicorn translates an address for itself: grant it */
    bool mpu_dirty;                 /* MPU reprogrammed: rebuild before the next block */
    bool traps_dirty;               /* CCR/CPACR changed: re-arm traps before the next block */
    uint32_t traps;                 /* CM_TRAP_* armed */
    uc_hook trap_hook;              /* the code hook on every instruction while traps != 0 */
    uint32_t it_begin, it_end;      /* the instructions of the last IT block the hook saw */
    bool fp_watch;                  /* CPACR denies FP somewhere: decode new blocks for FP */
    bool fp_seen;                   /* ... and one held an FP instruction: the FP trap is armed */
    bool icache_fp_checked;         /* every block in icache was decoded for FP (see guard.c) */
    uint32_t flash_base, flash_size;    /* where code is expected to live */
    bool code_outside_flash;        /* a block ran from elsewhere (RAM): restores that rewrite
                                       RAM must drop its translations */
    struct uc_snap snap;            /* the engine's context in snapshots (sim/cpu/uc/context.h) */
    bool mpu_applied_valid;
    struct armv7m_mpu mpu_applied;  /* the configuration the TLB and run hooks reflect */
    enum cm_stop_reason stop;
    struct cm_refusal refused;
    uc_hook main_fill, block_hook, intr_hook;
    uc_hook cov_hook;               /* guest coverage (sim/cpu/uc/coverage.c), 0: none */
    struct uc_observe obs;          /* --itrace, --profile (sim/cpu/uc/observe.h) */
    struct uc_tlb_watch tlb_watch;
    struct uc_qemu qemu;            /* one-page TLB flushes (sim/cpu/uc/qemu.h), if available */  /* device pages filled since the last settle (uc/tlb.c) */
    bool tlb_settle;                /* a device page was filled again: flush before the next block */
    struct uc_map map;              /* the bus in Unicorn (sim/cpu/uc/map.h) */
    struct cm_run_hook runs[CM_MAX_RUN_HOOKS];
    int nruns;
    struct uc_debug dbg;            /* breakpoints, watchpoints, steps (sim/cpu/uc/debug.h) */
    uc_context *monitor_ctx;        /* scratch context for clearing the exclusive monitor */
    size_t monitor_off;             /* where the monitor's address lives in it (0: unknown) */
    size_t monitor_env_off;         /* ... and in the live state (0: unknown) */
    struct cm_direct direct;        /* the CPU state in place (direct.c) */
    bool in_intr;                   /* inside the interrupt hook: a PC written in place is taken */
    char error[256];
};

/* Asks the block hook to look at pending exceptions / MPU changes before the next block. */
static inline void cm_request_check(struct cortexm *c)
{
    c->irq_check = true;
    c->limit = 0;
}

/* Sets the slice end (the fast path's limit unless a check is requested). */
static inline void cm_set_budget(struct cortexm *c, uint64_t end)
{
    c->budget_end = end;
    c->limit = (c->irq_check || c->mpu_dirty || c->traps_dirty || c->dbg.active) ? 0 : end;
}

/* sim/cpu/cortexm/cortexm.c: one run of Unicorn, for the slice loop and single steps. */
/* Before a run: takes a pending exception (*taken), applies MPU and trap changes, arms the
 * debugger's hooks as the run needs them (step: a single step). Returns the pc to start at. */
uint32_t cm_before_run(struct cortexm *c, bool step, bool *taken);
/* One uc_emu_start from pc with the slice ending at `end`; false (with *out) when the caller
 * must stop: exit, error, sleep or a debug stop. */
bool cm_run_once(struct cortexm *c, uint32_t pc, uint64_t end, enum cpu_stop *out);

/* sim/cpu/cortexm/debug.c: the debug half of cortexm_cpu_ops. */
extern const struct cpu_debug_ops cortexm_debug_ops;
/* Sets up c->dbg (after Unicorn is open). */
void cm_debug_init(struct cortexm *c);

/* sim/cpu/cortexm/exception.c: exception entry/return and faults. */
/* Moves to IPSR `ipsr` and CONTROL `control`; r13 then holds the matching banked SP. */
void cm_set_mode(struct cortexm *c, uint32_t ipsr, uint32_t control);
void cm_take_exception(struct cortexm *c, int exc, uint32_t return_addr);
void cm_exception_return(struct cortexm *c, uint32_t exc_return);
void cm_raise_fault(struct cortexm *c, uint32_t cfsr_bits, uint32_t addr, uint32_t return_addr);
int cm_execution_priority(struct cortexm *c);
/* Takes the highest pending exception if it preempts; returns true if one was taken. */
bool cm_take_pending(struct cortexm *c, uint32_t return_addr);

/* sim/cpu/cortexm/mem.c: memory map, TLB fill (MPU), mixed pages, refusal decoding. */
bool cm_mem_init(struct cortexm *c, char *err, unsigned errlen);
void cm_mpu_changed(void *ctx);
/* Applies MPU changes (sub-page hooks, TLB) before the guest's next access. */
void cm_mpu_rebuild(struct cortexm *c);
bool cm_privileged(struct cortexm *c);
/* What the TLB fill hook's decisions depend on besides the MPU's regions and QEMU does not
 * keep apart: negative execution priority (QEMU's own NVIC, which would pick its NegPri MMU
 * indexes, is not there). Privilege needs no place here: QEMU fills the privileged and the
 * unprivileged accesses into tables of their own. Same view, same regions: the TLB's entries
 * still hold. */
uint32_t cm_fill_view(struct cortexm *c);
/* Whether an access to addr is refused: by the MPU (checked first, as in hardware: *bus false)
 * or by the bus (*bus true). */
bool cm_access_refused(struct cortexm *c, uint32_t addr, bool priv, char acc, bool *bus);
/* cm_access_refused for an exception frame's 8 words at frame: MPU regions and subregions are
 * multiples of 32 bytes, so the frame lies in at most two granules and its first and last words
 * decide (the MPU first, then the bus, as for one access). */
bool cm_frame_refused(struct cortexm *c, uint32_t frame, bool priv, char acc, bool *bus);
/* Turns the recorded refusal into a fault with exact MMFAR/BFAR; pc = faulting instruction. */
void cm_handle_refusal(struct cortexm *c, uint32_t pc);

/* Reads guest memory as the CPU sees it: RAM and flash straight from the bus's host buffers
 * (which Unicorn maps), anything else through Unicorn. Exceptions read frames, vectors and
 * instructions this way: Unicorn's own path costs a memory-map walk per call. */
static inline bool cm_read_mem(struct cortexm *c, uint32_t addr, void *out, size_t len)
{
    return bus_peek(c->cfg.bus, addr, out, len) || uc_mem_read(c->uc, addr, out, len) == UC_ERR_OK;
}

/* sim/cpu/cortexm/direct.c: the M-profile state in QEMU's CPUARMState, when Unicorn is 2.1.1. */
/* Finds the state's words (c->qemu attached, exclusive_off from cm_monitor_calibrate). */
bool cm_direct_attach(struct cortexm *c, size_t exclusive_off);
static inline uint32_t *cm_env_word(struct cortexm *c, uint32_t off)
{
    return (uint32_t *)(void *)(c->direct.env + off);
}
/* r0-r12, SP, LR in place (NULL for others). Inline: the register is a constant at most calls,
 * and exception entry and return make some thirty of them. */
static inline uint32_t *cm_direct_slot(struct cortexm *c, int ucreg)
{
    unsigned i = (unsigned)(ucreg - UC_ARM_REG_R0);
    if (i <= 12)
        return cm_env_word(c, 4 * i);
    if (ucreg == UC_ARM_REG_SP)
        return cm_env_word(c, 4 * 13);
    return ucreg == UC_ARM_REG_LR ? cm_env_word(c, 4 * 14) : NULL;
}
/* MSP, PSP (the banked one), PRIMASK, BASEPRI, FAULTMASK in place (NULL for others). */
uint32_t *cm_direct_special(struct cortexm *c, int ucreg);
void cm_direct_set_mode(struct cortexm *c, uint32_t ipsr, uint32_t control);
/* Only where QEMU looks at the PC again before running on: the interrupt hook, or stopped. */
void cm_direct_set_pc(struct cortexm *c, uint32_t pc);
void cm_direct_clear_exclusive(struct cortexm *c);
/* APSR.NZCVQ from an xPSR value, as an MSR APSR_nzcvq writes them. */
void cm_direct_set_nzcvq(struct cortexm *c, uint32_t xpsr);

/* sim/cpu/cortexm/tlb_count.c: QEMU's privileged TLB count for the TLB watch, if it can be
 * found (c->qemu attached; before the board's memory is mapped). */
void cm_tlb_count_find(struct cortexm *c);

/* sim/cpu/cortexm/regs.c: register helpers that respect Unicorn's quirks. */
/* Any register: in place where it can be (cm_direct_slot inline; PC, IPSR, CONTROL to read and
 * APSR.NZCVQ to write in regs.c), else through the API. */
uint32_t cm_get_any(struct cortexm *c, int ucreg);
void cm_put_any(struct cortexm *c, int ucreg, uint32_t value);
static inline uint32_t cm_get(struct cortexm *c, int ucreg)
{
    const uint32_t *w = c->direct.env ? cm_direct_slot(c, ucreg) : NULL;
    return w ? *w : cm_get_any(c, ucreg);
}
static inline void cm_put(struct cortexm *c, int ucreg, uint32_t value)
{
    uint32_t *w = c->direct.env ? cm_direct_slot(c, ucreg) : NULL;
    if (w)
        *w = value;
    else
        cm_put_any(c, ucreg, value);
}
/* Writes a privileged-only special register (MSP/PSP/PRIMASK/...) regardless of current mode. */
void cm_put_special(struct cortexm *c, int ucreg, uint32_t value);
uint32_t cm_get_special(struct cortexm *c, int ucreg);
/* Several at once (one privilege lift for all). */
void cm_get_specials(struct cortexm *c, const int *ucregs, uint32_t *out, int n);
/* After IPSR or CONTROL changed: make Unicorn rebuild its cached mode/privilege state. */
void cm_refresh_mode(struct cortexm *c);
void cm_set_pc(struct cortexm *c, uint32_t pc);
/* EPSR.T: false after a branch to an even address (the next instruction faults INVSTATE). */
bool cm_thumb(struct cortexm *c);
/* Finds the exclusive monitor in Unicorn's CPU state (before the board's memory is mapped). */
bool cm_monitor_calibrate(struct cortexm *c);
/* ClearExclusiveLocal: done on exception entry and return. */
void cm_clear_exclusive(struct cortexm *c);

/* sim/cpu/cortexm/guard.c: the DIV_0_TRP, UNALIGN_TRP and CPACR (NOCP) traps. */
/* SCS hook: CCR or CPACR written (or reset). */
void cm_traps_changed(void *ctx);
/* Execution continues at pc with this xPSR's IT state (exception entry or return): tells the
 * trap hook which instructions are still inside an IT block. */
void cm_traps_it_state(struct cortexm *c, uint32_t pc, uint32_t xpsr);
/* Arms/disarms the traps to match CCR and CPACR; outside uc_emu_start only (it may flush). */
void cm_traps_apply(struct cortexm *c);
/* While CPACR denies FP and the FP trap is not armed yet: true if the block about to run holds
 * an FP instruction (the trap must be armed first: the caller stops before the block). */
bool cm_traps_fp_block(struct cortexm *c, uint32_t addr, uint32_t size);

/* After a snapshot restore (fp_watch, fp_seen and CCR/CPACR restored): makes the block cache
 * and the trap hook agree with them. */
void cm_traps_restored(struct cortexm *c);

/* sim/cpu/cortexm/snapshot.c: the cpu_ops snapshot functions; init finds flash and allocates
 * the engine's context. */
bool cm_snapshot_init(struct cortexm *c, char *err, unsigned errlen);
void cm_snapshot(void *cpu, struct snap_writer *w);
void cm_restore(void *cpu, struct snap_reader *r);
void cm_memory_changed(void *cpu, uint32_t addr, uint32_t len);
void cm_code_changed(void *cpu, uint32_t addr, uint32_t len);

/* semihost.c */
void cm_semihost(struct cortexm *c);

#endif
