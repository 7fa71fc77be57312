/*
 * crt0 for RISC-V apps: the first code of every app. The kernel calls _start in user mode:
 *   a0 = address of the app binary in flash (TBF start + header + protected trailer)
 *   a1 = start of the process's RAM     a2 = its length     a3 = the initial program break
 * and sp at the initial break (TRD104's process start, as on Cortex-M).
 *
 * RISC-V apps are linked for one fixed flash and RAM address (app.ld; the TBF's
 * FixedAddresses TLV tells the kernel, which starts them only there), as libtock-c links
 * them: GCC has no RISC-V equivalent of ARM's -msingle-pic-base, so code cannot reach data
 * that moves independently of it. Hence no relocation: crt0 (1) checks it runs where it was
 * linked, (2) grows the break to cover stack + data + bss, never shrinking it, (3) moves sp to
 * the top of the stack at the bottom of RAM, (4) copies .data, zeroes .bss, sets gp and calls
 * main. If main returns, the app keeps serving upcalls: yield-wait forever.
 */
    .equ MEMOP_BRK,        0
    .equ MEMOP_STACK_TOP,  10
    .equ MEMOP_HEAP_START, 11
    .equ SUCCESS,          128
    .equ YIELD,            0
    .equ MEMOP,            5
    .equ EXIT,             6

    .section .start, "ax"
    .global _start
    .type _start, @function
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      t0, _flash_origin           /* linked for this place? */
    bne     a0, t0, wrong_place
    la      t0, _ram_origin
    bne     a1, t0, wrong_place
    la      s1, _ram_end                /* s1 = break we need = heap start */
    bleu    s1, a3, 1f
    li      a4, MEMOP
    li      a0, MEMOP_BRK
    mv      a1, s1
    ecall
    li      t0, SUCCESS
    beq     a0, t0, 1f
    li      a1, 1                       /* no memory: exit-terminate, completion code 1 */
    j       exit
1:
    la      sp, _stack_top
    li      a4, MEMOP                   /* tell the kernel where stack and heap are */
    li      a0, MEMOP_STACK_TOP
    mv      a1, sp
    ecall
    li      a0, MEMOP_HEAP_START
    mv      a1, s1
    ecall

    la      t0, _data_load              /* .data: copy initial values */
    la      t1, _data_start
    la      t2, _data_end
2:  bgeu    t1, t2, 3f
    lw      t3, 0(t0)
    sw      t3, 0(t1)
    addi    t0, t0, 4
    addi    t1, t1, 4
    j       2b
3:  la      t1, _bss_start              /* .bss: zero, 16 bytes per turn while they last */
    la      t2, _bss_end
4:  addi    t3, t1, 16
    bltu    t2, t3, 7f
    sw      zero, 0(t1)
    sw      zero, 4(t1)
    sw      zero, 8(t1)
    sw      zero, 12(t1)
    mv      t1, t3
    j       4b
7:  bgeu    t1, t2, 5f                  /* the last words */
    sw      zero, 0(t1)
    addi    t1, t1, 4
    j       7b
5:
    call    main
6:  li      a4, YIELD                   /* yield-wait, forever */
    li      a0, 1
    ecall
    j       6b

wrong_place:                            /* exit-terminate, completion code 2 */
    li      a1, 2
exit:
    li      a4, EXIT
    li      a0, 0
    ecall
    j       exit
    .size _start, . - _start
