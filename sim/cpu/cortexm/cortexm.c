/* Cortex-M backend: Unicorn set-up, time slicing by basic-block budget, interrupt injection,
 * and turning Unicorn's stops (svc, exception return, refused access, undefined instruction)
 * into ARMv7-M behaviour. Facts about Unicorn 2.1.1 this relies on are in doc/unicorn.md.
 *
 * Entry: machine_run (sim/core/machine.c) -> cpu_ops.run -> cortexm_run, one slice up to the
 * next clock deadline -> uc_emu_start. Hot path: on_block, once per executed basic block
 * (instruction count, slice budget, pending interrupts); everything else runs per exception,
 * per refused access or per slice (after_run). */
#include <stdlib.h>
#include <string.h>

#include "sim/cpu/cortexm/internal.h"
#include "sim/cpu/uc/coverage.h"
#include "sim/cpu/uc/tlb.h"

/* QEMU's ARM exception numbers as passed to UC_HOOK_INTR (target/arm/cpu.h). */
enum { EXCP_SWI = 2, EXCP_BKPT = 7, EXCP_EXCEPTION_EXIT = 8, EXCP_NOCP = 17,
       EXCP_INVSTATE = 18, EXCP_UNALIGNED = 22 };

#define THUMB_WFI 0xbf30u
#define THUMB_SEMIHOST_BKPT 0xbeabu

/* Rare path of the block hook, before the block runs: apply MPU changes, take a pending
 * exception, or end the slice. Returns true if the block will not run (Unicorn stops first). */
static bool block_slow(struct cortexm *c, uint32_t addr)
{
    if (c->tlb_settle) {
        c->tlb_settle = false;
        uc_tlb_settle(c->uc, &c->tlb_watch);
    }
    if (c->mpu_dirty)
        cm_mpu_rebuild(c);
    if (c->traps_dirty) {
        /* Arming flushes translations: not while one runs. Stop before this block (it runs
         * after the flush, in the next uc_emu_start). */
        c->stop = CM_INJECTED;
        uc_emu_stop(c->uc);
        return true;
    }
    if (c->irq_check) {
        c->irq_check = false;
        if (cm_take_pending(c, addr)) {     /* writing PC stops Unicorn before this block */
            c->stop = CM_INJECTED;
            uc_observe_block_skipped(&c->obs);
            return true;
        }
        /* Pending but masked: keep looking, the guest may unmask at any instruction. */
        c->irq_check = armv7m_scs_preempting(&c->scs, V7M_PRIO_THREAD + 1) != 0;
    }
    cm_set_budget(c, c->budget_end);
    if (*c->now >= c->budget_end) {
        c->stop = CM_BUDGET;
        uc_emu_stop(c->uc);                 /* Unicorn stops before this block runs */
        return true;
    }
    return false;
}

/* on_block when the slice must look at something or the block's count is not cached. */
static __attribute__((noinline)) void on_block_slow(uc_engine *uc, uint32_t addr, uint32_t size, struct cortexm *c)
{
    if (addr - c->flash_base >= c->flash_size)
        c->code_outside_flash = true;       /* its first run (a cache miss) comes through here */
    if (*c->now >= c->limit && block_slow(c, addr))
        return;
    if (c->fp_watch && !c->fp_seen && uc_icount_slot(c->icache, addr)->tag != (addr | 1) &&
        cm_traps_fp_block(c, addr, size)) {
        c->stop = CM_INJECTED;              /* stop before it; it runs under the trap hook */
        uc_emu_stop(uc);
        return;
    }
    uint32_t n = uc_icount_lookup(uc, c->icache, addr, size, 2);
    if (c->dbg.active && uc_debug_block(&c->dbg, addr, size, n))
        return;                             /* a breakpoint: stops before the block */
    *c->now += n;
}

/* Counts time per basic block: a block is accounted when it starts, so a slice overshoots its
 * deadline by at most one block (deterministically). This runs for every block the guest
 * executes (Unicorn 2.1 calls it straight from the translated code): the fast path is a leaf
 * with two compares and an add, and saves no registers; executed instructions are summed per
 * slice in cortexm_run. Every nanosecond here costs ~0.1 s per 500M guest instructions. */
