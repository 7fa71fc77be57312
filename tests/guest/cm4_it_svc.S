/* Guest for the IT state across an exception (ARMv7-M ARM B1.5.6/B1.5.8: ITSTATE is stacked
 * with xPSR, cleared for the handler and restored by the return): an svc in the "then" slot of
 * an ITE block whose condition holds. The handler's first instruction must run (no stale IT
 * state), and after the return the "else" instruction must be skipped.
 * RES: [0] r6 after the block (0: the else slot was skipped), [4] r5 set by the handler (0x55). */
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
    .word hang + 1              /* UsageFault */
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
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab

    .thumb_func
svc_handler:
    movs r5, #0x55              /* runs only if the handler starts outside the IT block */
    bx lr

    .thumb_func
hang:
    b hang
    .ltorg
