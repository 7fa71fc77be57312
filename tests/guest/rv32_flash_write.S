/* Guest for tests/check_rv32.c: a store to flash (read-only) with mtvec pointing at nothing.
 * The double fault's message must name the store that started it. */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    csrw mtvec, zero
    la t0, _start
    sw zero, 16(t0)
    pass
