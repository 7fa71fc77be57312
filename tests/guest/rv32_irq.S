/* Guest for tests/check_rv32.c: interrupts through the CLINT and the PLIC, vectored mode.
 * The handlers log each trap (rv32_common.inc); RES[i] holds the addresses where the host
 * expects interrupts to be taken (mepc), RES[20] the source the PLIC claim returned. */
#include "rv32_common.inc"
    .equ MSIP, 0x2000000
    .equ GPIO_DIR, GPIO + 0x08
    .equ GPIO_SET, GPIO + 0x14
    .equ GPIO_CLR, GPIO + 0x18
    .equ GPIO_IRQ_RISE, GPIO + 0x20
    .equ GPIO_IRQ_STATUS, GPIO + 0x28

    /* mtimecmp := mtime + \ticks (t0-t3) */
    .macro timer_in ticks
    li t0, MTIME
    lw t1, 0(t0)
    lw t2, 4(t0)
    addi t3, t1, \ticks
    sltu t1, t3, t1
    add t2, t2, t1
    li t0, MTIMECMP
    li t1, -1
    sw t1, 0(t0)            /* no spurious match while the halves change */
    sw t2, 4(t0)
    sw t3, 0(t0)
    .endm

    .section .text.start
    .globl _start
_start:
    li sp, STACK
    la t0, vectors
    ori t0, t0, 1           /* vectored */
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    li t0, MTIMECMP         /* no timer interrupt until asked for */
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    mark 0, t1_ret
    mark 1, t2_ret
    mark 2, t3_ret
    mark 3, t4_ret
    mark 4, t5_user

    /* T1: timer interrupt wakes wfi and is taken (MIE = 1). */
    li t0, 0x80
    csrw mie, t0            /* MTIE */
    csrsi mstatus, 8
    timer_in 100
    wfi
t1_ret:
    csrci mstatus, 8

    /* T2: MIE = 0: wfi wakes on the pending timer without taking it; setting MIE takes it
     * right after the csrs. */
    timer_in 100
    wfi
    li t0, RES + 40
    li t1, 1
    sw t1, 0(t0)            /* RES[10] = 1: woke up without a trap */
    csrsi mstatus, 8
t2_ret:
    csrci mstatus, 8

    /* T3: software interrupt through CLINT msip, taken at the next block. */
    li t0, 0x8
    csrw mie, t0            /* MSIE */
    csrsi mstatus, 8
    li t0, MSIP
    li t1, 1
    sw t1, 0(t0)
    j t3_ret
t3_ret:
    csrci mstatus, 8

    /* T4: external interrupt: GPIO pin 0 rising edge -> PLIC source 12 -> MEIP. */
    li t0, PLIC + 4 * 12
    li t1, 1
    sw t1, 0(t0)            /* priority 1 */
    li t0, PLIC + 0x2000
    li t1, 1 << 12
    sw t1, 0(t0)            /* enable for context 0 */
    li t0, PLIC + 0x200000
    sw zero, 0(t0)          /* threshold 0 */
    li t0, GPIO_DIR
    li t1, 1
    sw t1, 0(t0)
    li t0, GPIO_IRQ_RISE
    sw t1, 0(t0)
    li t0, 0x800
    csrw mie, t0            /* MEIE */
    csrsi mstatus, 8
    li t0, GPIO_SET
    sw t1, 0(t0)
    j t4_ret
t4_ret:
    csrci mstatus, 8

    /* T5: user mode takes machine interrupts whatever mstatus.MIE. */
    li t0, 0x80
    csrw mie, t0
    la s11, t5_back
    la t0, t5_user
    csrw mepc, t0
    li t0, 0x1888
    csrc mstatus, t0        /* MPP = U, MPIE = 0, MIE = 0 */
    timer_in 0              /* pending at once */
    mret
t5_user:
    j t5_user
t5_back:
    pass

    .align 6
    .option push
    .option norvc
vectors:
    j exc                   /* 0: exceptions */
    j bad
    j bad
    j msi                   /* 3 */
    j bad
    j bad
    j bad
    j mti                   /* 7 */
    j bad
    j bad
    j bad
    j mei                   /* 11 */
    .option pop
bad:
    log_trap
1:  j 1b
exc:
    log_trap
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
msi:
    log_trap
    li t0, MSIP
    sw zero, 0(t0)
    mret
mti:
    log_trap
    li t0, MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    csrr t0, mstatus
    li t1, 0x1800
    and t0, t0, t1
    bnez t0, 1f
    csrs mstatus, t1        /* taken from user mode: back to machine mode at s11 */
    csrw mepc, s11
1:  mret
mei:
    log_trap
    li t0, PLIC + 0x200004
    lw t1, 0(t0)            /* claim */
    li t2, RES + 80
    sw t1, 0(t2)
    li t2, GPIO_CLR
    li t3, 1
    sw t3, 0(t2)
    li t2, GPIO_IRQ_STATUS
    sw t3, 0(t2)
    sw t1, 0(t0)            /* complete */
    mret
