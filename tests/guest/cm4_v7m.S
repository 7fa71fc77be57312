/* Guest: the core is ARMv7-M, not ARMv8-M. TT (an ARMv8-M instruction: test target) must be
 * UNDEFINED on a Cortex-M4 and raise a UsageFault with UNDEFINSTR at its own address; Unicorn
 * built with UC_MODE_MCLASS is a Cortex-M33 whatever model is asked for, and executes it.
 * RES: [0] UsageFaults taken, [4] CFSR, [8] stacked PC, [12] r0 after the probe (unchanged:
 *      0x1234), [16] address of the probe. */
    .syntax unified
    .thumb
    .equ RES, 0x2000f100
    .equ SHCSR, 0xe000ed24
    .equ CFSR, 0xe000ed28

    .section .vectors, "a"
    .word 0x2000e000            /* initial MSP */
    .word reset + 1
    .word hang + 1              /* NMI */
    .word hang + 1              /* HardFault */
    .word hang + 1              /* MemManage */
    .word hang + 1              /* BusFault */
    .word usage + 1             /* UsageFault */

    .text
    .thumb_func
reset:
    ldr r4, =RES
    ldr r0, =probe_tt
    str r0, [r4, #16]
    ldr r0, =SHCSR
    mov r1, #(1 << 18)          /* UsageFault enabled */
    str r1, [r0]
    ldr r0, =0x1234
    ldr r1, =0x20000000
probe_tt:
    .inst.w 0xe841f000          /* tt r0, r1 (ARMv8-M; the M4 assembler has no mnemonic) */
    str r0, [r4, #12]
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab

    .thumb_func
usage:
    ldr r2, =RES
    ldr r3, [r2]
    adds r3, #1
    str r3, [r2]
    ldr r1, =CFSR
    ldr r3, [r1]
    str r3, [r2, #4]
    str r3, [r1]                /* write-1-to-clear */
    ldr r3, [sp, #24]           /* stacked return address */
    str r3, [r2, #8]
    adds r3, #4                 /* skip the 32-bit instruction */
    str r3, [sp, #24]
    bx lr

    .thumb_func
hang:
    b hang
    .ltorg
