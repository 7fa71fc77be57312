/* Common exception entry: hands the stacked frame and EXC_RETURN to exc_dispatch(). */

/*
 * On entry LR holds EXC_RETURN; its bit 2 says which stack holds the 8-word frame
 * (ARMv7-M ARM DDI0403E, B1.5.6-B1.5.8). IPSR holds the exception number.
 * exc_dispatch(frame, exc_return, exc) is an ordinary AAPCS function; returning through
 * the pushed LR (EXC_RETURN) performs the exception return.
 */

    .syntax unified
    .thumb
    .text

    .global exc_entry
    .type exc_entry, %function
    .thumb_func
exc_entry:
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    mov     r1, lr
    mrs     r2, ipsr
    push    {r4, lr}            @ r4 keeps the main stack 8-byte aligned
    bl      exc_dispatch
    pop     {r4, pc}
    .size exc_entry, . - exc_entry
