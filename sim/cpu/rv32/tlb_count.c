/*
 * QEMU's count of the machine-mode TLB table's used entries, for the TLB watch (sim/cpu/uc/tlb.c)
 * to set right instead of flushing the whole TLB. On rv32 the kernel's timer page (mtimecmp,
 * 0x02004000) and its code page 0x80004000 share a TLB slot, so every system call evicts one for
 * the other and QEMU's count drifts down by one; the flush that reset it came almost once per
 * system call (4,503 flushes for 5,534 calls of the benchmark's null-system-call loop), each
 * emptying the jump cache.
 *
 * The probe (uc_qemu_find_tlb_count) runs code on one page loading from k others, in machine mode
 * (Unicorn starts a hart there) then in user mode (the user table drifts too: the one-page
 * flushes of a PMP change drop victim copies QEMU never counted). It runs before the board's
 * memory is mapped, on scratch pages outside every board's bus, and its translations are
 * dropped after.
 */
#include "sim/cpu/rv32/internal.h"

#define PROBE_BASE 0xb0000000u      /* code page, then five data pages: nothing there on any board */
#define PROBE_PAGES 6u

/* lw t0, 0(a1) ... lw t0, 0(a5); nop (RV32I: I-type loads, rd = x5, rs1 = x11..x15). */
static const uint32_t probe_code[] = { 0x0005a283u, 0x00062283u, 0x0006a283u, 0x00072283u, 0x0007a283u,
                                       0x00000013u };

static bool run_loads(void *ctx, unsigned loads)
{
    struct rv32 *c = ctx;
    return uc_emu_start(c->uc, PROBE_BASE, PROBE_BASE + 4 * loads, 0, 0) == UC_ERR_OK;
}

/* The hart's privilege, through the context (Unicorn 2.1.1 has no register for it). With no
 * PMP entry, QEMU 5.0 lets user mode reach everything, the probe's pages included. */
static void set_privilege(struct rv32 *c, uint32_t priv)
{
    rv32_ctx_load(&c->ctx);
    rv32_ctx_set(&c->ctx, RV32_PRIV, priv);
    rv32_ctx_store(&c->ctx);
}

void rv_tlb_count_find(struct rv32 *c)
{
    static const int regs[] = { UC_RISCV_REG_A1, UC_RISCV_REG_A2, UC_RISCV_REG_A3, UC_RISCV_REG_A4,
                                UC_RISCV_REG_A5 };
    if (!c->qemu.env || uc_mem_map(c->uc, PROBE_BASE, PROBE_PAGES * 0x1000u, UC_PROT_ALL) != UC_ERR_OK)
        return;
    for (int i = 0; i < 5; i++) {
        uint32_t page = PROBE_BASE + 0x1000u * (uint32_t)(i + 1);
        uc_reg_write(c->uc, regs[i], &page);
    }
    /* The machine-mode table, then the user-mode one (mem.c, watch_fill: tables 1 and 0). */
    if (uc_mem_write(c->uc, PROBE_BASE, probe_code, sizeof(probe_code)) == UC_ERR_OK) {
        c->tlb_watch.count[1] = uc_qemu_find_tlb_count(&c->qemu, c->uc, run_loads, c);
        set_privilege(c, RV32_PRIV_U);
        c->tlb_watch.count[0] = uc_qemu_find_tlb_count(&c->qemu, c->uc, run_loads, c);
        set_privilege(c, RV32_PRIV_M);
        uc_ctl_remove_cache(c->uc, PROBE_BASE, PROBE_BASE + PROBE_PAGES * 0x1000u);  /* its translations */
    }
    uc_mem_unmap(c->uc, PROBE_BASE, PROBE_PAGES * 0x1000u);
}
