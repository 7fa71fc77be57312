/* Guest for tests/check_rv32.c: synchronous traps. Each trap is logged (mcause, mepc, mtval,
 * mstatus) by the handler, which then skips the instruction (or, after an ecall from U-mode,
 * returns to machine mode at s11). RES[i] holds the address of probe i for the host. */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    li sp, STACK
    la t0, handler
    csrw mtvec, t0
    mark 0, p_ecall
    mark 1, p_ill32
    mark 2, p_ill16
    mark 3, p_ebreak
    mark 4, p_cebreak
    mark 5, p_amo
    mark 6, p_load
    mark 7, p_store_flash
    mark 8, p_ucsr
    mark 9, p_uecall
    mark 10, p_lr
p_ecall:
    ecall
    .option push
    .option norvc
p_ill32:
    .word 0xffffffff
    .option pop
p_ill16:
    .hword 0x0000
    .option push
    .option norvc
p_ebreak:
    ebreak
    .option pop
p_cebreak:
    c.ebreak
    li t2, RAM + 2
p_amo:
    amoadd.w t1, t1, (t2)
    li t2, 0x10009000
p_load:
    lw t1, 4(t2)
    la t2, _start
p_store_flash:
    sw t1, 8(t2)
    li t2, RAM + 6
p_lr:
    lr.w t1, (t2)
    /* PMP entry 0: everything, NAPOT, RWX (user mode has no access without an entry). */
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    /* To user mode with MIE = 1 (so MPIE = 1 after the next trap), and back. */
    la s11, back
    la t0, user
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0            /* MPP = U */
    li t0, 0x80
    csrs mstatus, t0            /* MPIE = 1: MIE = 1 in user mode */
    mret
user:
p_ucsr:
    csrr t0, mstatus            /* illegal in U-mode */
p_uecall:
    ecall
back:
    pass

    .align 2
handler:
    log_trap
    csrr t0, mcause
    li t1, 8
    bne t0, t1, 1f
    li t0, 0x1800
    csrs mstatus, t0            /* ecall from U: back to machine mode at s11 */
    csrw mepc, s11
    mret
1:  skip_trapping_insn
