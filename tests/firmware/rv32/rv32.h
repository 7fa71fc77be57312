/* RV32 machine-mode registers and the rv32 board's devices for the bare-metal firmware. */
#ifndef FW_RV32_H
#define FW_RV32_H

#include <stdint.h>

#include "boards-virtual/rv32/memmap.h"

#define REG32(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define REG8(addr) (*(volatile uint8_t *)(uintptr_t)(addr))

#define csr_read(csr) ({ uint32_t v_; __asm volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm volatile("csrw " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")
#define csr_set(csr, v) __asm volatile("csrs " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")
#define csr_clear(csr, v) __asm volatile("csrc " #csr ", %0" : : "r"((uint32_t)(v)) : "memory")

/* mstatus / mie / mip bits (privileged spec 3.1.6, 3.1.9). */
#define MSTATUS_MIE  (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP  (3u << 11)
#define MIP_MSIP (1u << 3)
#define MIP_MTIP (1u << 7)
#define MIP_MEIP (1u << 11)
#define MCAUSE_INT 0x80000000u

/* CLINT (SiFive layout). */
#define CLINT_MSIP      REG32(RV32_CLINT_BASE + 0x0000)
#define CLINT_MTIMECMP  REG32(RV32_CLINT_BASE + 0x4000)
#define CLINT_MTIMECMPH REG32(RV32_CLINT_BASE + 0x4004)
#define CLINT_MTIME     REG32(RV32_CLINT_BASE + 0xbff8)
#define CLINT_MTIMEH    REG32(RV32_CLINT_BASE + 0xbffc)

/* PLIC, context 0 = hart 0 machine mode. */
#define PLIC_PRIORITY(s) REG32(RV32_PLIC_BASE + RV32_PLIC_PRIORITY + 4u * (s))
#define PLIC_PENDING(w)  REG32(RV32_PLIC_BASE + RV32_PLIC_PENDING + 4u * (w))
#define PLIC_ENABLE(w)   REG32(RV32_PLIC_BASE + RV32_PLIC_ENABLE + 4u * (w))
#define PLIC_THRESHOLD   REG32(RV32_PLIC_BASE + RV32_PLIC_CONTEXT)
#define PLIC_CLAIM       REG32(RV32_PLIC_BASE + RV32_PLIC_CONTEXT + 4)

/* NS16550A UART0 (byte registers). */
#define UART_RBR REG8(RV32_UART0_BASE + 0)
#define UART_THR REG8(RV32_UART0_BASE + 0)
#define UART_DLL REG8(RV32_UART0_BASE + 0)
#define UART_IER REG8(RV32_UART0_BASE + 1)
#define UART_DLM REG8(RV32_UART0_BASE + 1)
#define UART_IIR REG8(RV32_UART0_BASE + 2)
#define UART_FCR REG8(RV32_UART0_BASE + 2)
#define UART_LCR REG8(RV32_UART0_BASE + 3)
#define UART_MCR REG8(RV32_UART0_BASE + 4)
#define UART_LSR REG8(RV32_UART0_BASE + 5)
#define UART_MSR REG8(RV32_UART0_BASE + 6)
#define UART_SCR REG8(RV32_UART0_BASE + 7)

static inline void wfi(void) { __asm volatile("wfi" ::: "memory"); }

/* 64-bit mtime, read high-low-high so a carry between the halves is not missed. */
static inline uint64_t mtime_read(void)
{
    uint32_t hi, lo;
    do {
        hi = CLINT_MTIMEH;
        lo = CLINT_MTIME;
    } while (hi != CLINT_MTIMEH);
    return (uint64_t)hi << 32 | lo;
}

/* mtimecmp := t, without a spurious match while the halves change. */
static inline void mtimecmp_write(uint64_t t)
{
    CLINT_MTIMECMP = 0xffffffffu;
    CLINT_MTIMECMPH = (uint32_t)(t >> 32);
    CLINT_MTIMECMP = (uint32_t)t;
}

#endif
