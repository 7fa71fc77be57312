/* RISC-V reset entry: the first instruction of the kernel image (the start of DRAM on QEMU's
 * virt machine, where its reset ROM jumps; tocksim's rv32 board starts there directly).
 * Masks interrupts, parks any hart but 0, sets the kernel stack and the trap vector, and
 * continues in C (boot.c). */
#include "kernel/arch/rv32/csr.h"

    .section .text.start, "ax"
    .global _start
    .type _start, @function
_start:
    csrw    mie, zero
    li      t0, MSTATUS_MIE
    csrc    mstatus, t0
    csrr    t0, mhartid
    bnez    t0, park
    la      sp, _estack
    la      t0, rv32_trap_entry
    csrw    mtvec, t0
    csrw    mscratch, zero          /* "in the kernel" for the trap entry */
    call    rv32_reset
park:
    wfi
    j       park
    .size _start, . - _start
