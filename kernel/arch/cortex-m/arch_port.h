/* Cortex-M (ARMv7-M) state types behind kernel/arch/arch.h. */
#ifndef KERNEL_ARCH_CORTEX_M_ARCH_PORT_H
#define KERNEL_ARCH_CORTEX_M_ARCH_PORT_H

#include <stdint.h>

/* A stopped process: r4-r11 and its stack pointer (PSP). r0-r3, r12, lr, pc and xPSR are in the
 * 8-word exception frame the hardware pushed at psp. Layout known to switch.S. */
struct arch_context {
    uint32_t r4_r11[8];
    uint32_t psp;
};

/* Bytes of the hardware exception frame (no FPU state: processes run without the FPU). */
#define ARCH_FRAME_SIZE 32u

/* PMSAv7 region registers for one process: region 0 = flash, region 1 = RAM. */
#define ARCH_MPU_PROCESS_REGIONS 2
struct arch_mpu_config {
    uint32_t rbar[ARCH_MPU_PROCESS_REGIONS];    /* base | VALID | region number */
    uint32_t rasr[ARCH_MPU_PROCESS_REGIONS];    /* size, subregion disables, access, enable */
};

#endif
