/*
 * crt0: the first code of every app. The kernel calls _start in unprivileged thread mode:
 *   r0 = address of the app binary in flash (TBF start + header + protected trailer),
 *        which is where the linker put .crt0_header (app.ld)
 *   r1 = start of the process's RAM     r2 = its length     r3 = the initial program break
 * and sp somewhere below the initial break (Tock: at the break).
 *
 * It (1) grows the break to cover stack + GOT + data + bss, never shrinking it (the kernel's
 * initial stack may sit just below the initial break), (2) moves sp to the top of the stack
 * at the bottom of RAM, (3) copies the GOT and fixes every entry, copies .data, zeroes .bss,
 * applies the relocation block to .data, (4) sets r9 to the GOT and calls main. If main
 * returns, the app keeps serving upcalls: yield-wait forever (libtock-c does the same).
 *
 * Fix-up rule for a linked address v (app.ld): 0 stays 0 (undefined weak); bit 31 set means
 * flash, so v - 0x80000000 + r0; otherwise RAM, so v + r1.
 */
    .syntax unified
    .thumb

    .equ CRT0_GOT_LOAD,   0
    .equ CRT0_GOT_START,  4
    .equ CRT0_GOT_SIZE,   8
    .equ CRT0_DATA_LOAD,  12
    .equ CRT0_DATA_START, 16
    .equ CRT0_DATA_SIZE,  20
    .equ CRT0_BSS_START,  24
    .equ CRT0_BSS_SIZE,   28
    .equ CRT0_RELOC,      32
    .equ CRT0_STACK_TOP,  36
    .equ CRT0_RAM_END,    40

    .equ MEMOP_BRK,        0
    .equ MEMOP_STACK_TOP,  10
    .equ MEMOP_HEAP_START, 11
    .equ SUCCESS,          128

/* v (in reg) := fixed-up v, with r4 = flash base, r5 = RAM base. Uses no other register. */
    .macro FIXUP reg
    cbz     \reg, 9f
    tst     \reg, #0x80000000
    itte    ne
    subne   \reg, \reg, #0x80000000
    addne   \reg, \reg, r4
    addeq   \reg, \reg, r5
9:
    .endm

    .section .start, "ax", %progbits
    .global _start
    .type _start, %function
    .thumb_func
_start:
    mov     r4, r0                      /* r4 = flash base (the crt0 header) */
    mov     r5, r1                      /* r5 = RAM base */
    ldr     r6, [r4, #CRT0_RAM_END]
    add     r6, r6, r5                  /* r6 = break we need = heap start */
    cmp     r6, r3
    bls     1f
    movs    r0, #MEMOP_BRK
    mov     r1, r6
    svc     5
    cmp     r0, #SUCCESS
    beq     1f
    movs    r0, #0                      /* no memory: exit-terminate, completion code 1 */
    movs    r1, #1
    svc     6
1:
    ldr     r0, [r4, #CRT0_STACK_TOP]
    add     r0, r0, r5
    bic     r0, r0, #7
    mov     sp, r0
    mov     r1, r0                      /* tell the kernel where stack and heap are */
    movs    r0, #MEMOP_STACK_TOP
    svc     5
    movs    r0, #MEMOP_HEAP_START
    mov     r1, r6
    svc     5

    /* GOT: copy from flash, fixing every entry. */
    ldr     r0, [r4, #CRT0_GOT_LOAD]
    add     r0, r0, r4
    ldr     r1, [r4, #CRT0_GOT_START]
    add     r1, r1, r5
    ldr     r2, [r4, #CRT0_GOT_SIZE]
2:  cbz     r2, 3f
    ldr     r3, [r0], #4
    FIXUP   r3
    str     r3, [r1], #4
    subs    r2, r2, #4
    b       2b
3:
    /* .data: copy initial values. */
    ldr     r0, [r4, #CRT0_DATA_LOAD]
    add     r0, r0, r4
    ldr     r1, [r4, #CRT0_DATA_START]
    add     r1, r1, r5
    ldr     r2, [r4, #CRT0_DATA_SIZE]
4:  cbz     r2, 5f
    ldr     r3, [r0], #4
    str     r3, [r1], #4
    subs    r2, r2, #4
    b       4b
5:
    /* .bss: zero, 16 bytes per store while they last (r0, r6, r7 are free here: a restart
     * of an app with a few KiB of .bss was thousands of instructions), then word by word. */
    ldr     r1, [r4, #CRT0_BSS_START]
    add     r1, r1, r5
    ldr     r2, [r4, #CRT0_BSS_SIZE]
    movs    r0, #0
    movs    r3, #0
    movs    r6, #0
    movs    r7, #0
6:  cmp     r2, #16
    blo     12f
    stmia   r1!, {r0, r3, r6, r7}
    subs    r2, r2, #16
    b       6b
12: cbz     r2, 7f
    str     r3, [r1], #4
    subs    r2, r2, #4
    b       12b
7:
    /* Relocations: u32 byte count, then (r_offset, r_info) pairs; fix the word at RAM+off. */
    ldr     r0, [r4, #CRT0_RELOC]
    add     r0, r0, r4
    ldr     r2, [r0], #4
8:  cbz     r2, 10f
    ldr     r1, [r0], #8                /* r_offset; r_info was checked by elf2tbf */
    add     r1, r1, r5
    ldr     r3, [r1]
    FIXUP   r3
    str     r3, [r1]
    subs    r2, r2, #8
    b       8b
10:
    ldr     r0, [r4, #CRT0_GOT_START]
    add     r9, r0, r5
    bl      main
11: movs    r0, #1                      /* yield-wait, forever */
    svc     0
    b       11b
    .size _start, . - _start
