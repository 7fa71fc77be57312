/* Cortex-M vector table and reset: copies .data, clears .bss, calls the board's main(). */
#include <stdint.h>

#include "kernel/arch/cortex-m/cortexm.h"
#include "kernel/core/kernel.h"

/* Symbols of the board's linker script. */
extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss, _kernel_stack_start;

int main(void);
void SVC_Handler(void);
void SysTick_Handler(void);
void cortexm_irq_entry(void);
void cortexm_fault_entry(void);

/* Entered from the vector table with MSP = _estack, privileged thread mode. Paints the
 * kernel stack below this function's frame (the process console reports how much was used). */
void cortexm_reset(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *w = &_kernel_stack_start; (uintptr_t)w < sp - 64; w++)
        *w = KERNEL_STACK_PAINT;
    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata; dst++)
        *dst = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss; dst++)
        *dst = 0;
    main();
    arch_halt();
}

static void unexpected_exception(void)
{
    cortexm_unexpected();
}

/* Exception numbers 1..15 (ARMv7-M B1.5.2), then external interrupts 0..N-1. */
__attribute__((section(".vectors"), used))
void (*const cortexm_vectors[16 + CORTEXM_NUM_IRQS])(void) = {
    [0] = (void (*)(void))&_estack,
    [1] = cortexm_reset,
    [2] = unexpected_exception,     /* NMI */
    [3] = cortexm_fault_entry,      /* HardFault */
    [4] = cortexm_fault_entry,      /* MemManage */
    [5] = cortexm_fault_entry,      /* BusFault */
    [6] = cortexm_fault_entry,      /* UsageFault */
    [7 ... 10] = unexpected_exception,
    [11] = SVC_Handler,
    [12] = unexpected_exception,    /* DebugMonitor */
    [13] = unexpected_exception,
    [14] = unexpected_exception,    /* PendSV: unused */
    [15] = SysTick_Handler,
    [16 ... 16 + CORTEXM_NUM_IRQS - 1] = cortexm_irq_entry,
};
