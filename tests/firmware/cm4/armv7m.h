/* ARMv7-M system registers (SCB, NVIC, SysTick, MPU) as the firmware sees them. */
#ifndef FW_ARMV7M_H
#define FW_ARMV7M_H

/*
 * Addresses and bit positions are facts from the ARMv7-M Architecture Reference Manual
 * (ARM DDI0403E.b): B3.2 System Control Space, B3.3 SysTick, B3.4 NVIC, B3.5 PMSAv7 MPU.
 * Included from C only.
 */

#include <stdint.h>

#include "boards-virtual/cm4/memmap.h"

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define REG8(addr)  (*(volatile uint8_t *)(uintptr_t)(addr))

/* System control block (B3.2.2). */
#define SCB_ICTR    REG32(0xe000e004u)    /* Interrupt Controller Type */
#define SCB_CPUID   REG32(0xe000ed00u)
#define SCB_ICSR    REG32(0xe000ed04u)
#define SCB_VTOR    REG32(0xe000ed08u)
#define SCB_AIRCR   REG32(0xe000ed0cu)
#define SCB_SCR     REG32(0xe000ed10u)
#define SCB_CCR     REG32(0xe000ed14u)
#define SCB_SHPR(n) REG8(0xe000ed18u + (n) - 4)   /* priority byte of system exception n */
#define SCB_SHCSR   REG32(0xe000ed24u)
#define SCB_CFSR    REG32(0xe000ed28u)
#define SCB_HFSR    REG32(0xe000ed2cu)
#define SCB_MMFAR   REG32(0xe000ed34u)
#define SCB_BFAR    REG32(0xe000ed38u)
#define SCB_CPACR   REG32(0xe000ed88u)
#define SCB_STIR    REG32(0xe000ef00u)

/* ICSR bits (B3.2.4). */
#define ICSR_VECTACTIVE(v)  ((v) & 0x1ffu)
#define ICSR_RETTOBASE      (1u << 11)
#define ICSR_VECTPENDING(v) (((v) >> 12) & 0x1ffu)
#define ICSR_ISRPENDING     (1u << 22)
#define ICSR_PENDSTCLR      (1u << 25)
#define ICSR_PENDSTSET      (1u << 26)
#define ICSR_PENDSVCLR      (1u << 27)
#define ICSR_PENDSVSET      (1u << 28)

#define AIRCR_VECTKEY       0x05fa0000u
#define AIRCR_VECTKEYSTAT   0xfa050000u

/* CCR bits (B3.2.8). */
#define CCR_USERSETMPEND    (1u << 1)
#define CCR_UNALIGN_TRP     (1u << 3)
#define CCR_DIV_0_TRP       (1u << 4)
#define CCR_STKALIGN        (1u << 9)

/* SHCSR bits (B3.2.13). */
#define SHCSR_MEMFAULTACT   (1u << 0)
#define SHCSR_BUSFAULTACT   (1u << 1)
#define SHCSR_USGFAULTACT   (1u << 3)
#define SHCSR_SVCALLACT     (1u << 7)
#define SHCSR_PENDSVACT     (1u << 10)
#define SHCSR_SYSTICKACT    (1u << 11)
#define SHCSR_MEMFAULTENA   (1u << 16)
#define SHCSR_BUSFAULTENA   (1u << 17)
#define SHCSR_USGFAULTENA   (1u << 18)
#define SHCSR_FAULTENA      (SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA)

/* CFSR = MMFSR [7:0] | BFSR [15:8] | UFSR [31:16] (B3.2.15). HFSR (B3.2.16). */
#define CFSR_IACCVIOL       (1u << 0)
#define CFSR_DACCVIOL       (1u << 1)
#define CFSR_MMARVALID      (1u << 7)
#define CFSR_IBUSERR        (1u << 8)
#define CFSR_PRECISERR      (1u << 9)
#define CFSR_BFARVALID      (1u << 15)
#define CFSR_UNDEFINSTR     (1u << 16)
#define CFSR_INVSTATE       (1u << 17)
#define CFSR_NOCP           (1u << 19)
#define CFSR_UNALIGNED      (1u << 24)
#define CFSR_DIVBYZERO      (1u << 25)
#define HFSR_FORCED         (1u << 30)

/* Exception numbers (B1.5.2). */
#define EXC_HARDFAULT   3
#define EXC_MEMMANAGE   4
#define EXC_BUSFAULT    5
#define EXC_USAGEFAULT  6
#define EXC_SVCALL      11
#define EXC_PENDSV      14
#define EXC_SYSTICK     15
#define EXC_IRQ(n)      (16 + (n))

