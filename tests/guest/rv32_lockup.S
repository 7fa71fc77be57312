/* Guest for tests/check_rv32.c: a trap with mtvec pointing at nothing (a double fault). */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    csrw mtvec, zero
    ecall
    pass
