/* Guest for the usage-fault traps Unicorn's core lacks (sim/cpu/cortexm/guard.c): an sdiv by
 * zero with CCR.DIV_0_TRP, an unaligned ldr.w with CCR.UNALIGN_TRP, a vmov with CPACR = 0, then
 * the same three with the traps off / CPACR granting CP10-CP11 (no faults). The UsageFault
 * handler records CFSR and the stacked PC, clears CFSR and skips the 4-byte instruction.
 * RES: [0] faults taken, [4 + 8k] CFSR of fault k, [8 + 8k] its stacked PC;
 *      [0x40] r0 after the trapped sdiv (unchanged: 77), [0x44] r0 of the untrapped sdiv (0),
 *      [0x48] addresses of the three probes (sdiv, ldr, vmov), 4 bytes each;
 *      [0x54] r0 after the IT-block probes. */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .equ RES, 0x2000f100
    .equ SHCSR, 0xe000ed24
    .equ CCR, 0xe000ed14
    .equ CPACR, 0xe000ed88
    .include "cm4_usage.inc"
    usage_vectors

    .thumb_func
reset:
    ldr r4, =RES
    ldr r0, =probe_div
    str r0, [r4, #0x48]
    ldr r0, =probe_ldr
    str r0, [r4, #0x4c]
    ldr r0, =probe_fp
    str r0, [r4, #0x50]
    ldr r0, =probe_it_div
    str r0, [r4, #0x58]
    ldr r0, =probe_it_ldr
    str r0, [r4, #0x5c]
    ldr r0, =SHCSR
    mov r1, #(1 << 18)          /* UsageFault enabled */
    str r1, [r0]
    ldr r5, =CCR
    ldr r0, [r5]
    orr r0, r0, #((1 << 4) | (1 << 3))  /* DIV_0_TRP, UNALIGN_TRP */
    str r0, [r5]
    bl probes
    str r0, [r4, #0x40]
    bl it_probes
    str r0, [r4, #0x54]
    ldr r0, [r5]
    bic r0, r0, #((1 << 4) | (1 << 3))
    str r0, [r5]
    ldr r0, =CPACR
    mov r1, #(0xf << 20)        /* CP10, CP11: full access */
    str r1, [r0]
    dsb
    isb
    bl probes
    str r0, [r4, #0x44]
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab

/* With DIV_0_TRP and UNALIGN_TRP on: the same divide and unaligned load in IT blocks whose
 * condition fails (nothing runs), then passes: tocksim cannot trap inside an IT block
 * (sim/cpu/cortexm/guard.c), so they run untrapped (r0 = 5 / 0 = 0) and no fault is taken. */
    .thumb_func
it_probes:
    movs r0, #5
    movs r1, #0
    ldr r2, =RES + 1
    cmp r0, r0                  /* Z = 1: "ne" fails */
    itt ne
    sdivne r0, r0, r1
    ldrne.w r3, [r2]
    cmp r0, #6                  /* Z = 0: "ne" passes */
    itt ne
probe_it_div:
    sdivne r0, r0, r1
probe_it_ldr:
    ldrne.w r3, [r2]
    bx lr

/* r0 = 77 / 0 (r0 unchanged if trapped), then an unaligned load, then an FP move. */
    .thumb_func
probes:
    movs r0, #77
    movs r1, #0
    ldr r2, =RES + 1
probe_div:
    sdiv r0, r0, r1
probe_ldr:
    ldr.w r3, [r2]
probe_fp:
    vmov s0, r3
    bx lr

    usage_recorder
