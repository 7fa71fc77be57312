/* Guest for tests/engine_in_place.sh: CONTROL.FPCA across an exception. An FP instruction in
 * thread mode makes the FP context active (FPCA = 1); exception entry clears it, and a return
 * with a basic frame (EXC_RETURN bit 4 set) leaves it clear (ARMv7-M ARM B1.5.6, B1.5.8).
 * tocksim stacks basic frames only (the FPU's lazy stacking is a known gap, doc/cpu-cortexm.md),
 * so the program prints CONTROL as a digit three times through semihosting -- before the svc,
 * in its handler, after it -- as "400". QEMU keeps FPCA in a word of its own, which the in-place
 * register path (sim/cpu/cortexm/direct.c) must write as the API path does. */
    .syntax unified
    .cpu cortex-m4
    .fpu fpv4-sp-d16
    .thumb
    .equ CPACR, 0xe000ed88
    .include "cm4_svc_semihost.inc"

    .thumb_func
print_control:                  /* putc of '0' + CONTROL */
    mrs r2, control
    adds r2, r2, #'0'
    b putc

    .thumb_func
svc_handler:
    push {lr}
    bl print_control
    pop {pc}

    .global reset
    .thumb_func
reset:
    ldr r0, =CPACR              /* CP10, CP11: full access */
    ldr r1, [r0]
    orr r1, r1, #(0xf << 20)
    str r1, [r0]
    dsb
    isb
    vmov s0, r0                 /* the FP context is active now */
    bl print_control
    svc 0
    bl print_control
    semihost_exit
