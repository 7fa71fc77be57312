/* Snapshots of the Cortex-M backend (cpu_ops.snapshot/restore, sim/core/snapshot/snapshot.h): the
 * engine's context (registers, special registers, FP, ITSTATE, the exclusive monitor) and
 * the backend's own state. The SCS is a device on the bus, saved and restored with the others
 * before the CPU; what derives from it (the MPU's sub-page hooks and the TLB, the trap hook)
 * is rebuilt here, after both. The block-count cache is kept: flash code does not change. */
#include <string.h>

#include "sim/cpu/cortexm/internal.h"

bool cm_snapshot_init(struct cortexm *c, char *err, unsigned errlen)
{
    const struct bus_region *flash = bus_first_of_kind(c->cfg.bus, REGION_FLASH);
    if (flash) {
        c->flash_base = flash->base;
        c->flash_size = flash->size;
    }
    if (uc_snap_init(&c->snap, c->uc, UC_ARCH_ARM, UC_MODE_THUMB, UC_CPU_ARM_CORTEX_M4))
        return true;
    snprintf(err, errlen, "Unicorn: cannot allocate a CPU context");
    return false;
}

void cm_snapshot(void *cpu, struct snap_writer *w)
{
    struct cortexm *c = cpu;
    uc_snap_save(&c->snap, w);
    snap_put(w, &c->instructions, sizeof(c->instructions));
    snap_put(w, &c->stats, sizeof(c->stats));
    snap_put(w, &c->it_begin, sizeof(c->it_begin));
    snap_put(w, &c->it_end, sizeof(c->it_end));
    snap_put(w, &c->fp_watch, sizeof(c->fp_watch));
    snap_put(w, &c->fp_seen, sizeof(c->fp_seen));
}

void cm_restore(void *cpu, struct snap_reader *r)
{
    struct cortexm *c = cpu;
    uint32_t view = cm_fill_view(c);
    uc_snap_restore(&c->snap, r);
    snap_get(r, &c->instructions, sizeof(c->instructions));
    snap_get(r, &c->stats, sizeof(c->stats));
    snap_get(r, &c->it_begin, sizeof(c->it_begin));
    snap_get(r, &c->it_end, sizeof(c->it_end));
    snap_get(r, &c->fp_watch, sizeof(c->fp_watch));
    snap_get(r, &c->fp_seen, sizeof(c->fp_seen));
    if (!snap_ok(r))
        return;
    c->irq_check = false;               /* cortexm_run looks at pending exceptions first */
    c->thread_masks_valid = false;
    c->stop = CM_RUN;
    c->refused.valid = false;
    /* The MPU's hooks when its regions differ from those applied (rebuilding flushes the TLB);
     * else the TLB alone, if what its entries were decided on differs. A flush after a run
     * costs tens of microseconds: QEMU reallocates the tables it grew. */
    if (c->mpu_applied_valid && memcmp(&c->mpu_applied, &c->scs.mpu, sizeof(c->mpu_applied)) == 0) {
        c->mpu_dirty = false;
        if (cm_fill_view(c) != view)
            uc_tlb_settle(c->uc, &c->tlb_watch);
    } else {
        /* The TLB's entries were decided on mpu_applied: the rebuild drops those of the regions
         * that differ (sim/cpu/cortexm/mem.c), unless more than the MPU changed. */
        if (cm_fill_view(c) != view)
            c->mpu_applied_valid = false;
        cm_mpu_rebuild(c);
    }
    cm_traps_restored(c);
}

/* Code is only ever translated from flash on our boards: nothing to do unless a block ran
 * from elsewhere. Then the translations of the rewritten range go, and the block counts with
 * them (its blocks may differ now). */
void cm_memory_changed(void *cpu, uint32_t addr, uint32_t len)
{
    struct cortexm *c = cpu;
    if (c->code_outside_flash)
        cm_code_changed(cpu, addr, len);
}

/* Whatever was translated from the range goes (a rewritten apps region, flash included). */
void cm_code_changed(void *cpu, uint32_t addr, uint32_t len)
{
    struct cortexm *c = cpu;
    c->host_lookup = true;              /* Unicorn translates the range for itself */
    uc_ctl_remove_cache(c->uc, addr, addr + len);
    c->host_lookup = false;
    uc_icount_forget_range(c->icache, addr - CM_PAGE_SIZE, addr + len);
    uc_tlb_settle(c->uc, &c->tlb_watch);            /* drop what the host lookup was granted */
}
