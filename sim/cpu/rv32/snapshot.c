/* Snapshots of the RISC-V backend (cpu_ops.snapshot/restore, sim/core/snapshot/snapshot.h): the
 * engine's context (registers, CSRs, the privilege level, the LR/SC reservation) and the
 * backend's own state: the PMP model, the interrupt lines' view of mip, statistics. Restore
 * then rebuilds what derives from them: the PMP's sub-page hooks and the TLB, and QEMU's
 * notice of pending interrupts (a flag outside the saved context). The block-count cache is
 * kept: flash code does not change. */
#include <string.h>

#include "sim/cpu/rv32/internal.h"

bool rv_snapshot_init(struct rv32 *c, char *err, unsigned errlen)
{
    const struct bus_region *flash = bus_first_of_kind(c->cfg.bus, REGION_FLASH);
    if (flash) {
        c->flash_base = flash->base;
        c->flash_size = flash->size;
    }
    if (uc_snap_init(&c->snap, c->uc, UC_ARCH_RISCV, UC_MODE_RISCV32, UC_CPU_RISCV32_SIFIVE_E31))
        return true;
    snprintf(err, errlen, "Unicorn: cannot allocate a CPU context");
    return false;
}

void rv_snapshot(void *cpu, struct snap_writer *w)
{
    struct rv32 *c = cpu;
    uc_snap_save(&c->snap, w);
    snap_put(w, &c->pmp, sizeof(c->pmp));
    snap_put(w, &c->mip_lines, sizeof(c->mip_lines));
    snap_put(w, &c->mip_cpu, sizeof(c->mip_cpu));
    snap_put(w, &c->watch_return, sizeof(c->watch_return));
    snap_put(w, &c->instructions, sizeof(c->instructions));
    snap_put(w, &c->stats, sizeof(c->stats));
}

void rv_restore(void *cpu, struct snap_reader *r)
{
    struct rv32 *c = cpu;
    struct rv32_pmp before = c->pmp;
    uint32_t view = rv_fill_view(c);
    uc_snap_restore(&c->snap, r);
    snap_get(r, &c->pmp, sizeof(c->pmp));
    snap_get(r, &c->mip_lines, sizeof(c->mip_lines));
    snap_get(r, &c->mip_cpu, sizeof(c->mip_cpu));
    snap_get(r, &c->watch_return, sizeof(c->watch_return));
    snap_get(r, &c->instructions, sizeof(c->instructions));
    snap_get(r, &c->stats, sizeof(c->stats));
    if (!snap_ok(r))
        return;
    c->stop = RV_RUN;
    c->refused.valid = false;
    rv32_ctx_set_mip(&c->ctx, c->mip_cpu);     /* QEMU notices the restored mip */
    /* The PMP's hooks (and translations of pages with execute boundaries) follow its entries
     * alone: rebuilt only if they differ (rebuilding flushes the TLB). Else the TLB goes only
     * if what its entries were decided on differs: a flush after a run costs tens of
     * microseconds (QEMU reallocates the tables it grew). */
    if (memcmp(&before, &c->pmp, sizeof(before)) != 0) {
        /* The TLB's entries were decided on `before`: the rebuild drops those of the entries
         * that differ (sim/cpu/rv32/mem.c), unless more than the PMP changed. */
        c->pmp_applied = before;
        c->pmp_applied_valid = rv_fill_view(c) == view;
        rv_pmp_changed(c);
    }
    else if (rv_fill_view(c) != view)
        uc_tlb_settle(c->uc, &c->tlb_watch);
}

/* Code is only ever translated from flash on our boards: nothing to do unless a block ran
 * from elsewhere. Then the translations of the rewritten range go, and the block counts with
 * them (its blocks may differ now). */
void rv_memory_changed(void *cpu, uint32_t addr, uint32_t len)
{
    struct rv32 *c = cpu;
    if (c->code_outside_flash)
        rv_code_changed(cpu, addr, len);
}

/* Whatever was translated from the range goes (a rewritten apps region, flash included). */
void rv_code_changed(void *cpu, uint32_t addr, uint32_t len)
{
    struct rv32 *c = cpu;
    c->host_lookup = true;              /* Unicorn translates the range for itself */
    uc_ctl_remove_cache(c->uc, addr, addr + len);
    c->host_lookup = false;
    uc_icount_forget_range(c->icache, addr - RV_PAGE_SIZE, addr + len);
    uc_tlb_settle(c->uc, &c->tlb_watch);            /* drop what the host lookup was granted */
}