static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    struct cortexm *c = ud;
    uint64_t *now = c->now;
    const struct uc_icount_entry *e = uc_icount_slot(c->icache, (uint32_t)addr);
    if (__builtin_expect(*now < c->limit && e->tag == ((uint32_t)addr | 1), 1)) {
        *now += e->icount;
        return;
    }
    on_block_slow(uc, (uint32_t)addr, size, c);
}

/* SVC is synchronous: it must be taken now, or escalates to HardFault (B1.5.6). */
static void take_svc(struct cortexm *c, uint32_t return_addr)
{
    int prio = cm_execution_priority(c);
    if (armv7m_scs_group_priority(&c->scs, V7M_EXC_SVCALL) < prio) {
        armv7m_scs_set_pending(&c->scs, V7M_EXC_SVCALL);
        cm_take_exception(c, V7M_EXC_SVCALL, return_addr);
    } else {
        c->scs.hfsr |= HFSR_FORCED;
        armv7m_scs_set_pending(&c->scs, V7M_EXC_HARDFAULT);
        cm_take_exception(c, V7M_EXC_HARDFAULT, return_addr);
    }
}

/* Reports a thread-mode svc to the optional thread hook (before the exception is taken). */
static void report_svc(struct cortexm *c, uint32_t pc)
{
    static const int regs[] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3 };
    uint16_t insn = 0;
    uint32_t r[4];
    if ((cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION) != 0)
        return;
    for (int i = 0; i < 4; i++)
        r[i] = cm_get(c, regs[i]);
    cm_read_mem(c, pc - 2, &insn, 2);
    c->cfg.thread(c->cfg.ctx, insn & 0xff, pc, (cm_get(c, UC_ARM_REG_CONTROL) & CONTROL_SPSEL) != 0, r);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
    struct cortexm *c = ud;
    uint32_t pc = cm_get(c, UC_ARM_REG_PC);
    uint16_t insn = 0;
    c->in_intr = true;
    switch (intno) {
    case EXCP_SWI:                              /* PC is after the svc */
        if (c->cfg.thread)
            report_svc(c, pc);
        take_svc(c, pc);
        break;
    case EXCP_EXCEPTION_EXIT:                   /* PC = EXC_RETURN with bit 0 cleared */
        cm_exception_return(c, pc | 1u);
        break;
    case EXCP_BKPT:                             /* PC is on the bkpt */
        cm_read_mem(c, pc, &insn, 2);
        if (insn == THUMB_SEMIHOST_BKPT) {
            cm_semihost(c);
            if (c->stop != CM_EXIT)
                cm_set_pc(c, pc + 2);
        } else {
            /* Halting debug is off and DebugMonitor disabled: escalates (C1.4). */
            c->scs.hfsr |= HFSR_DEBUGEVT;
            armv7m_scs_set_pending(&c->scs, V7M_EXC_HARDFAULT);
            cm_take_exception(c, V7M_EXC_HARDFAULT, pc);
        }
        break;
    case EXCP_NOCP:
        cm_raise_fault(c, CFSR_NOCP, 0, pc);
        break;
    case EXCP_UNALIGNED:
        cm_raise_fault(c, CFSR_UNALIGNED, 0, pc);
        break;
    default:
        snprintf(c->error, sizeof(c->error), "unexpected CPU exception %u at pc 0x%08x", intno, pc);
        c->stop = CM_LOCKUP;
        break;
    }
    c->in_intr = false;
    if (c->stop == CM_EXIT || c->stop == CM_LOCKUP)
        uc_emu_stop(uc);
}

static void on_pending_changed(void *ctx)
{
    struct cortexm *c = ctx;
    cm_request_check(c);                /* looked at by the next block hook */
}

static void on_reset_request(void *ctx)
{
    struct cortexm *c = ctx;
    snprintf(c->error, sizeof(c->error), "guest requested a system reset (AIRCR.SYSRESETREQ)");
    c->stop = CM_LOCKUP;
    uc_emu_stop(c->uc);
}

