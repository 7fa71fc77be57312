/* A vectored trap table (mtvec mode 1): exceptions at the base, interrupt n at base + 4n. All
 * entries lead to the common trap entry, which reads mcause. */
    .text
    .align 6
    .globl vectors
    .option push
    .option norvc
vectors:
    .rept 16
    j trap_entry
    .endr
    .option pop
