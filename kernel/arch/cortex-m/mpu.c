/* PMSAv7 memory protection: loading process regions, enabling the MPU, printing regions.
 * The region arithmetic is in mpu_layout.c. The kernel runs with PRIVDEFENA: the default
 * memory map applies to its accesses outside the process's regions. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/cortex-m/mpu.h"
#include "kernel/arch/cortex-m/regs.h"
#include "kernel/core/kprintf.h"

/* What the process regions hold. A switch back to the process the MPU is already configured
 * for writes nothing (as Tock's Cortex-M MPU does for the process it is configured for): the
 * registers are device accesses, four of them at every system call otherwise. */
static struct arch_mpu_config loaded;   /* zero from boot: no configuration equals it (RBAR.VALID) */

void arch_mpu_apply(const struct arch_mpu_config *cfg)
{
    int changed = 0;
    for (int i = 0; i < ARCH_MPU_PROCESS_REGIONS; i++) {
        if (cfg->rbar[i] == loaded.rbar[i] && cfg->rasr[i] == loaded.rasr[i])
            continue;
        MPU_RBAR = cfg->rbar[i];    /* VALID: also selects the region number */
        MPU_RASR = cfg->rasr[i];
        loaded.rbar[i] = cfg->rbar[i];
        loaded.rasr[i] = cfg->rasr[i];
        changed = 1;
    }
    if (changed)
        __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void cortexm_mpu_init(void)
{
    unsigned regions = MPU_TYPE_DREGION(MPU_TYPE);
    MPU_CTRL = 0;
    for (unsigned r = 0; r < regions; r++) {
        MPU_RNR = r;
        MPU_RASR = 0;
    }
    MPU_CTRL = MPU_ENABLE | MPU_PRIVDEFENA;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

void arch_mpu_print(const struct arch_mpu_config *cfg)
{
    for (int i = 0; i < ARCH_MPU_PROCESS_REGIONS; i++) {
        uint32_t rasr = cfg->rasr[i];
        if (!(rasr & RASR_ENABLE)) {
            kprintf(" Region %d: [unused]\r\n", i);
            continue;
        }
        uint32_t size = RASR_REGION_BYTES(rasr);
        uint32_t base = RBAR_ADDR(cfg->rbar[i]);
        kprintf(" Region %d: [0x%08x-0x%08x, %u bytes] %s%s, subregions disabled 0x%02x\r\n",
                i, base, base + size, size, (rasr & RASR_AP_MASK) == RASR_AP_RO ? "R" : "RW",
                (rasr & RASR_XN) ? "" : "X", RASR_SRD_OF(rasr));
    }
}
