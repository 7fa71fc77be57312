/* RISC-V context switch and trap entry: the kernel <-> process boundary.
 *
 * The kernel runs in machine mode with interrupts globally masked (mstatus.MIE = 0, always);
 * a process runs in user mode, where machine interrupts are taken whatever MIE says (privileged
 * spec 3.1.6.1). To run a process the kernel saves its callee-saved registers on its own stack,
 * puts the process's context pointer in mscratch, loads the process's registers and executes
 * mret. Any trap from the process (ecall, fault, interrupt) enters rv32_trap_entry: mscratch is
 * not 0, so it saves all the process's registers, mepc, mcause and mtval into the context,
 * restores the kernel's stack and returns from rv32_run_process. arch.c turns mcause into the
 * reason. While the kernel runs, mscratch is 0: a trap then is a kernel fault.
 * (xv6's and Tock's rv32i trap entries work the same way.)
 */
#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"

    .text

/* void rv32_run_process(struct arch_context *ctx) */
    .global rv32_run_process
    .type rv32_run_process, @function
rv32_run_process:
    addi    sp, sp, -64
    sw      ra, 0(sp)
    sw      gp, 4(sp)
    sw      tp, 8(sp)
    sw      s0, 12(sp)
    sw      s1, 16(sp)
    sw      s2, 20(sp)
    sw      s3, 24(sp)
    sw      s4, 28(sp)
    sw      s5, 32(sp)
    sw      s6, 36(sp)
    sw      s7, 40(sp)
    sw      s8, 44(sp)
    sw      s9, 48(sp)
    sw      s10, 52(sp)
    sw      s11, 56(sp)
    sw      sp, RV32_CTX_KERNEL_SP(a0)
    csrw    mscratch, a0
    lw      t0, RV32_CTX_PC(a0)
    csrw    mepc, t0
    li      t0, MSTATUS_MPP
    csrc    mstatus, t0             /* mret goes to user mode */
    lw      x1, 4(a0)
    lw      x2, 8(a0)
    lw      x3, 12(a0)
    lw      x4, 16(a0)
    lw      x5, 20(a0)
    lw      x6, 24(a0)
    lw      x7, 28(a0)
    lw      x8, 32(a0)
    lw      x9, 36(a0)
    lw      x11, 44(a0)
    lw      x12, 48(a0)
    lw      x13, 52(a0)
    lw      x14, 56(a0)
    lw      x15, 60(a0)
    lw      x16, 64(a0)
    lw      x17, 68(a0)
    lw      x18, 72(a0)
    lw      x19, 76(a0)
    lw      x20, 80(a0)
    lw      x21, 84(a0)
    lw      x22, 88(a0)
    lw      x23, 92(a0)
    lw      x24, 96(a0)
    lw      x25, 100(a0)
    lw      x26, 104(a0)
    lw      x27, 108(a0)
    lw      x28, 112(a0)
    lw      x29, 116(a0)
    lw      x30, 120(a0)
    lw      x31, 124(a0)
    lw      x10, 40(a0)
    mret
    .size rv32_run_process, . - rv32_run_process

/* The trap vector: mtvec in direct mode, so 4-byte aligned. */
    .global rv32_trap_entry
    .type rv32_trap_entry, @function
    .align 2
rv32_trap_entry:
    csrrw   t0, mscratch, t0        /* t0 = the process's context (0: from the kernel) */
    beqz    t0, from_kernel
    sw      x1, 4(t0)
    sw      x2, 8(t0)
    sw      x3, 12(t0)
    sw      x4, 16(t0)
    sw      x6, 24(t0)
    sw      x7, 28(t0)
    sw      x8, 32(t0)
    sw      x9, 36(t0)
    sw      x10, 40(t0)
    sw      x11, 44(t0)
    sw      x12, 48(t0)
    sw      x13, 52(t0)
    sw      x14, 56(t0)
    sw      x15, 60(t0)
    sw      x16, 64(t0)
    sw      x17, 68(t0)
    sw      x18, 72(t0)
    sw      x19, 76(t0)
    sw      x20, 80(t0)
    sw      x21, 84(t0)
    sw      x22, 88(t0)
    sw      x23, 92(t0)
    sw      x24, 96(t0)
    sw      x25, 100(t0)
    sw      x26, 104(t0)
    sw      x27, 108(t0)
    sw      x28, 112(t0)
    sw      x29, 116(t0)
    sw      x30, 120(t0)
    sw      x31, 124(t0)
    csrrw   t1, mscratch, zero      /* the process's t0; mscratch = 0: back in the kernel */
    sw      t1, 20(t0)
    csrr    t1, mepc
    sw      t1, RV32_CTX_PC(t0)
    csrr    t1, mcause
    sw      t1, RV32_CTX_MCAUSE(t0)
    /* mtval is 0 for an ecall (privileged spec, 3.1.16): a system call reads one CSR fewer
     * (each is a call into the simulator's CSR code). t2 is saved already. */
    li      t2, EXC_ECALL_U
    sw      zero, RV32_CTX_MTVAL(t0)
    beq     t1, t2, 1f
    csrr    t1, mtval
    sw      t1, RV32_CTX_MTVAL(t0)
1:
    lw      sp, RV32_CTX_KERNEL_SP(t0)
    lw      ra, 0(sp)
    lw      gp, 4(sp)
    lw      tp, 8(sp)
    lw      s0, 12(sp)
    lw      s1, 16(sp)
    lw      s2, 20(sp)
    lw      s3, 24(sp)
    lw      s4, 28(sp)
    lw      s5, 32(sp)
    lw      s6, 36(sp)
    lw      s7, 40(sp)
    lw      s8, 44(sp)
    lw      s9, 48(sp)
    lw      s10, 52(sp)
    lw      s11, 56(sp)
    addi    sp, sp, 64
    ret                             /* from rv32_run_process */

/* A trap in machine mode: the kernel faulted (interrupts are never enabled in machine mode).
 * Its stack may be what broke, so the report runs on a stack of its own. */
from_kernel:
    csrrw   t0, mscratch, t0        /* the kernel's t0 again; mscratch = 0 */
    csrw    mscratch, sp
    la      sp, rv32_trap_stack_top
    addi    sp, sp, -128
    sw      x1, 4(sp)
    sw      x3, 12(sp)
    sw      x4, 16(sp)
    sw      x5, 20(sp)
    sw      x6, 24(sp)
    sw      x7, 28(sp)
    sw      x8, 32(sp)
    sw      x9, 36(sp)
    sw      x10, 40(sp)
    sw      x11, 44(sp)
    sw      x12, 48(sp)
    sw      x13, 52(sp)
    sw      x14, 56(sp)
    sw      x15, 60(sp)
    sw      x16, 64(sp)
    sw      x17, 68(sp)
    sw      x18, 72(sp)
    sw      x19, 76(sp)
    sw      x20, 80(sp)
    sw      x21, 84(sp)
    sw      x22, 88(sp)
    sw      x23, 92(sp)
    sw      x24, 96(sp)
    sw      x25, 100(sp)
    sw      x26, 104(sp)
    sw      x27, 108(sp)
    sw      x28, 112(sp)
    sw      x29, 116(sp)
    sw      x30, 120(sp)
    sw      x31, 124(sp)
    csrr    t0, mscratch
    sw      t0, 8(sp)               /* the kernel's sp */
    csrw    mscratch, zero
    mv      a0, sp
    call    rv32_kernel_trap        /* does not return */
    .size rv32_trap_entry, . - rv32_trap_entry

    .bss
    .align 4
rv32_trap_stack:
    .space 512
rv32_trap_stack_top:
