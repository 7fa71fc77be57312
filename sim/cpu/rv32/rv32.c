/* RISC-V backend: Unicorn set-up, time slicing by basic-block budget, and turning Unicorn's
 * stops (refused access, ebreak, wfi) into RV32 behaviour. Facts about Unicorn 2.1.1 this
 * relies on are in doc/unicorn.md and doc/cpu-rv32.md, pinned down by tests/check_rv32.c.
 *
 * Entry: machine_run (sim/core/machine.c) -> cpu_ops.run -> rv32_run, one slice up to the next
 * clock deadline -> uc_emu_start. Hot path: on_block, once per executed basic block
 * (instruction count, slice budget); traps (sim/cpu/rv32/trap.c), refusals (mem.c) and the end
 * of a slice (after_run) are the slow paths. */
#include <stdlib.h>
#include <string.h>

#include "sim/cpu/rv32/internal.h"
#include "sim/cpu/rv32/insn.h"
#include "sim/cpu/uc/coverage.h"
#include "sim/cpu/uc/tlb.h"

/* Rare path of the block hook, before the block runs: report a return to user mode (while
 * watching for one), or end the slice. Returns true if the block will not run.
 * A stop here leaves Unicorn's PC where it last wrote it, which is not always this block:
 * after a chain of blocks translated in an earlier run (direct jumps between them), it can
 * be the chain's first block, and resuming there ran the chain again (found by the syscall
 * fuzzer: the kernel's registers were clobbered after a snapshot restore). So the slice loop
 * puts the PC on this block itself (resume_pc). */
/* Whether the block at addr runs in user mode. In place (the usual case) the privilege is one
 * load away; otherwise reading it copies the whole CPU state, so only where the PMP lets user
 * mode execute. */
static bool user_block(struct rv32 *c, uint32_t addr)
{
    if (c->ctx.live_priv)
        return *c->ctx.live_priv == RV32_PRIV_U;
    return (rv32_pmp_perms(&c->pmp, addr, false) & PMP_X) &&
           rv32_ctx_read(&c->ctx, RV32_PRIV) == RV32_PRIV_U;
}

static bool block_slow(struct rv32 *c, uint32_t addr)
{
    if (c->tlb_settle) {
        c->tlb_settle = false;
        uc_tlb_settle(c->uc, &c->tlb_watch);
    }
    if (c->watch_return && user_block(c, addr)) {
        c->watch_return = false;
        rv_report_thread(c, -1, addr);
    }
    rv_set_budget(c, c->budget_end);
    if (*c->now >= c->budget_end) {
        c->stop = RV_BUDGET;
        c->resume_pc = addr;
        uc_emu_stop(c->uc);                 /* Unicorn stops before this block runs */
        return true;
    }
    return false;
}

/* on_block when the slice must look at something or the block's count is not cached. */
static __attribute__((noinline)) void on_block_slow(uc_engine *uc, uint32_t addr, uint32_t size, struct rv32 *c)
{
    if (addr - c->flash_base >= c->flash_size)
        c->code_outside_flash = true;       /* its first run (a cache miss) comes through here */
    /* Watching for the return to user mode, every kernel block comes here: when that is the
     * only reason and the block is the kernel's, count it as the fast path would. */
    if (c->watch_return && c->ctx.live_priv && *c->ctx.live_priv != RV32_PRIV_U && !c->tlb_settle &&
        !c->dbg.active && *c->now < c->budget_end) {
        const struct uc_icount_entry *e = uc_icount_slot(c->icache, addr);
        if (e->tag == (addr | 1)) {
            *c->now += e->icount;
            return;
        }
    }
    if (*c->now >= c->limit && block_slow(c, addr))
        return;
    uint32_t n = uc_icount_lookup(uc, c->icache, addr, size, 4);
    if (c->dbg.active && uc_debug_block(&c->dbg, addr, size, n))
        return;                             /* a breakpoint: stops before the block */
    *c->now += n;
}

/* Counts time per basic block: a block is accounted when it starts, so a slice overshoots its
 * deadline by at most one block (deterministically). Runs for every block the guest executes:
 * the fast path is a leaf that saves no registers (a cached count, no reason to stop: two
 * compares and an add); executed instructions are summed per slice in rv32_run, not here:
 * every nanosecond here costs ~0.1 s per 500M instructions. */
static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    struct rv32 *c = ud;
    uint64_t *now = c->now;
    const struct uc_icount_entry *e = uc_icount_slot(c->icache, (uint32_t)addr);
    if (__builtin_expect(*now < c->limit && e->tag == ((uint32_t)addr | 1), 1)) {
        *now += e->icount;
        return;
    }
    on_block_slow(uc, (uint32_t)addr, size, c);
}

/* Lines change between slices (clock events) or inside a device access (MMIO callback, in
 * the middle of a block); QEMU is told at once either way, as its own devices do: it takes a
 * new interrupt at the next block boundary, and a cleared one is never taken again. */
void rv32_irq_sink(void *cpu, int n, bool level)
{
    struct rv32 *c = cpu;
    uint32_t bit = 1u << n;
    c->mip_lines = level ? c->mip_lines | bit : c->mip_lines & ~bit;
    rv_sync_mip(c);
}

struct rv32 *rv32_create(const struct rv32_config *cfg, char *err, unsigned errlen)
{
    struct rv32 *c = calloc(1, sizeof(*c));
    if (!c || !(c->icache = uc_icount_create())) {
        snprintf(err, errlen, "out of memory");
        free(c);
        return NULL;
    }
    uc_tlb_watch_init(&c->tlb_watch, 12);           /* log2 of RV_PAGE_SIZE */
    c->cfg = *cfg;
    c->now = &cfg->clock->now;
    /* SiFive E31: RV32IMAC with M and U modes, no S-mode, no MMU: the chip we model. */
    uc_err e = uc_open(UC_ARCH_RISCV, UC_MODE_RISCV32, &c->uc);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_tcg_buffer_size(c->uc, 32u << 20);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_cpu_model(c->uc, UC_CPU_RISCV32_SIFIVE_E31);
    if (e != UC_ERR_OK) {
        snprintf(err, errlen, "Unicorn: cannot create an RV32 hart: %s", uc_strerror(e));
        rv32_destroy(c);
        return NULL;
    }
    bool attached = uc_qemu_attach(&c->qemu, c->uc, UC_RISCV_REG_X1, 4, tlb_flush_page_riscv32);  /* gpr[1] */
    bool ok = rv32_ctx_init(&c->ctx, c->uc, err, errlen);
    if (ok)
        rv_tlb_count_find(c);
    if (!ok || !rv_mem_init(c, err, errlen) ||
        !rv_snapshot_init(c, err, errlen)) {
        rv32_destroy(c);
        return NULL;
    }
    if (attached)
        rv32_ctx_go_live(&c->ctx, c->qemu.env);
    uc_hook_add(c->uc, &c->block_hook, UC_HOOK_BLOCK, on_block, c, 1, 0);
    uc_hook_add(c->uc, &c->intr_hook, UC_HOOK_INTR, rv_on_intr, c, 1, 0);
    rv_debug_init(c);
    uc_observe_init(&c->obs, c->uc, c->icache, 4, c->now, c->dbg.insn_length, c);
    rv32_reset(c);
    return c;
}

void rv32_destroy(struct rv32 *c)
{
    if (!c)
        return;
    rv32_ctx_free(&c->ctx);
    uc_snap_free(&c->snap);
    if (c->uc)
        uc_close(c->uc);
    free(c->icache);
    free(c);
}

/* Registers, CSRs and the PMP back to their reset values (privileged spec 3.4). The PMP CSRs
 * are removed from QEMU's view (features.PMP cleared) so that every access to them traps to
 * the host, which emulates them with our model (sim/cpu/rv32/trap.c). */
void rv32_reset(struct rv32 *c)
{
    uint32_t zero = 0;
    for (int i = 1; i < 32; i++)
        uc_reg_write(c->uc, UC_RISCV_REG_X0 + i, &zero);
    rv32_ctx_load(&c->ctx);
    rv32_ctx_set(&c->ctx, RV32_PRIV, RV32_PRIV_M);
    rv32_ctx_set(&c->ctx, RV32_FEATURES, rv32_ctx_get(&c->ctx, RV32_FEATURES) & ~RV32_FEATURE_PMP);
    rv32_ctx_set(&c->ctx, RV32_MSTATUS, 0);
    rv32_ctx_set(&c->ctx, RV32_MIE, 0);
    rv32_ctx_set(&c->ctx, RV32_MIP, 0);
    rv32_ctx_set(&c->ctx, RV32_MTVEC, 0);
    rv32_ctx_set(&c->ctx, RV32_MEPC, 0);
    rv32_ctx_set(&c->ctx, RV32_MCAUSE, 0);
    rv32_ctx_set(&c->ctx, RV32_MTVAL, 0);
    rv32_ctx_set(&c->ctx, RV32_PC, c->cfg.reset_pc);
    rv32_ctx_store(&c->ctx);
    c->mip_cpu = 0;
    rv_sync_mip(c);
    rv32_pmp_reset(&c->pmp);
    c->pmp_applied_valid = false;       /* a reset flushes everything */
    rv_pmp_changed(c);
    c->stop = RV_RUN;
    c->watch_return = false;
    c->error[0] = 0;
}

/* A run the debugger stopped (true), or one that stopped before a block to arm or remove
 * the debugger's code hook (false: go on). */
static bool debug_stop(struct rv32 *c, enum cpu_stop *out)
{
    if (!c->dbg.stopped)
        return false;
    *out = CPU_STOP_DEBUG;
    return true;
}

/* What a finished uc_emu_start means; returns true if the slice loop may go on. */
static bool after_run(struct rv32 *c, uc_err e, enum cpu_stop *out)
{
    uint32_t pc = 0;
    uc_reg_read(c->uc, UC_RISCV_REG_PC, &pc);
    if (c->stop == RV_EXIT || c->stop == RV_ERROR) {
        *out = c->stop == RV_EXIT ? CPU_STOP_EXIT : CPU_STOP_ERROR;
        return false;
    }
    switch (e) {
    case UC_ERR_OK:
        if ((c->dbg.stopped || c->dbg.mode_change) && debug_stop(c, out))
            return false;
        if (c->stop == RV_RUN && !c->dbg.mode_change && rv_fetch(c, pc - 4) == RV32_INSN_WFI) {
            uc_tlb_sleep(c->uc, &c->tlb_watch);
            *out = CPU_STOP_SLEEP;          /* pc is after the wfi */
            return false;
        }
        return true;
    case UC_ERR_EXCEPTION:              /* a refused access, or ebreak (pc on it) */
    case UC_ERR_INSN_INVALID:
        if (c->refused.valid)
            rv_handle_refusal(c, pc);
        else
            rv_insn_invalid(c, pc);
        if (c->stop == RV_ERROR) {
            *out = CPU_STOP_ERROR;
            return false;
        }
        return !(c->dbg.stopped && debug_stop(c, out));
    default:
        break;
    }
    snprintf(c->error, sizeof(c->error), "Unicorn stopped at pc 0x%08x: %s", pc, uc_strerror(e));
    *out = CPU_STOP_ERROR;
    return false;
}

bool rv_run_once(struct rv32 *c, uint32_t pc, uint64_t end, bool step, enum cpu_stop *out)
{
    if (step || c->dbg.active || c->dbg.stopped)
        uc_debug_prepare(&c->dbg, step, pc);
    rv_set_budget(c, end);
    c->stop = RV_RUN;
    c->refused.valid = false;
    uint64_t start = c->cfg.clock->now;
    uc_err e = uc_emu_start(c->uc, pc, RV_RUN_UNTIL, 0, 0);
    c->instructions += c->cfg.clock->now - start;     /* time only moves by blocks here */
    /* Unicorn may leave the PC on the first block of a chain translated earlier;
     * resuming there would run kernel code twice. */
    if (c->stop == RV_BUDGET)
        uc_reg_write(c->uc, UC_RISCV_REG_PC, &c->resume_pc);
    return after_run(c, e, out);
}

enum cpu_stop rv32_run(struct rv32 *c, uint64_t deadline)
{
    enum cpu_stop out = CPU_STOP_SLICE;
    while (c->cfg.clock->now < deadline) {
        uint64_t next = clock_next_deadline(c->cfg.clock);
        uint32_t pc = 0;
        uc_reg_read(c->uc, UC_RISCV_REG_PC, &pc);
        if (!rv_run_once(c, pc, deadline < next ? deadline : next, false, &out))
            return out;
        if (c->cfg.clock->now >= c->budget_end && !c->dbg.mode_change)
            break;
    }
    return CPU_STOP_SLICE;
}

bool rv32_wake_pending(struct rv32 *c)
{
    rv32_ctx_load(&c->ctx);
    uint32_t mip = (rv32_ctx_get(&c->ctx, RV32_MIP) & ~MIP_M_BITS) | c->mip_lines;
    return (mip & rv32_ctx_get(&c->ctx, RV32_MIE)) != 0;
}

const char *rv32_error(const struct rv32 *c)
{
    return c->error;
}

