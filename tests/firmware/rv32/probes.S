/* Instructions whose addresses the trap and PMP tests compare with mepc. Each probe is a
 * function: the default trap handling skips a faulting instruction (machine mode) or ends
 * the user call (user mode). */
    .text
    .macro probe name
    .globl \name
    .align 2
\name:
    .endm

probe probe_ecall
    ecall
    ret
    .option push
    .option norvc
probe probe_illegal32
    .word 0xffffffff
    ret
probe probe_ebreak
    ebreak
    ret
    .option pop
probe probe_illegal16
    .hword 0x0000
    ret
probe probe_cebreak
    c.ebreak
    ret
    .option push
    .option norvc
/* uint32_t probe_lw(uint32_t addr) */
probe probe_lw
    lw a0, 0(a0)
    ret
/* void probe_sw(uint32_t addr) */
probe probe_sw
    sw a0, 0(a0)
    ret
/* x0 as the base: the top of the address space (0xffffff00), where nothing is mapped */
probe probe_sw_x0
    sw a5, -256(zero)
    ret
probe probe_lw_x0
    lw a0, -252(zero)
    ret
/* misaligned LR/AMO (a0 = address) */
probe probe_lr
    lr.w a1, (a0)
    ret
probe probe_amo
    amoadd.w a1, a1, (a0)
    ret
/* user-mode CSR access */
probe probe_csr_mstatus
    csrr a0, mstatus
    ret
    .option pop
/* compressed accesses (a0 = address) */
probe probe_clw
    c.lw a0, 0(a0)
    ret
probe probe_csw
    c.sw a0, 0(a0)
    ret
/* uint32_t probe_call(uint32_t target): jumps to target, which must return */
probe probe_call
    jr a0
