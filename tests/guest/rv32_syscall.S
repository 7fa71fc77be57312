/* Guest for tests/check_rv32.c: system calls from user mode (TRD104 on RISC-V: class in a4,
 * arguments and results in a0-a3), for the thread-crossing reports. The handler answers the
 * first call with a0 = 0x80 and returns to user mode; the second one (class 6) ends the run. */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    li sp, STACK
    la t0, handler
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    mark 0, after_first
    mark 1, after_second
    la t0, user
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0
    mret
user:
    li a0, 10
    li a1, 11
    li a2, 12
    li a3, 13
    li a4, 2                /* command */
    ecall
after_first:
    li a4, 6                /* exit */
    ecall
after_second:
    j after_second

    .align 2
handler:
    li t0, 6
    beq a4, t0, 1f
    li a0, 0x80             /* the answer */
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
1:  pass
