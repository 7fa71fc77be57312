/* rv32 firmware start-up, trap entry and user mode calls.
 *
 * Trap entry saves every register in a struct trap_frame (fw.h) on the machine stack and calls
 * trap_dispatch (trap.c), which may change the frame. mscratch holds the machine stack while
 * user code runs, and 0 otherwise, so the entry knows where it came from (as xv6 does). */
    .equ FRAME, 132                 /* 32 registers + mepc */
    .equ MSTATUS_MPP, 0x1800

    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    csrw mscratch, zero
    la t0, trap_entry
    csrw mtvec, t0
    la t0, __data_load              /* .data from flash */
    la t1, __data_start
    la t2, __data_end
1:  bgeu t1, t2, 2f
    lw t3, 0(t0)
    sw t3, 0(t1)
    addi t0, t0, 4
    addi t1, t1, 4
    j 1b
2:  la t1, __bss_start
    la t2, __bss_end
3:  bgeu t1, t2, 4f
    sw zero, 0(t1)
    addi t1, t1, 4
    j 3b
4:  call main
    call fw_exit
5:  j 5b

    .text
    .align 2
    .globl trap_entry
trap_entry:
    csrrw sp, mscratch, sp
    bnez sp, 1f                     /* from user mode: sp is the machine stack now */
    csrrw sp, mscratch, sp          /* from machine mode: back to its stack, mscratch 0 */
1:  addi sp, sp, -FRAME
    sw x1, 4(sp)
    sw x3, 12(sp)
    sw x4, 16(sp)
    sw x5, 20(sp)
    sw x6, 24(sp)
    sw x7, 28(sp)
    sw x8, 32(sp)
    sw x9, 36(sp)
    sw x10, 40(sp)
    sw x11, 44(sp)
    sw x12, 48(sp)
    sw x13, 52(sp)
    sw x14, 56(sp)
    sw x15, 60(sp)
    sw x16, 64(sp)
    sw x17, 68(sp)
    sw x18, 72(sp)
    sw x19, 76(sp)
    sw x20, 80(sp)
    sw x21, 84(sp)
    sw x22, 88(sp)
    sw x23, 92(sp)
    sw x24, 96(sp)
    sw x25, 100(sp)
    sw x26, 104(sp)
    sw x27, 108(sp)
    sw x28, 112(sp)
    sw x29, 116(sp)
    sw x30, 120(sp)
    sw x31, 124(sp)
    csrr t0, mscratch               /* the interrupted sp: user's, or ours before the frame */
    bnez t0, 2f
    addi t0, sp, FRAME
2:  sw t0, 8(sp)
    csrw mscratch, zero
    csrr t0, mepc
    sw t0, 128(sp)
    mv a0, sp
    call trap_dispatch
    lw t0, 128(sp)
    csrw mepc, t0
    csrr t0, mstatus                /* back to user mode: mscratch = our stack again */
    li t1, MSTATUS_MPP
    and t0, t0, t1
    bnez t0, 3f
    addi t0, sp, FRAME
    csrw mscratch, t0
3:  lw x1, 4(sp)
    lw x3, 12(sp)
    lw x4, 16(sp)
    lw x5, 20(sp)
    lw x6, 24(sp)
    lw x7, 28(sp)
    lw x8, 32(sp)
    lw x9, 36(sp)
    lw x10, 40(sp)
    lw x11, 44(sp)
    lw x12, 48(sp)
    lw x13, 52(sp)
    lw x14, 56(sp)
    lw x15, 60(sp)
    lw x16, 64(sp)
    lw x17, 68(sp)
    lw x18, 72(sp)
    lw x19, 76(sp)
    lw x20, 80(sp)
    lw x21, 84(sp)
    lw x22, 88(sp)
    lw x23, 92(sp)
    lw x24, 96(sp)
    lw x25, 100(sp)
    lw x26, 104(sp)
    lw x27, 108(sp)
    lw x28, 112(sp)
    lw x29, 116(sp)
    lw x30, 120(sp)
    lw x31, 124(sp)
    lw x2, 8(sp)
    mret

/* uint32_t user_call(uint32_t (*fn)(uint32_t), uint32_t arg): fn(arg) in user mode. User code
 * returns to user_exit, whose ecall brings the value back; trap.c then resumes machine mode at
 * user_return with a0 = the value (or USER_FAULTED after a fault in user mode). */
    .globl user_call, user_exit, user_return
user_call:
    addi sp, sp, -64
    sw ra, 0(sp)
    sw s0, 4(sp)
    sw s1, 8(sp)
    sw s2, 12(sp)
    sw s3, 16(sp)
    sw s4, 20(sp)
    sw s5, 24(sp)
    sw s6, 28(sp)
    sw s7, 32(sp)
    sw s8, 36(sp)
    sw s9, 40(sp)
    sw s10, 44(sp)
    sw s11, 48(sp)
    sw gp, 52(sp)
    la t0, user_saved_sp
    sw sp, 0(t0)
    csrw mepc, a0
    li t0, MSTATUS_MPP
    csrc mstatus, t0                /* MPP = U */
    csrw mscratch, sp
    mv a0, a1
    la sp, __user_stack_top
    la ra, user_exit
    mret
user_exit:
    ecall                           /* a0 = the user function's value */
user_return:
    la t0, user_saved_sp
    lw sp, 0(t0)
    lw ra, 0(sp)
    lw s0, 4(sp)
    lw s1, 8(sp)
    lw s2, 12(sp)
    lw s3, 16(sp)
    lw s4, 20(sp)
    lw s5, 24(sp)
    lw s6, 28(sp)
    lw s7, 32(sp)
    lw s8, 36(sp)
    lw s9, 40(sp)
    lw s10, 44(sp)
    lw s11, 48(sp)
    lw gp, 52(sp)
    addi sp, sp, 64
    ret

    .bss
    .align 2
user_saved_sp:
    .word 0
