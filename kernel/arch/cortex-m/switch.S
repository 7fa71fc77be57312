/* Cortex-M context switch and exception entries: the kernel thread <-> process boundary.
 *
 * The kernel runs in privileged thread mode on MSP; a process runs in unprivileged thread mode
 * on PSP. To run a process the kernel executes `svc 0xff`: the SVC handler sees it came from
 * MSP, drops privilege and "returns" to the process's frame on PSP. The kernel's own frame stays
 * on MSP. When the process traps (svc, fault, interrupt, SysTick) the handler sees it came from
 * PSP, restores privilege, records why, and returns with EXC_RETURN 0xfffffff9, which pops the
 * kernel's frame: arch_switch_to_process continues after its svc. Exceptions taken while the
 * kernel runs return normally. (Tock's cortex-m switch works the same way.)
 */
#include "regs.h"

    .syntax unified
    .thumb
    .text

/* enum arch_return arch_switch_to_process(struct arch_context *ctx) */
    .global arch_switch_to_process
    .type arch_switch_to_process, %function
    .thumb_func
arch_switch_to_process:
    push    {r0, r4-r11, lr}        /* 10 words: keeps MSP 8-byte aligned */
    ldr     r1, [r0, #CORTEXM_CTX_PSP]
    msr     psp, r1
    ldmia   r0, {r4-r11}            /* the process's callee-saved registers */
    svc     #CORTEXM_SVC_ENTER      /* -> SVC_Handler, which enters the process */
    /* Back from the process (some handler returned with EXC_RETURN 0xfffffff9). */
    ldr     r0, [sp]
    stmia   r0, {r4-r11}
    mrs     r1, psp
    str     r1, [r0, #CORTEXM_CTX_PSP]
    pop     {r0, r4-r11, lr}
    ldr     r0, =cortexm_return_reason
    ldr     r0, [r0]
    bx      lr
    .size arch_switch_to_process, . - arch_switch_to_process

/* Leaves a process: privileged again, reason in r0, return to the kernel thread on MSP.
 * Entered by branch from a handler whose lr is EXC_RETURN with bit 2 set (came from PSP). */
    .type cortexm_leave_process, %function
    .thumb_func
cortexm_leave_process:
    ldr     r1, =cortexm_return_reason
    str     r0, [r1]
    movs    r0, #0
    msr     control, r0             /* nPRIV = 0: the kernel thread is privileged */
    isb
    ldr     lr, =EXC_RETURN_THREAD_MSP  /* pops the kernel's svc frame */
    bx      lr
    .size cortexm_leave_process, . - cortexm_leave_process

    .global SVC_Handler
    .type SVC_Handler, %function
    .thumb_func
SVC_Handler:
    tst     lr, #EXC_RETURN_SPSEL
    bne     1f
    /* From the kernel thread: enter the process, unless an interrupt came in since the kernel
     * last serviced them (it would wait, masked, until the process traps). A RAM flag, not
     * the NVIC's pending register: a device read per entry costs the simulator more. */
    ldr     r0, =cortexm_irq_taken
    ldr     r0, [r0]
    movs    r1, #CORTEXM_RETURN_INTERRUPT
    cbnz    r0, 3f
    /* Nor when the slice ran out since arch_timeslice_start looked (SysTick taken in between):
     * the process would run on until the counter wraps again, a whole slice more. */
    ldr     r0, =cortexm_timeslice_expired
    ldr     r0, [r0]
    movs    r1, #CORTEXM_RETURN_TIMESLICE
    cbz     r0, 2f
3:  ldr     r0, =cortexm_return_reason
    str     r1, [r0]
    bx      lr                      /* straight back to the kernel thread */
2:  movs    r0, #CONTROL_NPRIV
    msr     control, r0             /* unprivileged thread mode */
    isb
    ldr     lr, =EXC_RETURN_THREAD_PSP  /* pops the process's frame */
    bx      lr
1:  movs    r0, #CORTEXM_RETURN_SYSCALL
    b       cortexm_leave_process
    .size SVC_Handler, . - SVC_Handler

    .global SysTick_Handler
    .type SysTick_Handler, %function
    .thumb_func
SysTick_Handler:
    ldr     r0, =cortexm_timeslice_expired
    movs    r1, #1
    str     r1, [r0]
    tst     lr, #EXC_RETURN_SPSEL
    beq     1f
    movs    r0, #CORTEXM_RETURN_TIMESLICE
    b       cortexm_leave_process
1:  bx      lr
    .size SysTick_Handler, . - SysTick_Handler

/* Every external interrupt: mask the line, leave it pending for the kernel thread
 * (arch_service_interrupts) and raise cortexm_irq_taken, then go back to the kernel if a
 * process was running. */
    .global cortexm_irq_entry
    .type cortexm_irq_entry, %function
    .thumb_func
cortexm_irq_entry:
    mrs     r0, ipsr
    sub     r0, r0, #EXCEPTION_IRQ0 /* exception number -> IRQ number */
    lsr     r1, r0, #NVIC_WORD_SHIFT    /* word index */
    and     r0, r0, #NVIC_BIT_MASK
    movs    r2, #1
    lsl     r2, r2, r0              /* bit */
    ldr     r3, =NVIC_ICER0_ADDR    /* mask it */
    str     r2, [r3, r1, lsl #2]
    ldr     r3, =NVIC_ISPR0_ADDR    /* keep it pending */
    str     r2, [r3, r1, lsl #2]
    ldr     r3, =cortexm_irq_taken  /* and tell the kernel thread (arch_interrupts_pending) */
    str     r2, [r3]                /* r2 != 0 */
    dsb
    isb
    tst     lr, #EXC_RETURN_SPSEL
    beq     1f
    movs    r0, #CORTEXM_RETURN_INTERRUPT
    b       cortexm_leave_process
1:  bx      lr
    .size cortexm_irq_entry, . - cortexm_irq_entry

/* HardFault, MemManage, BusFault, UsageFault. From a process: record the status, fault the
 * process. From the kernel (MSP): kernel panic with the stacked frame. */
    .global cortexm_fault_entry
    .type cortexm_fault_entry, %function
    .thumb_func
cortexm_fault_entry:
    tst     lr, #EXC_RETURN_SPSEL
    beq     2f
    /* EXC_RETURN_THREAD_PSP with a process frame: r0-r3 and r12 are already stacked (or lost). */
    mov     r0, lr
    push    {r0, lr}
    bl      cortexm_fault_record
    pop     {r0, lr}
    movs    r0, #CORTEXM_RETURN_FAULT
    b       cortexm_leave_process
2:  mrs     r0, msp
    mov     r1, lr
    b       cortexm_kernel_fault    /* does not return */
    .size cortexm_fault_entry, . - cortexm_fault_entry

    .bss
    .align 2
    .global cortexm_return_reason
cortexm_return_reason:
    .word 0
    .global cortexm_timeslice_expired
cortexm_timeslice_expired:
    .word 0
    .global cortexm_irq_taken
cortexm_irq_taken:
    .word 0
