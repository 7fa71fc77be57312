/* Guest for tests/check_rv32.c: a loop of CMD[0] iterations of two instructions, then pass. */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    li t0, CMD
    lw t0, 0(t0)
    beqz t0, 2f
1:  addi t0, t0, -1
    bnez t0, 1b
2:  pass
