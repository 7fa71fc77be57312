/* ARMv7-M registers and fields the Cortex-M port uses (ARMv7-M ARM, B1.5 and B3), each named
 * once here; the port decodes registers only through these names. Included by switch.S too:
 * what the assembler needs is plain numbers outside the __ASSEMBLER__ guard. (PMSAv7 MPU
 * region fields are in mpu.h.) */
#ifndef KERNEL_ARCH_CORTEX_M_REGS_H
#define KERNEL_ARCH_CORTEX_M_REGS_H

/* ---- exception entry and return (B1.5) ---------------------------------------------------- */

/* EXC_RETURN values the port uses, and the bit telling which stack the frame is on. */
#define EXC_RETURN_THREAD_MSP   0xfffffff9      /* thread mode, main stack (the kernel) */
#define EXC_RETURN_THREAD_PSP   0xfffffffd      /* thread mode, process stack (a process) */
#define EXC_RETURN_SPSEL        4               /* bit 2: the exception came from PSP */
#define CONTROL_NPRIV           1               /* CONTROL bit 0: thread mode unprivileged */
#define IPSR_EXCEPTION_MASK     0x1ff           /* IPSR[8:0]: the active exception number */
#define EXCEPTION_IRQ0          16              /* exception number of external interrupt 0 */

/* The svc immediate arch_switch_to_process uses to enter a process (processes' own system
 * calls are told apart by EXC_RETURN, not by this number). */
#define CORTEXM_SVC_ENTER       0xff

/* The exception frame the CPU pushes (B1.5.6, no FPU state), as word indices. */
#define FRAME_R0   0
#define FRAME_R1   1
#define FRAME_R2   2
#define FRAME_R3   3
#define FRAME_R12  4
#define FRAME_LR   5
#define FRAME_PC   6
#define FRAME_XPSR 7
#define FRAME_WORDS 8
#define XPSR_THUMB   (1u << 24)     /* T: Thumb state, the only one ARMv7-M executes */
#define XPSR_ALIGNED (1u << 9)      /* the frame was realigned to 8 bytes: keep when rewriting */

/* Bit 0 of a branch target or return address (interworking, A2.3.2): 1 = Thumb. In a stacked
 * PC it must be 0 (the state is xPSR.T). */
#define THUMB_ADDR_BIT 1u

/* Thumb `svc #imm8` (T1 encoding, A7.7.175): the immediate is the halfword's low byte. */
#define THUMB_SVC_IMM(insn) ((insn) & 0xffu)

/* ---- NVIC (B3.4): one bit per external interrupt, 32 per register word ---------------------- */

#define NVIC_ICER0_ADDR 0xe000e180
#define NVIC_ISPR0_ADDR 0xe000e200
#define NVIC_WORD_SHIFT 5                       /* irq >> 5: the register word */
#define NVIC_BIT_MASK   31                      /* irq & 31: the bit in it */

/* Why the last exception taken from a process returned to the kernel (set by switch.S, read
 * by arch_switch_to_process's caller side in C). */
#define CORTEXM_RETURN_SYSCALL   0
#define CORTEXM_RETURN_FAULT     1
#define CORTEXM_RETURN_INTERRUPT 2
#define CORTEXM_RETURN_TIMESLICE 3

/* Byte offset of psp in struct arch_context (arch_port.h; checked in context.c). */
#define CORTEXM_CTX_PSP 32

#ifndef __ASSEMBLER__
#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

#define NVIC_ISER(n)    REG32(0xe000e100u + 4u * (n))
#define NVIC_ICER(n)    REG32(NVIC_ICER0_ADDR + 4u * (n))
#define NVIC_ISPR(n)    REG32(NVIC_ISPR0_ADDR + 4u * (n))
#define NVIC_ICPR(n)    REG32(0xe000e280u + 4u * (n))
#define NVIC_WORD(irq)  ((irq) >> NVIC_WORD_SHIFT)
#define NVIC_BIT(irq)   (1u << ((irq) & NVIC_BIT_MASK))
#define NVIC_WORDS(n)   (NVIC_WORD((n) - 1) + 1)    /* words holding lines 0..n-1 */

/* ---- SysTick (B3.3) ------------------------------------------------------------------------ */

#define SYST_CSR        REG32(0xe000e010u)
#define SYST_RVR        REG32(0xe000e014u)
#define SYST_CVR        REG32(0xe000e018u)
#define SYST_CSR_ENABLE    (1u << 0)
#define SYST_CSR_TICKINT   (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)                /* 1: counts processor clock cycles */
#define SYST_CSR_COUNTFLAG (1u << 16)               /* reached 0 since last read; read clears */
#define SYST_RVR_MAX       0x00ffffffu              /* RELOAD is 24 bits */

/* ---- system control block (B3.2) ----------------------------------------------------------- */

#define SCB_ICSR        REG32(0xe000ed04u)
#define SCB_VTOR        REG32(0xe000ed08u)
#define SCB_AIRCR       REG32(0xe000ed0cu)
#define SCB_CCR         REG32(0xe000ed14u)
#define SCB_SHCSR       REG32(0xe000ed24u)
#define SCB_CFSR        REG32(0xe000ed28u)
#define SCB_HFSR        REG32(0xe000ed2cu)
#define SCB_MMFAR       REG32(0xe000ed34u)
#define SCB_BFAR        REG32(0xe000ed38u)

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define CCR_DIV_0_TRP     (1u << 4)
#define CCR_STKALIGN      (1u << 9)

/* CFSR (B3.2.15): MemManage [7:0], BusFault [15:8], UsageFault [31:16] status. */
#define CFSR_MMFSR     0x000000ffu
#define CFSR_BFSR      0x0000ff00u
#define CFSR_UFSR      0xffff0000u
#define MM_IACCVIOL    (1u << 0)
#define MM_DACCVIOL    (1u << 1)
#define MM_MUNSTKERR   (1u << 3)
#define MM_MSTKERR     (1u << 4)
#define MM_MMARVALID   (1u << 7)
#define BF_IBUSERR     (1u << 8)
#define BF_PRECISERR   (1u << 9)
#define BF_IMPRECISERR (1u << 10)
#define BF_UNSTKERR    (1u << 11)
#define BF_STKERR      (1u << 12)
#define BF_BFARVALID   (1u << 15)
#define UF_UNDEFINSTR  (1u << 16)
#define UF_INVSTATE    (1u << 17)
#define UF_INVPC       (1u << 18)
#define UF_NOCP        (1u << 19)
#define UF_UNALIGNED   (1u << 24)
#define UF_DIVBYZERO   (1u << 25)
/* HFSR (B3.2.16). */
#define HF_VECTTBL     (1u << 1)
#define HF_FORCED      (1u << 30)

/* ---- PMSAv7 MPU registers (B3.5); their fields are in mpu.h ------------------------------- */

#define MPU_TYPE        REG32(0xe000ed90u)
#define MPU_CTRL        REG32(0xe000ed94u)
#define MPU_RNR         REG32(0xe000ed98u)
#define MPU_RBAR        REG32(0xe000ed9cu)
#define MPU_RASR        REG32(0xe000eda0u)

#endif /* !__ASSEMBLER__ */

#endif