void rv32_stats(struct rv32 *c, struct cpu_stats *out)
{
    *out = c->stats;
    out->cpu_state = c->qemu.env ? "in-place" : "api";
    out->instructions = c->instructions;
}

static void ops_reset(void *c) { rv32_reset(c); }
static enum cpu_stop ops_run(void *c, uint64_t deadline) { return rv32_run(c, deadline); }
static bool ops_wake_pending(void *c) { return rv32_wake_pending(c); }
static const char *ops_error(void *c) { return rv32_error(c); }
static void ops_stats(void *c, struct cpu_stats *out) { rv32_stats(c, out); }
static void ops_destroy(void *c) { rv32_destroy(c); }

static bool ops_set_coverage(void *cpu, struct cpu_coverage *cov)
{
    struct rv32 *c = cpu;
    return uc_coverage_set(c->uc, &c->cov_hook, cov, c->error, sizeof(c->error));
}

static bool ops_set_insn_observer(void *cpu, const struct cpu_insn_observer *o)
{
    struct rv32 *c = cpu;
    return uc_observe_set(&c->obs, o, c->error, sizeof(c->error));
}

static char ops_mode(void *cpu)
{
    struct rv32 *c = cpu;
    return rv32_ctx_read(&c->ctx, RV32_PRIV) == RV32_PRIV_U ? CPU_MODE_USER : 'M';
}

/* The slice ends at the next block: its budget is spent (block_slow stops before the block). */
static void ops_stop_soon(void *cpu)
{
    struct rv32 *c = cpu;
    c->budget_end = 0;
    c->limit = 0;
}

static void ops_protection(void *cpu, struct cpu_protection *out)
{
    struct rv32 *c = cpu;
    rv32_pmp_describe(&c->pmp, out);
}

const struct cpu_ops rv32_cpu_ops = {
    .arch = "rv32",
    .elf_machine = 243,         /* EM_RISCV */
    .reset = ops_reset,
    .run = ops_run,
    .wake_pending = ops_wake_pending,
    .error = ops_error,
    .stats = ops_stats,
    .destroy = ops_destroy,
    .stop_soon = ops_stop_soon,
    .snapshot = rv_snapshot,
    .restore = rv_restore,
    .memory_changed = rv_memory_changed,
    .protection = ops_protection,
    .debug = &rv32_debug_ops,
    .code_changed = rv_code_changed,
    .set_coverage = ops_set_coverage,
    .set_insn_observer = ops_set_insn_observer,
    .mode = ops_mode,
};

static const enum rv32_field csr_fields[] = {
    [RV32_REG_PRIV - RV32_REG_PRIV] = RV32_PRIV, [RV32_REG_MSTATUS - RV32_REG_PRIV] = RV32_MSTATUS,
    [RV32_REG_MCAUSE - RV32_REG_PRIV] = RV32_MCAUSE, [RV32_REG_MEPC - RV32_REG_PRIV] = RV32_MEPC,
    [RV32_REG_MTVAL - RV32_REG_PRIV] = RV32_MTVAL, [RV32_REG_MTVEC - RV32_REG_PRIV] = RV32_MTVEC,
    [RV32_REG_MIP - RV32_REG_PRIV] = RV32_MIP, [RV32_REG_MIE - RV32_REG_PRIV] = RV32_MIE,
};

uint32_t rv32_reg(struct rv32 *c, int reg)
{
    uint32_t v = 0;
    if (reg >= 0 && reg < 32)
        uc_reg_read(c->uc, UC_RISCV_REG_X0 + reg, &v);
    else if (reg == RV32_REG_PC)
        uc_reg_read(c->uc, UC_RISCV_REG_PC, &v);
    else if (reg >= RV32_REG_PRIV && reg <= RV32_REG_MIE)
        v = rv32_ctx_read(&c->ctx, csr_fields[reg - RV32_REG_PRIV]);
    return v;
}

void rv32_set_reg(struct rv32 *c, int reg, uint32_t value)
{
    if (reg > 0 && reg < 32) {
        uc_reg_write(c->uc, UC_RISCV_REG_X0 + reg, &value);
    } else if (reg == RV32_REG_PC) {
        uc_reg_write(c->uc, UC_RISCV_REG_PC, &value);
    } else if (reg >= RV32_REG_PRIV && reg <= RV32_REG_MIE) {
        rv32_ctx_load(&c->ctx);
        rv32_ctx_set(&c->ctx, csr_fields[reg - RV32_REG_PRIV], value);
        rv32_ctx_store(&c->ctx);
    }
}
