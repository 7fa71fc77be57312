/* Guest for tests/engine_in_place.sh: APSR.NZCVQ across an exception. For each of a set of flag
 * values: MSR APSR_nzcvq, svc (the handler sets other flags), MRS APSR after the return; a '1'
 * on the console (semihosting) if the flags came back as they were stacked, else '0'. The
 * in-place register path (sim/cpu/cortexm/direct.c) writes QEMU's separate flag words itself. */
    .syntax unified
    .cpu cortex-m4
    .thumb
    .include "cm4_svc_semihost.inc"

    .thumb_func
svc_handler:
    movs r3, #0                 /* Z set, N, C, V clear: not what any case stacked */
    bx lr

values:
    .word 0x80000000, 0x40000000, 0x20000000, 0x10000000, 0x08000000, 0xf8000000, 0x00000000

    .global reset
    .thumb_func
reset:
    adr r4, values
    movs r5, #7
1:  ldr r6, [r4], #4
    msr APSR_nzcvq, r6
    svc 0
    mrs r7, APSR
    and r7, r7, #0xf8000000
    movs r2, #'1'
    cmp r7, r6
    beq 2f
    movs r2, #'0'
2:  bl putc
    subs r5, r5, #1
    bne 1b
    semihost_exit
