/* Guest for tests/check_rv32.c: the reproducer of a spurious machine-mode fault. With Smepmp
 * MML, machine code runs from a locked M-only rule; a 2 KiB U-only rule splits a 4 KiB page
 * (a "mixed" page with execute checks); U code there makes an ecall; the handler writes a
 * pmpaddr CSR (the simulator rebuilds its PMP hooks, and Unicorn looks pages up while removing
 * them) and executes a nop. Only the ecall may trap (QEMU 7.2 with x-epmp=true agrees): the
 * guest passes (exit 0) after one trap and fails (exit 1) at a second; tests/fw_epmp_rv32.sh
 * runs it on QEMU and tocksim. */
#include "rv32_common.inc"
    .section .text.start
    .globl _start
_start:
    la t0, handler
    csrw mtvec, t0
    li t1, 4
    csrw 0x747, t1              /* mseccfg.RLB: locked rules may be written */
    la t1, ucode
    srli t1, t1, 2
    ori t1, t1, 0xff            /* NAPOT, 2 KiB */
    csrw pmpaddr0, t1
    li t1, 0x2003ffff           /* NAPOT 0x80000000, 2 MiB: flash */
    csrw pmpaddr1, t1
    li t1, 0x9d1d               /* entry 0: NAPOT R X (U only); entry 1: L NAPOT R X (M only) */
    csrw pmpcfg0, t1
    li t1, 1
    csrw 0x747, t1              /* mseccfg = MML (RLB cleared) */
    la t0, ucode
    csrw mepc, t0
    li t0, 0x1800
    csrc mstatus, t0            /* MPP = U */
    mret

    .align 2
handler:
    log_trap
    li t6, LOG                  /* a second trap is the spurious fault: fail (QEMU exits 1) */
    lw t5, 0(t6)
    li t4, 1
    bne t5, t4, fail
    csrr t5, mcause             /* and the one trap is the ecall from U (8) */
    li t4, 8
    bne t5, t4, fail
    li t1, 0x9d1d
    csrw pmpcfg0, t1            /* a PMP CSR write (the same value) */
    nop
    nop
    pass
fail:
    fail_exit

    .balign 4096
ucode:
    ecall
1:  j 1b
