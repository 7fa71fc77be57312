/* Guest for tests/check_rv32.c: every load/store form against an address where nothing is
 * mapped (0xffffff00 + offset), with x0, sp and every other register as the base, compressed
 * forms included. Each must trap as a load (5) or store/AMO (7) access fault with mtval = the
 * address, never as an illegal instruction. The handler logs and skips. RES[i] = probe i. */
#include "rv32_common.inc"
    .equ BAD, 0xffffff00

/* probe IDX: marks the next instruction as probe IDX in RES. */
    .macro here idx
    mark \idx, .Lp\@
.Lp\@:
    .endm

/* A store at BAD+4 and a load at BAD+8 with register r as the base; probe numbers follow the
 * register (x1: 8 and 9, x2: 10 and 11, ...). mark uses t5/t6, so it comes before the base. */
    .macro base_probe r, n
    mark (8 + 2 * (\n - 1)), .Ls\@
    mark (9 + 2 * (\n - 1)), .Ll\@
    li \r, BAD
.Ls\@: sw zero, 4(\r)
    li \r, BAD
.Ll\@: lw zero, 8(\r)
    .endm

    .section .text.start
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    /* 0-7: x0 as the base (a negative offset reaches the top of the address space). */
    here 0
    sw a5, -256(zero)
    here 1
    lw a5, -252(zero)
    here 2
    sb a5, -248(zero)
    here 3
    sh a5, -246(zero)
    here 4
    lb a5, -244(zero)
    here 5
    lbu a5, -243(zero)
    here 6
    lh a5, -242(zero)
    here 7
    lhu a5, -240(zero)
    /* 8-67: a store then a load with each of x1..x31 but x0 as the base (offsets 4 and 8). */
    base_probe x1, 1
    base_probe x2, 2
    base_probe x3, 3
    base_probe x4, 4
    base_probe x5, 5
    base_probe x6, 6
    base_probe x7, 7
    base_probe x8, 8
    base_probe x9, 9
    base_probe x10, 10
    base_probe x11, 11
    base_probe x12, 12
    base_probe x13, 13
    base_probe x14, 14
    base_probe x15, 15
    base_probe x16, 16
    base_probe x17, 17
    base_probe x18, 18
    base_probe x19, 19
    base_probe x20, 20
    base_probe x21, 21
    base_probe x22, 22
    base_probe x23, 23
    base_probe x24, 24
    base_probe x25, 25
    base_probe x26, 26
    base_probe x27, 27
    base_probe x28, 28
    base_probe x29, 29
    base_probe x30, 30
    base_probe x31, 31
    /* 70-73: compressed forms (RVC registers, and sp). */
    li a0, BAD
    li sp, BAD
    mark 70, c0
    mark 71, c1
    mark 72, c2
    mark 73, c3
    .option push
    .option rvc
c0: c.sw a1, 4(a0)
c1: c.lw a1, 8(a0)
c2: c.swsp a1, 12(sp)
c3: c.lwsp a1, 16(sp)
    .option pop
    /* 74-75: AMO and LR at the unmapped address. */
    mark 74, a0p
    mark 75, a1p
    li t2, BAD
a0p: amoswap.w t1, t1, (t2)
    li t2, BAD                  /* the handler clobbers t0-t2 */
a1p: lr.w t1, (t2)
    pass

    .align 2
handler:
    log_trap
    skip_trapping_insn
