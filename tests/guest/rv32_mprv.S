/* Guest for tests/check_rv32.c: mstatus.MPRV makes machine-mode loads and stores use MPP's
 * privilege (and so the PMP rules of user mode); fetches stay machine mode. */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    mark 0, p_load
    mark 1, p_store
    li t0, 0x2003ffff           /* NAPOT 0x80000000, 2 MiB: flash, R X for user mode */
    csrw pmpaddr0, t0
    li t0, 0x1d
    csrw pmpcfg0, t0
    li t0, 0x1800
    csrc mstatus, t0            /* MPP = U */
    li t0, 0x20000
    csrs mstatus, t0            /* MPRV */
    li t2, RAM + 0x100
p_load:
    lw t1, 0(t2)                /* as user mode: no entry, load access fault */
p_store:
    sw t1, 4(t2)                /* store access fault */
    la t3, _start
    lw t1, 0(t3)                /* flash: user mode may read */
    li t0, 0x1800
    csrs mstatus, t0            /* MPP = M: machine mode rules again */
    lw t1, 0(t2)
    li t0, 0x20000
    csrc mstatus, t0
    pass

    .align 2
handler:
    li t0, 0x20000
    csrc mstatus, t0            /* MPRV off: the handler's own accesses are machine mode */
    log_trap
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    li t0, 0x1800
    csrs mstatus, t0            /* back to machine mode (mret then leaves MPP = U) */
    li t0, 0x20000
    csrs mstatus, t0            /* MPRV on again */
    mret
