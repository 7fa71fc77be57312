/* ARMv7-M System Control Space registers used by the Cortex-M port (ARMv7-M ARM, B3.2). */
#ifndef KERNEL_ARCH_CORTEX_M_REGS_H
#define KERNEL_ARCH_CORTEX_M_REGS_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define REG32(addr) (*(volatile uint32_t *)(addr))

/* SysTick (B3.3). */
#define SYST_CSR        REG32(0xe000e010u)  /* [0] enable [1] tickint [2] clksource=cpu [16] countflag */
#define SYST_RVR        REG32(0xe000e014u)
#define SYST_CVR        REG32(0xe000e018u)

/* NVIC (B3.4): one bit per external interrupt, 32 per word. */
#define NVIC_ISER(n)    REG32(0xe000e100u + 4u * (n))
#define NVIC_ICER(n)    REG32(0xe000e180u + 4u * (n))
#define NVIC_ISPR(n)    REG32(0xe000e200u + 4u * (n))
#define NVIC_ICPR(n)    REG32(0xe000e280u + 4u * (n))

/* System control block (B3.2.2). */
#define SCB_ICSR        REG32(0xe000ed04u)
#define SCB_VTOR        REG32(0xe000ed08u)
#define SCB_AIRCR       REG32(0xe000ed0cu)
#define SCB_CCR         REG32(0xe000ed14u)
#define SCB_SHCSR       REG32(0xe000ed24u)
#define SCB_CFSR        REG32(0xe000ed28u)  /* [7:0] MMFSR [15:8] BFSR [31:16] UFSR */
#define SCB_HFSR        REG32(0xe000ed2cu)
#define SCB_MMFAR       REG32(0xe000ed34u)
#define SCB_BFAR        REG32(0xe000ed38u)

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define CCR_DIV_0_TRP     (1u << 4)
#define CCR_STKALIGN      (1u << 9)

/* PMSAv7 MPU (B3.5). */
#define MPU_TYPE        REG32(0xe000ed90u)
#define MPU_CTRL        REG32(0xe000ed94u)  /* [0] enable [1] hfnmiena [2] privdefena */
#define MPU_RNR         REG32(0xe000ed98u)
#define MPU_RBAR        REG32(0xe000ed9cu)  /* base | [4] valid | [3:0] region */
#define MPU_RASR        REG32(0xe000eda0u)

/* Why the last exception (also used by switch.S, hence plain numbers) taken from a process returned to the kernel (set by switch.S). */
#define CORTEXM_RETURN_SYSCALL   0
#define CORTEXM_RETURN_FAULT     1
#define CORTEXM_RETURN_INTERRUPT 2
#define CORTEXM_RETURN_TIMESLICE 3

#endif