/* EXC_RETURN values without floating-point state (B1.5.8). */
#define EXC_RETURN_HANDLER_MSP  0xfffffff1u
#define EXC_RETURN_THREAD_MSP   0xfffffff9u
#define EXC_RETURN_THREAD_PSP   0xfffffffdu

/* SysTick (B3.3.2). */
#define SYST_CSR    REG32(0xe000e010u)
#define SYST_RVR    REG32(0xe000e014u)
#define SYST_CVR    REG32(0xe000e018u)
#define SYST_CALIB  REG32(0xe000e01cu)
#define SYST_CSR_ENABLE     (1u << 0)
#define SYST_CSR_TICKINT    (1u << 1)
#define SYST_CSR_CLKSOURCE  (1u << 2)
#define SYST_CSR_COUNTFLAG  (1u << 16)

/* NVIC (B3.4.2): one bit per IRQ in 32-bit words, one priority byte per IRQ. */
#define NVIC_ISER(w)  REG32(0xe000e100u + 4u * (w))
#define NVIC_ICER(w)  REG32(0xe000e180u + 4u * (w))
#define NVIC_ISPR(w)  REG32(0xe000e200u + 4u * (w))
#define NVIC_ICPR(w)  REG32(0xe000e280u + 4u * (w))
#define NVIC_IABR(w)  REG32(0xe000e300u + 4u * (w))
#define NVIC_IPR(n)   REG8(0xe000e400u + (n))

/* PMSAv7 MPU (B3.5). */
#define MPU_TYPE    REG32(0xe000ed90u)
#define MPU_CTRL    REG32(0xe000ed94u)
#define MPU_RNR     REG32(0xe000ed98u)
#define MPU_RBAR    REG32(0xe000ed9cu)
#define MPU_RASR    REG32(0xe000eda0u)
#define MPU_CTRL_ENABLE     (1u << 0)
#define MPU_CTRL_HFNMIENA   (1u << 1)
#define MPU_CTRL_PRIVDEFENA (1u << 2)
#define MPU_RBAR_VALID      (1u << 4)

/* RASR fields: XN [28], AP [26:24], TEX [21:19], S [18], C [17], B [16], SRD [15:8],
 * SIZE [5:1] (region is 2^(SIZE+1) bytes), ENABLE [0]. */
#define MPU_RASR_XN         (1u << 28)
#define MPU_RASR_AP(ap)     ((uint32_t)(ap) << 24)
#define MPU_RASR_SRD(m)     ((uint32_t)(m) << 8)
#define MPU_RASR_SIZE(l2)   ((uint32_t)((l2) - 1) << 1)
#define MPU_RASR_ENABLE     1u
#define MPU_RASR_NORMAL     ((1u << 17) | (0u << 16))  /* TEX=0 C=1 B=0: normal, write-through */
#define MPU_RASR_DEVICE     ((1u << 18) | (1u << 16))  /* TEX=0 S=1 B=1: shareable device */
/* AP encodings (B3.5.9, table B3-15): privileged / unprivileged. */
#define AP_NONE       0     /* no access / no access */
#define AP_PRW        1     /* RW / no access */
#define AP_PRW_URO    2     /* RW / RO */
#define AP_FULL       3     /* RW / RW */
#define AP_PRO        5     /* RO / no access */
#define AP_RO         6     /* RO / RO */

/* Barriers and special registers. */
static inline void dsb(void) { __asm volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm volatile("isb" ::: "memory"); }
static inline void barrier(void) { __asm volatile("dsb\n isb" ::: "memory"); }
static inline void wfi(void) { __asm volatile("wfi" ::: "memory"); }
static inline void irq_disable(void) { __asm volatile("cpsid i" ::: "memory"); }
static inline void irq_enable(void) { __asm volatile("cpsie i\n isb" ::: "memory"); }

#define READ_SPECIAL(name) ({ uint32_t v_; __asm volatile("mrs %0, " name : "=r"(v_)); v_; })
#define WRITE_SPECIAL(name, v) \
    __asm volatile("msr " name ", %0\n isb" :: "r"((uint32_t)(v)) : "memory")

/* NVIC helpers for IRQ n (< 32 on cm4). */
static inline void nvic_enable(int n)  { NVIC_ISER(n / 32) = 1u << (n % 32); barrier(); }
static inline void nvic_disable(int n) { NVIC_ICER(n / 32) = 1u << (n % 32); barrier(); }
static inline void nvic_pend(int n)    { NVIC_ISPR(n / 32) = 1u << (n % 32); barrier(); }
static inline void nvic_unpend(int n)  { NVIC_ICPR(n / 32) = 1u << (n % 32); barrier(); }

#endif
