/* PMP entries for a process (pure: no CSR access). */
#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/rv32/csr.h"

/*
 * Two TOR ranges (privileged spec 3.7.1): entry 1 matches [pmpaddr0, pmpaddr1) with R X,
 * entry 3 matches [pmpaddr2, pmpaddr3) with R W; entries 0 and 2 are off and only give the
 * bottoms. PMP addresses are in 4-byte units, so any 4-byte aligned range is exact.
 *
 * The RAM end is rounded up to a 4 KiB multiple, else 1 KiB, when that stays under limit:
 * the simulator checks permissions per 4 KiB page, and pages split by a boundary take a slow
 * path (doc/unicorn.md).
 */

#define CFG(entry, bits) ((uint32_t)(bits) << (8 * (entry)))

/* The accessible end of RAM: brk rounded up to the coarsest grain that fits under limit. */
static uintptr_t ram_end(uintptr_t brk, uintptr_t limit)
{
    static const uintptr_t grains[] = { 4096, 1024, 4 };
    for (unsigned i = 0; i < sizeof grains / sizeof grains[0]; i++) {
        uintptr_t end = (brk + grains[i] - 1) & ~(grains[i] - 1);
        if (end >= brk && end <= limit)
            return end;
    }
    return 0;
}

uintptr_t arch_mpu_config(struct arch_mpu_config *cfg, uintptr_t flash, size_t flash_size,
                          uintptr_t ram, size_t ram_size, uintptr_t brk, uintptr_t limit)
{
    if ((flash | flash_size | ram) & 3u || flash_size == 0 || flash + flash_size < flash)
        return 0;
    if (brk < ram || limit < brk || limit > ram + ram_size)
        return 0;
    uintptr_t end = ram_end(brk, limit);
    if (!end)
        return 0;
    cfg->pmpaddr[0] = (uint32_t)(flash >> 2);
    cfg->pmpaddr[1] = (uint32_t)((flash + flash_size) >> 2);
    cfg->pmpaddr[2] = (uint32_t)(ram >> 2);
    cfg->pmpaddr[3] = (uint32_t)(end >> 2);
    cfg->pmpcfg0 = CFG(1, PMP_A_TOR | PMP_R | PMP_X) |
                   (end > ram ? CFG(3, PMP_A_TOR | PMP_R | PMP_W) : 0);
    return end;
}
