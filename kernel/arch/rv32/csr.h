/* RISC-V machine-mode CSRs and their bits (privileged spec 20211203, chapter 3). */
#ifndef KERNEL_ARCH_RV32_CSR_H
#define KERNEL_ARCH_RV32_CSR_H

/* mstatus (3.1.6): global interrupt enable and the privilege an mret returns to. */
#define MSTATUS_MIE     (1u << 3)
#define MSTATUS_MPIE    (1u << 7)
#define MSTATUS_MPP     (3u << 11)      /* 0 = user mode */

/* mie / mip (3.1.9): machine software, timer and external interrupts. */
#define MIP_MSIP        (1u << 3)
#define MIP_MTIP        (1u << 7)
#define MIP_MEIP        (1u << 11)

/* mcause (3.1.15): bit 31 = interrupt, the rest is the exception or interrupt code. */
#define MCAUSE_INTERRUPT        (1u << 31)
#define IRQ_M_SOFT              3
#define IRQ_M_TIMER             7
#define IRQ_M_EXT               11
#define EXC_INSN_MISALIGNED     0
#define EXC_INSN_ACCESS         1
#define EXC_ILLEGAL_INSN        2
#define EXC_BREAKPOINT          3
#define EXC_LOAD_MISALIGNED     4
#define EXC_LOAD_ACCESS         5
#define EXC_STORE_MISALIGNED    6
#define EXC_STORE_ACCESS        7
#define EXC_ECALL_U             8
#define EXC_ECALL_M             11

/* pmpcfg bytes (3.7.1): permissions, address matching, lock. */
#define PMP_R           0x01u
#define PMP_W           0x02u
#define PMP_X           0x04u
#define PMP_A_OFF       0x00u
#define PMP_A_TOR       0x08u
#define PMP_A_NA4       0x10u
#define PMP_A_NAPOT     0x18u
#define PMP_A_MASK      0x18u
#define PMP_L           0x80u

#ifndef __ASSEMBLER__
#include <stdint.h>

#define csr_read(csr) ({                                                                     \
        uint32_t v_;                                                                         \
        __asm__ volatile("csrr %0, " #csr : "=r"(v_));                                       \
        v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
#define csr_set(csr, v)   __asm__ volatile("csrs " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"r"((uint32_t)(v)) : "memory")
/* Clears bits and returns the old value, in one instruction. */
#define csr_read_clear(csr, v) ({                                                            \
        uint32_t o_;                                                                         \
        __asm__ volatile("csrrc %0, " #csr ", %1" : "=r"(o_) : "r"((uint32_t)(v)) : "memory"); \
        o_; })
#endif

#endif
