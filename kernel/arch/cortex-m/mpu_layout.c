/* PMSAv7 region arithmetic for processes (pure: no register access, also host-tested). */
#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/cortex-m/mpu.h"

/*
 * A PMSAv7 region is a power of two >= 32 bytes, aligned to its size; regions >= 256 bytes have
 * 8 equal subregions that can each be disabled (SRD bits). Region 0 covers the process's TBF
 * image in flash (read-only, executable), region 1 its RAM block with the subregions above the
 * break disabled (read/write, never executable).
 *
 * RAM boundaries are put on 1 KiB multiples when the block allows, because the simulator
 * checks permissions per 1 KiB page and pages split by a boundary take a slow path.
 */

#define PAGE          1024u

static unsigned log2_exact(size_t size)
{
    return (unsigned)__builtin_ctzl((unsigned long)size);
}

static int is_pow2(size_t x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

/* Finds a region (with subregions) covering exactly [start, start + len). Returns 0 if none. */
static int cover_exactly(uintptr_t start, size_t len, uint32_t *base_out, uint32_t *rasr_out)
{
    if (len == 0)
        return 0;
    size_t size = MPU_MIN_REGION;
    while (size < len)
        size <<= 1;
    for (int tries = 0; tries < 4; tries++, size <<= 1) {
        uintptr_t base = start & ~(uintptr_t)(size - 1);
        if (start + len > base + size)
            continue;
        if (base == start && len == size) {
            *base_out = (uint32_t)base;
            *rasr_out = RASR_SIZE(log2_exact(size));
            return 1;
        }
        size_t sub = size / MPU_SUBREGIONS;
        if (size < MPU_MIN_SUBREGIONED || (start - base) % sub || len % sub)
            continue;
        unsigned first = (unsigned)((start - base) / sub), n = (unsigned)(len / sub);
        uint32_t enabled = ((1u << n) - 1u) << first;
        *base_out = (uint32_t)base;
        *rasr_out = RASR_SIZE(log2_exact(size)) | RASR_SRD(~enabled & MPU_SRD_ALL);
        return 1;
    }
    return 0;
}

/* Rounds the accessible RAM length up to what subregions can express (1 KiB multiples if
 * that stays under limit). Returns the length, or (size_t)-1 if impossible. */
static size_t ram_extent(size_t ram_size, size_t want, size_t room)
{
    if (ram_size < MPU_MIN_SUBREGIONED)
        return want == 0 ? 0 : (ram_size <= room ? ram_size : (size_t)-1);
    size_t sub = ram_size / MPU_SUBREGIONS;
    size_t coarse = sub > PAGE ? sub : PAGE;
    size_t len = (want + coarse - 1) / coarse * coarse;
    if (len <= room && len <= ram_size)
        return len;
    len = (want + sub - 1) / sub * sub;
    return len <= room ? len : (size_t)-1;
}

uintptr_t arch_mpu_config(struct arch_mpu_config *cfg, uintptr_t flash, size_t flash_size,
                          uintptr_t ram, size_t ram_size, uintptr_t brk, uintptr_t limit)
{
    uint32_t base, rasr;
    if (!cover_exactly(flash, flash_size, &base, &rasr))
        return 0;
    cfg->rbar[0] = base | RBAR_VALID | RBAR_REGION(0);
    cfg->rasr[0] = rasr | RASR_AP_RO | RASR_C | RASR_ENABLE;

    if (!is_pow2(ram_size) || (ram & (ram_size - 1)) || brk < ram || limit < brk ||
        limit > ram + ram_size)
        return 0;
    size_t len = ram_extent(ram_size, brk - ram, limit - ram);
    if (len == (size_t)-1)
        return 0;
    cfg->rbar[1] = (uint32_t)ram | RBAR_VALID | RBAR_REGION(1);
    if (len == 0) {
        cfg->rasr[1] = 0;
    } else {
        uint32_t srd = 0;
        if (ram_size >= MPU_MIN_SUBREGIONED) {
            unsigned n = (unsigned)(len / (ram_size / MPU_SUBREGIONS));
            srd = ~((1u << n) - 1u) & MPU_SRD_ALL;
        }
        cfg->rasr[1] = RASR_SIZE(log2_exact(ram_size)) | RASR_SRD(srd) | RASR_AP_RW | RASR_XN |
                       RASR_S | RASR_C | RASR_B | RASR_ENABLE;
    }
    return ram + len;
}
