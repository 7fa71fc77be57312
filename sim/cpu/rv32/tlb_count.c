/*
 * QEMU's count of the machine-mode TLB table's used entries, for the TLB watch (sim/cpu/uc/tlb.c)
 * to set right instead of flushing the whole TLB. On rv32 the kernel's timer page (mtimecmp,
 * 0x02004000) and its code page 0x80004000 share a TLB slot, so every system call evicts one for
 * the other and QEMU's count drifts down by one; the flush that reset it came almost once per
 * system call (4,503 flushes for 5,534 calls of the benchmark's null-system-call loop), each
 * emptying the jump cache.
 *
 * The probe (uc_qemu_find_tlb_count) runs code on one page loading from k others: Unicorn starts
 * a RISC-V hart in machine mode. It runs before the board's memory is mapped, on scratch pages
 * outside every board's bus (a later fetch there is refused by the TLB fill, so the probe's
 * translations can never run again).
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
    if (uc_mem_write(c->uc, PROBE_BASE, probe_code, sizeof(probe_code)) == UC_ERR_OK)
        c->tlb_watch.count[1] = uc_qemu_find_tlb_count(&c->qemu, c->uc, run_loads, c);  /* mem.c, watch_fill */
    uc_mem_unmap(c->uc, PROBE_BASE, PROBE_PAGES * 0x1000u);
}
