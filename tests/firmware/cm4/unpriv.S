/* unpriv_call(): a call into unprivileged thread mode and back (see unpriv.h). */

/*
 * CONTROL.nPRIV (bit 0) drops privilege, CONTROL.SPSEL (bit 1) selects the process stack in
 * thread mode; an ISB makes the change take effect (ARMv7-M ARM DDI0403E, B1.4.4). Unprivileged
 * code cannot clear nPRIV, so the way back is SVC_PRIVILEGED, whose handler clears it.
 */

    .syntax unified
    .thumb
    .text

    .global unpriv_call
    .type unpriv_call, %function
    .thumb_func
unpriv_call:                        @ r0 = fn, r1 = a0, r2 = a1, r3 = psp
    push    {r4-r7, lr}
    msr     psp, r3
    mov     r4, r0
    mov     r0, r1
    mov     r1, r2
    mrs     r3, control
    orr     r3, r3, #3              @ nPRIV | SPSEL
    msr     control, r3
    isb
    blx     r4
    svc     #0xff                   @ SVC_PRIVILEGED
    mrs     r3, control
    bic     r3, r3, #2              @ back to the main stack
    msr     control, r3
    isb
    pop     {r4-r7, pc}
    .size unpriv_call, . - unpriv_call
