/* RISC-V boot in C: paints the kernel stack, copies .data, clears .bss, calls main(). */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/kernel.h"

/* Symbols of the board's linker script. */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _kernel_stack_start[];

int main(void);
void rv32_reset(void) __attribute__((noreturn));

/* Entered from start.S on the kernel stack. Paints the stack below this function's frame
 * (the process console reports how much was used). */
void rv32_reset(void)
{
    uintptr_t sp;
    __asm__ volatile("mv %0, sp" : "=r"(sp));
    for (uint32_t *w = _kernel_stack_start; (uintptr_t)w < sp - 64; w++)
        *w = KERNEL_STACK_PAINT;
    uint32_t *src = _sidata;
    for (uint32_t *dst = _sdata; dst < _edata; dst++)
        *dst = *src++;
    for (uint32_t *dst = _sbss; dst < _ebss; dst++)
        *dst = 0;
    main();
    arch_halt();
}
