/*
 * QEMU's count of the machine-mode TLB table's used entries, found by experiment so that the
 * TLB watch (sim/cpu/uc/tlb.c) can set it right instead of flushing the whole TLB. On rv32 the
 * kernel's timer page (mtimecmp, 0x02004000) and its code page 0x80004000 share a TLB slot, so
 * every system call evicts one for the other and QEMU's count drifts down by one; the flush that
 * reset it came almost once per system call (4,503 flushes for 5,534 calls of the benchmark's
 * null-system-call loop), each emptying the jump cache.
 *
 * The count lives in QEMU's CPUTLBDesc, in front of the CPU state (CPUNegativeOffsetState), at
 * a place the API does not give. Unicorn starts a RISC-V hart in machine mode: after a flush,
 * code on one page loading from k other pages leaves k + 1 entries in that table. The one
 * size_t in front of the state reading 3 after k = 2 and 6 after k = 5 is the count; anything
 * else (none, several) and the watch keeps flushing as before. Run before the board's memory is
 * mapped, on scratch pages outside every board's bus (a later fetch there is refused by the TLB
 * fill, so the probe's translations can never run again).
 */
#include <stdlib.h>
#include <string.h>

#include "sim/cpu/rv32/internal.h"

#define PROBE_BASE 0xb0000000u      /* code page, then five data pages: nothing there on any board */
#define PROBE_PAGES 6u
#define PROBE_SPAN 4096u            /* bytes in front of the state searched */

/* lw t0, 0(a1) ... lw t0, 0(a5); nop (RV32I: I-type loads, rd = x5, rs1 = x11..x15). */
static const uint32_t probe_code[] = { 0x0005a283u, 0x00062283u, 0x0006a283u, 0x00072283u, 0x0007a283u,
                                       0x00000013u };

/* Flushes, runs the first `loads` loads, copies the span in front of the state into out. */
static bool probe_run(struct rv32 *c, unsigned loads, uint8_t *out)
{
    uc_ctl_flush_tlb(c->uc);
    if (uc_emu_start(c->uc, PROBE_BASE, PROBE_BASE + 4 * loads, 0, 0) != UC_ERR_OK)
        return false;
    memcpy(out, c->qemu.env - PROBE_SPAN, PROBE_SPAN);
    return true;
}

static size_t *find_count(struct rv32 *c)
{
    static const int regs[] = { UC_RISCV_REG_A1, UC_RISCV_REG_A2, UC_RISCV_REG_A3, UC_RISCV_REG_A4,
                                UC_RISCV_REG_A5 };
    uint8_t *two = malloc(PROBE_SPAN), *five = malloc(PROBE_SPAN);
    long off = -1;
    for (int i = 0; i < 5; i++) {
        uint32_t page = PROBE_BASE + 0x1000u * (uint32_t)(i + 1);
        uc_reg_write(c->uc, regs[i], &page);
    }
    if (two && five && uc_mem_write(c->uc, PROBE_BASE, probe_code, sizeof(probe_code)) == UC_ERR_OK &&
        probe_run(c, 2, two) && probe_run(c, 5, five))
        off = uc_qemu_find_size(two, five, PROBE_SPAN, 3, 6);
    free(two);
    free(five);
    return off < 0 ? NULL : (size_t *)(void *)(c->qemu.env - PROBE_SPAN + off);
}

void rv_tlb_count_find(struct rv32 *c)
{
    if (!c->qemu.env || uc_mem_map(c->uc, PROBE_BASE, PROBE_PAGES * 0x1000u, UC_PROT_ALL) != UC_ERR_OK)
        return;
    size_t *count = find_count(c);
    uc_mem_unmap(c->uc, PROBE_BASE, PROBE_PAGES * 0x1000u);
    uc_ctl_flush_tlb(c->uc);
    c->tlb_watch.count[1] = count;      /* the watch's machine-mode table (mem.c, watch_fill) */
}
