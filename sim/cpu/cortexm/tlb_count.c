/*
 * QEMU's count of the privileged TLB table's used entries (the table the kernel's device
 * accesses fill), for the TLB watch (sim/cpu/uc/tlb.c) to set right instead of flushing the whole
 * TLB: at every refill of a device page that shares a slot with kernel code or data (0x40004000,
 * 0x4000, 0x20004000 on cm4) QEMU's count drifts down by one, and the watch used to flush before
 * it could wrap, and at every sleep, after which a wake-up found the TLB and the jump cache cold.
 *
 * The probe (uc_qemu_find_tlb_count) runs code on one page loading from k others, in privileged
 * then unprivileged thread mode (the user table drifts too: the one-page flushes of a process
 * switch drop victim copies QEMU never counted). It runs before the board's memory is mapped,
 * on scratch pages the board never maps, and its translations are dropped after.
 */
#include "sim/cpu/cortexm/internal.h"

#define PROBE_BASE 0x68000000u      /* code page, then five 1 KiB data pages; executable in the
                                       default map, unlike the monitor probe's 0x60000000 */
#define PROBE_SIZE 0x2000u

/* ldr r1, [r0]; ldr r1, [r2]; ldr r1, [r3]; ldr r1, [r4]; ldr r1, [r5]; nop (Thumb LDR T1). */
static const uint16_t probe_code[] = { 0x6801, 0x6811, 0x6819, 0x6821, 0x6829, 0xbf00 };

static bool run_loads(void *ctx, unsigned loads)
{
    struct cortexm *c = ctx;
    return uc_emu_start(c->uc, PROBE_BASE | 1u, PROBE_BASE + 2 * loads, 0, 0) == UC_ERR_OK;
}

/* Thread mode, privileged or not (the CPU is in thread mode at creation); QEMU rebuilds its
 * cached mode at the APSR write, as for cm_refresh_mode. */
static void set_thread_privilege(struct cortexm *c, bool unprivileged)
{
    uint32_t svc = V7M_EXC_SVCALL, thread = 0, control = unprivileged ? CONTROL_NPRIV : 0, nzcv = 0;
    uc_reg_write(c->uc, UC_ARM_REG_IPSR, &svc);         /* privileged to write CONTROL */
    uc_reg_write(c->uc, UC_ARM_REG_CONTROL, &control);
    uc_reg_write(c->uc, UC_ARM_REG_IPSR, &thread);
    uc_reg_read(c->uc, UC_ARM_REG_APSR_NZCV, &nzcv);
    uc_reg_write(c->uc, UC_ARM_REG_APSR_NZCV, &nzcv);
}

void cm_tlb_count_find(struct cortexm *c)
{
    static const int regs[] = { UC_ARM_REG_R0, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4, UC_ARM_REG_R5 };
    if (!c->qemu.env || uc_mem_map(c->uc, PROBE_BASE, PROBE_SIZE, UC_PROT_ALL) != UC_ERR_OK)
        return;
    for (int i = 0; i < 5; i++) {
        uint32_t page = PROBE_BASE + CM_PAGE_SIZE * (uint32_t)(i + 1);
        uc_reg_write(c->uc, regs[i], &page);
    }
    /* The privileged table, then the unprivileged one (mem.c, watch_fill: tables 1 and 0). */
    if (uc_mem_write(c->uc, PROBE_BASE, probe_code, sizeof(probe_code)) == UC_ERR_OK) {
        c->tlb_watch.count[1] = uc_qemu_find_tlb_count(&c->qemu, c->uc, run_loads, c);
        set_thread_privilege(c, true);
        c->tlb_watch.count[0] = uc_qemu_find_tlb_count(&c->qemu, c->uc, run_loads, c);
        set_thread_privilege(c, false);
        uc_ctl_remove_cache(c->uc, PROBE_BASE, PROBE_BASE + PROBE_SIZE);  /* its translations too */
    }
    uc_mem_unmap(c->uc, PROBE_BASE, PROBE_SIZE);
}
