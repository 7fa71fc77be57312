/* Cortex-M interrupts: NVIC lines serviced from the kernel thread, PRIMASK masking, wfi. */
#include <stdint.h>

#include "kernel/arch/cortex-m/cortexm.h"
#include "kernel/arch/cortex-m/regs.h"
#include "kernel/core/panic.h"

static struct {
    arch_irq_handler fn;
    void *ctx;
} handlers[CORTEXM_NUM_IRQS];

/* Lines a driver wants enabled; cortexm_irq_entry masks a line in the NVIC while it waits. */
volatile uint32_t cortexm_irq_wanted[CORTEXM_NVIC_WORDS];

void cortexm_nvic_init(void)
{
    for (unsigned w = 0; w < CORTEXM_NVIC_WORDS; w++) {
        NVIC_ICER(w) = 0xffffffffu;
        NVIC_ICPR(w) = 0xffffffffu;
    }
}

/* A line the vector table has, or a kernel bug (arch.h: panics). */
static void check(unsigned irq)
{
    if (irq >= CORTEXM_NUM_IRQS)
        panic("nvic: irq %u out of range", irq);
}

void arch_irq_register(unsigned irq, arch_irq_handler fn, void *ctx)
{
    check(irq);
    handlers[irq].fn = fn;
    handlers[irq].ctx = ctx;
}

void arch_irq_enable(unsigned irq)
{
    check(irq);
    cortexm_irq_wanted[NVIC_WORD(irq)] |= NVIC_BIT(irq);
    NVIC_ISER(NVIC_WORD(irq)) = NVIC_BIT(irq);
}

void arch_irq_disable(unsigned irq)
{
    check(irq);
    cortexm_irq_wanted[NVIC_WORD(irq)] &= ~NVIC_BIT(irq);
    NVIC_ICER(NVIC_WORD(irq)) = NVIC_BIT(irq);
}

/* With interrupts masked (sleep), a line pending since the mask was set is not seen here; the
 * wfi that follows returns at once for it, and it is taken when the mask is restored. */
int arch_interrupts_pending(void)
{
    return cortexm_irq_taken != 0;
}

/* Runs the handler of every pending wanted line, then clears and unmasks the line (the handler
 * has quieted the device, so a level interrupt does not come straight back). The flag is
 * lowered before the pending registers are read: an interrupt taken meanwhile raises it again. */
void arch_service_interrupts(void)
{
    cortexm_irq_taken = 0;
    for (unsigned w = 0; w < CORTEXM_NVIC_WORDS; w++) {
        uint32_t pend;
        while ((pend = NVIC_ISPR(w) & cortexm_irq_wanted[w]) != 0) {
            unsigned irq = (w << NVIC_WORD_SHIFT) + (unsigned)__builtin_ctz(pend);
            if (handlers[irq].fn)
                handlers[irq].fn(handlers[irq].ctx);
            NVIC_ICPR(w) = NVIC_BIT(irq);
            if (cortexm_irq_wanted[w] & NVIC_BIT(irq))
                NVIC_ISER(w) = NVIC_BIT(irq);
        }
    }
}

uint32_t arch_irq_save(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    return primask;
}

void arch_irq_restore(uint32_t state)
{
    __asm__ volatile("msr primask, %0" ::"r"(state) : "memory");
}

/* With PRIMASK set, wfi still wakes on a pending enabled interrupt; the interrupt is taken
 * only after the caller restores PRIMASK. */
void arch_wait_for_interrupt(void)
{
    __asm__ volatile("dsb\n\twfi\n\tisb" ::: "memory");
}