struct cortexm *cortexm_create(const struct cortexm_config *cfg, char *err, unsigned errlen)
{
    struct cortexm *c = calloc(1, sizeof(*c));
    if (!c || !(c->icache = uc_icount_create())) {
        snprintf(err, errlen, "out of memory");
        free(c);
        return NULL;
    }
    uc_tlb_watch_init(&c->tlb_watch, 10);           /* log2 of CM_PAGE_SIZE */
    c->cfg = *cfg;
    c->now = &cfg->clock->now;
    /* Not UC_MODE_MCLASS: Unicorn 2.1 then always builds a Cortex-M33 (ARMv8-M: TT and the
     * stack-limit checks, a helper call on every SP write) whatever model is asked for. Thumb
     * mode with the M4 model gives the ARMv7-M core (test_core_is_armv7m). */
    uc_err e = uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &c->uc);
    /* Firmware for these boards is small: an 8 MiB translation buffer instead of Unicorn's
     * default keeps start-up (page tables for the buffer) short. */
    if (e == UC_ERR_OK)
        e = uc_ctl_set_tcg_buffer_size(c->uc, 8u << 20);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_cpu_model(c->uc, UC_CPU_ARM_CORTEX_M4);
    if (e != UC_ERR_OK) {
        snprintf(err, errlen, "Unicorn: cannot create a Cortex-M4: %s", uc_strerror(e));
        cortexm_destroy(c);
        return NULL;
    }
    uc_qemu_attach(&c->qemu, c->uc, UC_ARM_REG_R0, 0, tlb_flush_page_arm);  /* regs[0] */
    if (!cm_monitor_calibrate(c))
        trace_guest_error(cfg->trace, "cpu", "exclusive monitor not found in this Unicorn's CPU state: "
                          "exceptions will not clear it");
    cm_tlb_count_find(c);
    struct device_env env = { cfg->clock, cfg->trace, "scs", NULL };
    struct armv7m_scs_hooks hooks = { c, on_pending_changed, cm_mpu_changed, on_reset_request, cm_traps_changed };
    c->fp_watch = true;             /* CPACR denies FP from reset; the cache is empty anyway */
    c->icache_fp_checked = true;
    armv7m_scs_init(&c->scs, &env, cfg->num_irq, cfg->prio_bits, cfg->systick_refclk_hz, &hooks);
    if (!bus_map_device(cfg->bus, "scs", CM_SCS_BASE, 0x1000, &armv7m_scs_ops, &c->scs)) {
        snprintf(err, errlen, "cannot map the System Control Space at 0x%08x", CM_SCS_BASE);
        cortexm_destroy(c);
        return NULL;
    }
    if (!cm_mem_init(c, err, errlen) || !cm_snapshot_init(c, err, errlen)) {
        cortexm_destroy(c);
        return NULL;
    }
    cm_direct_attach(c, c->monitor_env_off);
    uc_hook_add(c->uc, &c->block_hook, UC_HOOK_BLOCK, on_block, c, 1, 0);
    uc_hook_add(c->uc, &c->intr_hook, UC_HOOK_INTR, on_intr, c, 1, 0);
    cm_debug_init(c);
    uc_observe_init(&c->obs, c->uc, c->icache, 2, c->now, c->dbg.insn_length, c);
    return c;
}

void cortexm_destroy(struct cortexm *c)
{
    if (!c)
        return;
    if (c->monitor_ctx)
        uc_context_free(c->monitor_ctx);
    uc_snap_free(&c->snap);
    if (c->uc)
        uc_close(c->uc);
    free(c->icache);
    free(c);
}

struct armv7m_scs *cortexm_scs(struct cortexm *c)
{
    return &c->scs;
}

void cortexm_reset(struct cortexm *c)
{
    uint32_t sp = 0, pc = 0;
    armv7m_scs_reset(&c->scs);
    cm_set_mode(c, 0, 0);                   /* thread mode, privileged, MSP */
    for (int i = 0; i <= 12; i++)           /* UNKNOWN on hardware, 0 on QEMU: not the probes' values */
        cm_put(c, UC_ARM_REG_R0 + i, 0);
    cm_traps_it_state(c, 0, 0);
    uc_mem_read(c->uc, 0, &sp, 4);
    uc_mem_read(c->uc, 4, &pc, 4);
    cm_put_special(c, UC_ARM_REG_PRIMASK, 0);
    cm_put_special(c, UC_ARM_REG_BASEPRI, 0);
    cm_put(c, UC_ARM_REG_SP, sp & ~3u);
    cm_put(c, UC_ARM_REG_LR, 0xffffffffu);
    cm_set_pc(c, pc);
    c->irq_check = false;
    c->stop = CM_RUN;
    c->mpu_applied_valid = false;
    cm_mpu_rebuild(c);
}

