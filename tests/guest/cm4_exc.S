/* Guest for the exception-model test: nested preemption by priority, tail-chaining, pending
 * while masked by PRIMASK and BASEPRI, PendSV, and SVC from unprivileged thread mode on PSP.
 * Handlers append one letter each to a log at LOG+4 (LOG holds the write pointer); SVC details
 * go to RES. The host compares the log with the architecturally required order. */
    .syntax unified
    .thumb
    .equ LOG, 0x2000f200
    .equ RES, 0x2000f100
    .equ NVIC_ISER, 0xe000e100
    .equ NVIC_ISPR, 0xe000e200
    .equ NVIC_IPR, 0xe000e400
    .equ ICSR, 0xe000ed04

    .macro log letter
    ldr r0, =LOG
    ldr r1, [r0]
    movs r2, #\letter
    strb r2, [r1], #1
    str r1, [r0]
    .endm

    .macro pend irq
    ldr r0, =NVIC_ISPR
    movs r1, #(1 << \irq)
    str r1, [r0]
    dsb                         /* the ISB makes the pend take effect before the next */
    isb                         /* instruction (ARMv7-M ARM B5.2.3 / A3.7.3)          */
    .endm

    .section .vectors, "a"
    .word 0x2000e000, reset + 1, hang + 1, hang + 1, hang + 1, hang + 1, hang + 1
    .word 0, 0, 0, 0
    .word svc_handler + 1       /* 11 SVCall */
    .word 0, 0
    .word pendsv_handler + 1    /* 14 PendSV */
    .word hang + 1              /* 15 SysTick */
    .word irq0 + 1, irq1 + 1, irq2 + 1, irq3 + 1

    .text
    .thumb_func
reset:
    ldr r0, =LOG
    add r1, r0, #4
    str r1, [r0]
    ldr r0, =NVIC_IPR
    ldr r1, =0x20c04080         /* IRQ0 0x80, IRQ1 0x40, IRQ2 0xc0, IRQ3 0x20 */
    str r1, [r0]
    ldr r0, =NVIC_ISER
    movs r1, #0xf
    str r1, [r0]
    pend 0                      /* A B b C D: IRQ1 preempts IRQ0, IRQ2 tail-chains */
    log 'E'
    cpsid i
    pend 3
    log 'F'                     /* IRQ3 must wait for PRIMASK */
    cpsie i
    isb
    log 'H'
    movs r0, #0x40
    msr basepri, r0
    isb
    pend 2                      /* 0xc0 is masked by BASEPRI 0x40 */
    log 'I'
    pend 3                      /* 0x20 is not */
    movs r0, #0
    msr basepri, r0
    isb
    log 'J'
    ldr r0, =ICSR
    mov r1, #(1 << 28)          /* PENDSVSET */
    str r1, [r0]
    dsb
    isb
    log 'K'
    ldr r0, =0x2000d000
    msr psp, r0
    movs r0, #3
    msr control, r0
    isb
    movs r0, #20
    movs r1, #22
    svc #42
after_svc:
    ldr r2, =RES
    str r0, [r2, #28]
    mrs r0, control
    str r0, [r2, #32]
    ldr r0, =after_svc
    str r0, [r2, #36]
    movs r0, #0x18
    ldr r1, =0x20026
    bkpt 0xab

    .thumb_func
irq0:
    log 'A'
    pend 1
    log 'C'
    bx lr

    .thumb_func
irq1:
    log 'B'
    pend 2
    log 'b'
    bx lr

    .thumb_func
irq2:
    log 'D'
    bx lr

    .thumb_func
irq3:
    log 'G'
    bx lr

    .thumb_func
pendsv_handler:
    log 'P'
    bx lr

    .thumb_func
svc_handler:
    ldr r3, =RES
    str lr, [r3, #0]
    mrs r0, psp
    ldr r1, [r0, #0]
    str r1, [r3, #4]            /* stacked r0 */
    ldr r2, [r0, #4]
    str r2, [r3, #8]            /* stacked r1 */
    add r1, r1, r2
    str r1, [r0, #0]            /* return value through the stacked r0 */
    ldr r1, [r0, #24]
    str r1, [r3, #12]           /* stacked PC */
    ldrb r2, [r1, #-2]
    str r2, [r3, #16]           /* svc number from the instruction */
    ldr r1, [r0, #28]
    str r1, [r3, #20]           /* stacked xPSR */
    mrs r1, ipsr
    str r1, [r3, #24]
    bx lr

    .thumb_func
hang:
    movs r0, #0x18
    ldr r1, =0x20023            /* ADP_Stopped_RunTimeErrorUnknown: exit 1 */
    bkpt 0xab
    .ltorg
