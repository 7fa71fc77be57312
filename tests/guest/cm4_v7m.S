/* Guest: the core is ARMv7-M, not ARMv8-M. TT (an ARMv8-M instruction: test target) must be
 * UNDEFINED on a Cortex-M4 and raise a UsageFault with UNDEFINSTR at its own address; Unicorn
 * built with UC_MODE_MCLASS is a Cortex-M33 whatever model is asked for, and executes it.
 * RES: the UsageFault log of cm4_usage.inc ([0] count, [4] CFSR, [8] stacked PC);
 *      [0x40] r0 after the probe (unchanged: 0x1234), [0x44] address of the probe. */
    .syntax unified
    .thumb
    .equ RES, 0x2000f100
    .equ SHCSR, 0xe000ed24
    .include "cm4_usage.inc"
    usage_vectors

    .thumb_func
reset:
    ldr r4, =RES
    ldr r0, =probe_tt
    str r0, [r4, #0x44]
    ldr r0, =SHCSR
    mov r1, #(1 << 18)          /* UsageFault enabled */
    str r1, [r0]
    ldr r0, =0x1234
    ldr r1, =0x20000000
probe_tt:
    .inst.w 0xe841f000          /* tt r0, r1 (ARMv8-M; the M4 assembler has no mnemonic) */
    str r0, [r4, #0x40]
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab

    usage_recorder