/* A run the debugger stopped (true), or one that stopped before a block to arm or remove
 * the debugger's code hook (false: go on). */
static bool debug_stop(struct cortexm *c, enum cpu_stop *out)
{
    if (!c->dbg.stopped)
        return false;
    *out = CPU_STOP_DEBUG;
    return true;
}

/* What a finished uc_emu_start means; returns true if the slice loop may go on. */
static bool after_run(struct cortexm *c, uc_err e, enum cpu_stop *out)
{
    uint32_t pc = cm_get(c, UC_ARM_REG_PC);
    uint16_t prev = 0;
    if (c->stop == CM_EXIT || c->stop == CM_LOCKUP) {
        *out = c->stop == CM_EXIT ? CPU_STOP_EXIT : CPU_STOP_ERROR;
        return false;
    }
    switch (e) {
    case UC_ERR_OK:
        if ((c->dbg.stopped || c->dbg.mode_change) && debug_stop(c, out))
            return false;
        if (c->stop == CM_RUN && !c->dbg.mode_change && cm_read_mem(c, pc - 2, &prev, 2) && prev == THUMB_WFI) {
            uc_tlb_sleep(c->uc, &c->tlb_watch);
            *out = CPU_STOP_SLEEP;
            return false;
        }
        return true;
    case UC_ERR_EXCEPTION:
        if (c->refused.valid)
            cm_handle_refusal(c, pc);
        else
            cm_raise_fault(c, CFSR_INVSTATE, 0, pc);
        break;
    case UC_ERR_INSN_INVALID:
        /* A branch to an even address clears EPSR.T: the next fetch faults with INVSTATE. */
        cm_raise_fault(c, cm_thumb(c) ? CFSR_UNDEFINSTR : CFSR_INVSTATE, 0, pc);
        break;
    default:
        snprintf(c->error, sizeof(c->error), "Unicorn stopped at pc 0x%08x: %s", pc, uc_strerror(e));
        *out = CPU_STOP_ERROR;
        return false;
    }
    if (c->stop == CM_LOCKUP) {
        *out = CPU_STOP_ERROR;
        return false;
    }
    return !(c->dbg.stopped && debug_stop(c, out));
}

uint32_t cm_before_run(struct cortexm *c, bool step, bool *taken)
{
    uint32_t pc = cm_get(c, UC_ARM_REG_PC);
    *taken = cm_take_pending(c, pc);
    if (*taken)
        pc = cm_get(c, UC_ARM_REG_PC);
    if (c->mpu_dirty)
        cm_mpu_rebuild(c);
    if (c->traps_dirty)
        cm_traps_apply(c);
    c->irq_check = armv7m_scs_preempting(&c->scs, V7M_PRIO_THREAD + 1) != 0;
    if (step || c->dbg.active || c->dbg.stopped)
        uc_debug_prepare(&c->dbg, step, pc & ~1u);
    return pc;
}

bool cm_run_once(struct cortexm *c, uint32_t pc, uint64_t end, enum cpu_stop *out)
{
    cm_set_budget(c, end);
    c->stop = CM_RUN;
    c->refused.valid = false;
    uint64_t start = c->cfg.clock->now;
    uc_err e = uc_emu_start(c->uc, pc | 1u, CM_RUN_UNTIL, 0, 0);
    c->instructions += c->cfg.clock->now - start;     /* time only moves by blocks here */
    return after_run(c, e, out);
}

enum cpu_stop cortexm_run(struct cortexm *c, uint64_t deadline)
{
    enum cpu_stop out = CPU_STOP_SLICE;
    while (c->cfg.clock->now < deadline) {
        uint64_t next = clock_next_deadline(c->cfg.clock);
        bool taken;
        uint32_t pc = cm_before_run(c, false, &taken);
        if (!cm_run_once(c, pc, deadline < next ? deadline : next, &out))
            return out;
        if (c->cfg.clock->now >= c->budget_end && !c->dbg.mode_change)
            break;
    }
    return CPU_STOP_SLICE;
}

bool cortexm_wake_pending(struct cortexm *c)
{
    /* B1.5.19: WFI wakes on an exception that would preempt if PRIMASK were clear. */
    uint32_t basepri = cm_get_special(c, UC_ARM_REG_BASEPRI);
    int prio = armv7m_scs_execution_priority(&c->scs, 0, basepri, 0);
    return armv7m_scs_preempting(&c->scs, prio) != 0;
}

