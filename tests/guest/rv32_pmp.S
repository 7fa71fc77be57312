/* Guest for the PMP matrix of tests/check_rv32.c: programs the PMP from CMD, performs one
 * access in user or machine mode and logs the first trap (rv32_common.inc). Then passes.
 * CMD: [0] address, [1] op (0 lw, 1 sw, 2 execute, 3 c.lw, 4 c.sw), [2] 1 = machine mode,
 *      [3] mseccfg, [4..7] pmpcfg0-3, [8..23] pmpaddr0-15.
 * RES: [0] address of the load, [1] of the store, [2] of c.lw, [3] of c.sw; a1 = value read.
 * Any trap resumes in machine mode at `done`; no trap: the probe goes to `done` itself
 * (user mode through an ecall, which is then the logged trap). */
#include "rv32_common.inc"
    .macro setcsr csr, off
    lw t1, \off(t0)
    csrw \csr, t1
    .endm

    .section .text.start
    .globl _start
_start:
    li sp, STACK
    la t0, handler
    csrw mtvec, t0
    mark 0, p_lw
    mark 1, p_sw
    mark 2, p_clw
    mark 3, p_csw
    li t0, CMD
    /* With MML, machine mode may only execute through a rule: first a temporary locked
     * M-mode RX rule for flash (entry 15, allowed while RLB = 1), then MML, then the
     * entries (RLB lets them replace locked ones), then mseccfg as asked (RLB cleared). */
    lw s4, 12(t0)
    andi t1, s4, 1
    beqz t1, 1f
    li t1, 4
    csrw 0x747, t1          /* RLB */
    li t1, 0x2003ffff       /* NAPOT 0x80000000, 2 MiB */
    csrw pmpaddr15, t1
    li t1, 0x9d000000       /* entry 15: L, NAPOT, R, X */
    csrw pmpcfg3, t1
    li t1, 5
    csrw 0x747, t1          /* RLB | MML */
1:  setcsr pmpaddr0, 32
    setcsr pmpaddr1, 36
    setcsr pmpaddr2, 40
    setcsr pmpaddr3, 44
    setcsr pmpaddr4, 48
    setcsr pmpaddr5, 52
    setcsr pmpaddr6, 56
    setcsr pmpaddr7, 60
    setcsr pmpaddr8, 64
    setcsr pmpaddr9, 68
    setcsr pmpaddr10, 72
    setcsr pmpaddr11, 76
    setcsr pmpaddr12, 80
    setcsr pmpaddr13, 84
    setcsr pmpaddr14, 88
    setcsr pmpcfg0, 16
    setcsr pmpcfg1, 20
    setcsr pmpcfg2, 24
    setcsr pmpaddr15, 92    /* entry 15 last: it may be the temporary rule */
    setcsr pmpcfg3, 28
    setcsr 0x747, 12        /* mseccfg */
    lw a0, 0(t0)            /* address */
    lw s2, 4(t0)            /* op */
    lw s3, 8(t0)            /* machine mode? */
    la s11, done
    la t1, probe
    bnez s3, probe          /* machine mode: run the probe here */
    csrw mepc, t1
    li t1, 0x1800
    csrc mstatus, t1        /* MPP = U */
    mret

probe:
    li t1, 1
    beq s2, t1, p_sw
    li t1, 2
    beq s2, t1, p_x
    li t1, 3
    beq s2, t1, p_clw
    li t1, 4
    beq s2, t1, p_csw
p_lw:
    lw a1, 0(a0)
    j p_end
p_sw:
    sw s2, 0(a0)
    j p_end
p_clw:
    c.lw a1, 0(a0)
    j p_end
p_csw:
    c.sw a0, 0(a0)
    j p_end
p_x:
    jalr a0                 /* the host put an ecall there */
p_end:
    bnez s3, done
    ecall                   /* user mode: back to machine mode */
done:
    pass

    .align 2
handler:
    log_trap
    li t0, LOG
    lw t1, 0(t0)
    li t2, 1
    bne t1, t2, 1f          /* only the first trap is a probe result */
1:  li t0, 0x1800
    csrs mstatus, t0        /* resume in machine mode at `done` */
    csrw mepc, s11
    mret
