/* Guest for the IT state across an exception (ARMv7-M ARM B1.5.6/B1.5.8: ITSTATE is stacked
 * with xPSR, cleared for the handler and restored by the return): an svc in the "then" slot of
 * an ITE block whose condition holds. The handler's first instruction must run (no stale IT
 * state), and after the return the "else" instruction must be skipped.
 * Then, with CCR.DIV_0_TRP on, the trap hook must know where the block ends after the return:
 * an sdiv by zero just after the block traps; one inside the block (resumed after an svc) is
 * not trapped (Unicorn cannot stop inside an IT block; it runs untrapped and gives 0).
 * RES: [0] r6 after the block (0: the else slot was skipped), [4] r5 set by the handler (0x55),
 *      [8] UsageFaults taken, [12] stacked PC of the first, [16] address of the sdiv after the
 *      block, [20] r0 after the sdiv inside the block (0). */
    .syntax unified
    .thumb
    .equ RES, 0x2000f100

    .section .vectors, "a"
    .word 0x2000e000            /* initial MSP */
    .word reset + 1
    .word hang + 1              /* NMI */
    .word hang + 1              /* HardFault */
    .word hang + 1              /* MemManage */
    .word hang + 1              /* BusFault */
    .word usage + 1             /* UsageFault */
    .word 0, 0, 0, 0
    .word svc_handler + 1       /* SVCall */

    .text
    .thumb_func
reset:
    movs r5, #0
    movs r6, #0
    cmp r0, r0                  /* Z = 1 */
    ite eq
    svceq #0
    movne.w r6, #1              /* the else slot: must not run */
    ldr r4, =RES
    str r6, [r4, #0]
    str r5, [r4, #4]
    ldr r0, =0xe000ed24         /* SHCSR: UsageFault enabled */
    mov r1, #(1 << 18)
    str r1, [r0]
    ldr r0, =0xe000ed14         /* CCR: DIV_0_TRP */
    ldr r1, [r0]
    orr r1, r1, #(1 << 4)
    str r1, [r0]
    isb
    ldr r0, =after_block
    str r0, [r4, #16]
    movs r1, #0
    movs r2, #9
    cmp r0, r0                  /* Z = 1 */
    ite eq
    svceq #0
    movne.w r6, #1
after_block:
    sdiv r0, r2, r1             /* outside the block: traps */
    cmp r0, r0
    itt eq
    svceq #0
    sdiveq r0, r2, r1           /* inside the block after the return: runs untrapped, 0 */
    str r0, [r4, #20]
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab

    .thumb_func
svc_handler:
    movs r5, #0x55              /* runs only if the handler starts outside the IT block */
    bx lr

    .thumb_func
usage:
    ldr r12, =RES
    ldr r3, [r12, #8]
    adds r3, #1
    str r3, [r12, #8]
    ldr r3, [sp, #24]           /* stacked PC */
    str r3, [r12, #12]
    adds r3, #4                 /* skip the 32-bit sdiv */
    str r3, [sp, #24]
    ldr r3, =0xe000ed28         /* CFSR: write-1-to-clear */
    ldr r2, [r3]
    str r2, [r3]
    bx lr

    .thumb_func
hang:
    b hang
    .ltorg