const char *cortexm_error(const struct cortexm *c)
{
    return c->error;
}

void cortexm_stats(struct cortexm *c, struct cpu_stats *out)
{
    *out = c->stats;
    out->cpu_state = c->direct.env ? "in-place" : "api";
    out->instructions = c->instructions;
}

static void ops_reset(void *c) { cortexm_reset(c); }
static enum cpu_stop ops_run(void *c, uint64_t deadline) { return cortexm_run(c, deadline); }
static bool ops_wake_pending(void *c) { return cortexm_wake_pending(c); }
static const char *ops_error(void *c) { return cortexm_error(c); }
static void ops_stats(void *c, struct cpu_stats *out) { cortexm_stats(c, out); }
static void ops_destroy(void *c) { cortexm_destroy(c); }

static bool ops_set_coverage(void *cpu, struct cpu_coverage *cov)
{
    struct cortexm *c = cpu;
    return uc_coverage_set(c->uc, &c->cov_hook, cov, c->error, sizeof(c->error));
}

static bool ops_set_insn_observer(void *cpu, const struct cpu_insn_observer *o)
{
    struct cortexm *c = cpu;
    return uc_observe_set(&c->obs, o, c->error, sizeof(c->error));
}

static char ops_mode(void *cpu)
{
    struct cortexm *c = cpu;
    if (cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION)
        return 'H';
    return (cm_get(c, UC_ARM_REG_CONTROL) & CONTROL_NPRIV) ? CPU_MODE_USER : 'P';
}

/* The slice ends at the next block: its budget is spent (block_slow stops before the block). */
static void ops_stop_soon(void *cpu)
{
    struct cortexm *c = cpu;
    c->budget_end = 0;
    c->limit = 0;
}

static void ops_protection(void *cpu, struct cpu_protection *out)
{
    struct cortexm *c = cpu;
    armv7m_mpu_describe(&c->scs.mpu, out);
}

const struct cpu_ops cortexm_cpu_ops = {
    .arch = "armv7m",
    .elf_machine = 40,          /* EM_ARM */
    .reset = ops_reset,
    .run = ops_run,
    .wake_pending = ops_wake_pending,
    .error = ops_error,
    .stats = ops_stats,
    .destroy = ops_destroy,
    .stop_soon = ops_stop_soon,
    .snapshot = cm_snapshot,
    .restore = cm_restore,
    .memory_changed = cm_memory_changed,
    .protection = ops_protection,
    .debug = &cortexm_debug_ops,
    .code_changed = cm_code_changed,
    .set_coverage = ops_set_coverage,
    .set_insn_observer = ops_set_insn_observer,
    .mode = ops_mode,
};

static const int reg_ids[] = {
    UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4, UC_ARM_REG_R5,
    UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
    UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR, UC_ARM_REG_PC, UC_ARM_REG_XPSR, UC_ARM_REG_MSP,
    UC_ARM_REG_PSP, UC_ARM_REG_CONTROL, UC_ARM_REG_PRIMASK, UC_ARM_REG_BASEPRI, UC_ARM_REG_FAULTMASK,
};

_Static_assert(sizeof(reg_ids) / sizeof(reg_ids[0]) == CORTEXM_NUM_REGS, "one Unicorn id per register");

/* Reads register `reg` (enum cortexm_regnum); 0 for a number out of range. */
uint32_t cortexm_reg(struct cortexm *c, int reg)
{
    if (reg < 0 || reg >= CORTEXM_NUM_REGS)
        return 0;
    return reg >= CORTEXM_REG_FIRST_SPECIAL ? cm_get_special(c, reg_ids[reg]) : cm_get(c, reg_ids[reg]);
}

/* Writes register `reg`; the PC keeps the Thumb bit (cm_set_pc), out-of-range numbers do nothing. */
void cortexm_set_reg(struct cortexm *c, int reg, uint32_t value)
{
    if (reg == CORTEXM_REG_PC)
        cm_set_pc(c, value);
    else if (reg >= CORTEXM_REG_FIRST_SPECIAL && reg < CORTEXM_NUM_REGS)
        cm_put_special(c, reg_ids[reg], value);
    else if (reg >= 0 && reg < CORTEXM_REG_FIRST_SPECIAL)
        cm_put(c, reg_ids[reg], value);
}
