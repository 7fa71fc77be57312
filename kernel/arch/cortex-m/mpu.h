/* PMSAv7 MPU register fields used by the Cortex-M port (ARMv7-M ARM B3.5), named once: the
 * port builds and reads MPU_TYPE, MPU_CTRL, MPU_RBAR and MPU_RASR values only through these. */
#ifndef KERNEL_ARCH_CORTEX_M_MPU_H
#define KERNEL_ARCH_CORTEX_M_MPU_H

#include <stdint.h>

/* MPU_TYPE (B3.5.5): DREGION [15:8], the number of data regions. */
#define MPU_TYPE_DREGION(type) (((type) >> 8) & 0xffu)

/* MPU_CTRL (B3.5.6). */
#define MPU_ENABLE     (1u << 0)
#define MPU_PRIVDEFENA (1u << 2)    /* privileged accesses outside all regions: default map */

/* MPU_RBAR (B3.5.8): ADDR [31:5], VALID [4] (then REGION [3:0] selects the region). */
#define RBAR_VALID       (1u << 4)
#define RBAR_REGION(n)   ((uint32_t)(n) & 0xfu)
#define RBAR_ADDR(rbar)  ((rbar) & ~0x1fu)

/* MPU_RASR (B3.5.9): ENABLE [0], SIZE [5:1] (a region of 2^(SIZE+1) bytes), SRD [15:8] (one
 * disable bit per eighth), B [16], C [17], S [18], AP [26:24], XN [28]. */
#define RASR_ENABLE          (1u << 0)
#define RASR_SIZE(l)         (((uint32_t)(l) - 1u) << 1)    /* region of 2^l bytes */
#define RASR_REGION_BYTES(r) (1u << ((((r) >> 1) & 0x1fu) + 1))
#define RASR_SRD(m)          ((uint32_t)(m) << 8)
#define RASR_SRD_OF(r)       (((r) >> 8) & 0xffu)
#define RASR_B               (1u << 16)
#define RASR_C               (1u << 17)
#define RASR_S               (1u << 18)
#define RASR_AP_MASK         (7u << 24)
#define RASR_AP_RW           (3u << 24)     /* privileged and unprivileged read/write */
#define RASR_AP_RO           (6u << 24)     /* read-only for both */
#define RASR_XN              (1u << 28)

/* Region geometry (B3.5.9): sizes are powers of two from 32 bytes, aligned to their size;
 * regions of 256 bytes or more have 8 subregions, each disabled by one SRD bit. */
#define MPU_MIN_REGION     32u
#define MPU_SUBREGIONS     8u
#define MPU_SRD_ALL        0xffu
#define MPU_MIN_SUBREGIONED 256u

#endif
