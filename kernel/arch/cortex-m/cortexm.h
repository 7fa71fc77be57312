/* Internals shared by the Cortex-M port's files (not part of the arch contract). */
#ifndef KERNEL_ARCH_CORTEX_M_CORTEXM_H
#define KERNEL_ARCH_CORTEX_M_CORTEXM_H

#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/cortex-m/regs.h"

/* External interrupt lines the port supports (vector table size; switch.S assumes one NVIC
 * word). */
#define CORTEXM_NUM_IRQS 32

#define CORTEXM_NVIC_WORDS NVIC_WORDS(CORTEXM_NUM_IRQS)

/* Lines a driver wants enabled (nvic.c; read by switch.S). */
extern volatile uint32_t cortexm_irq_wanted[CORTEXM_NVIC_WORDS];

extern volatile uint32_t cortexm_return_reason;     /* switch.S */
extern volatile uint32_t cortexm_timeslice_expired; /* switch.S */
/* Non-zero once an interrupt was taken since arch_service_interrupts last began (switch.S sets
 * it, nvic.c clears it). An enabled line that is pending has been taken, or will be as soon
 * as PRIMASK allows: so with interrupts unmasked, this flag says what the NVIC's pending
 * registers would, without a device read. */
extern volatile uint32_t cortexm_irq_taken;


/* Called by cortexm_fault_entry in handler mode when a process faults: saves and clears the
 * fault status registers. */
void cortexm_fault_record(uint32_t exc_return);
/* Called by cortexm_fault_entry for a fault in the kernel: prints a panic report, halts. */
void cortexm_kernel_fault(const uint32_t *frame, uint32_t exc_return) __attribute__((noreturn));
/* An exception the kernel never enables (NMI, PendSV, ...): panics. */
void cortexm_unexpected(void) __attribute__((noreturn));

void cortexm_mpu_init(void);
void cortexm_nvic_init(void);
void cortexm_systick_init(uint32_t cpu_hz);

#endif
