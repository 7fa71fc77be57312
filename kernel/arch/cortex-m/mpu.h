/* PMSAv7 register fields used by the Cortex-M port's MPU code (ARMv7-M ARM B3.5). */
#ifndef KERNEL_ARCH_CORTEX_M_MPU_H
#define KERNEL_ARCH_CORTEX_M_MPU_H

#define RASR_ENABLE   (1u << 0)
#define RASR_SIZE(l)  (((uint32_t)(l) - 1u) << 1)   /* region of 2^l bytes */
#define RASR_SRD(m)   ((uint32_t)(m) << 8)
#define RASR_B        (1u << 16)
#define RASR_C        (1u << 17)
#define RASR_S        (1u << 18)
#define RASR_AP_RW    (3u << 24)                    /* privileged and unprivileged read/write */
#define RASR_AP_RO    (6u << 24)                    /* read-only for both */
#define RASR_XN       (1u << 28)
#define RBAR_VALID    (1u << 4)
#define MPU_ENABLE    (1u << 0)
#define MPU_PRIVDEFENA (1u << 2)

#endif
