/* RISC-V interrupts: PLIC sources and the machine timer, serviced from the kernel thread.
 *
 * Nothing interrupts the kernel (mstatus.MIE stays 0). While a process runs, a pending
 * external or timer interrupt traps to the kernel (ARCH_RETURN_INTERRUPT) and stays pending:
 * an external one in the PLIC until claimed, the timer's until mtimecmp moves. The kernel loop
 * then calls arch_service_interrupts, which claims each pending source, runs its handler and
 * completes it (the PLIC gateway takes the source again only after the completion, so a
 * handler never races its own interrupt). */
#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"
#include "kernel/core/panic.h"

#define WORDS ((RV32_MAX_IRQ + 32) / 32)

static struct {
    arch_irq_handler fn;
    void *ctx;
} handlers[RV32_MAX_IRQ + 1];

static const struct rv32_intc *intc;
static uint32_t wanted[WORDS];      /* lines drivers enabled, kept for a late rv32_intc_set */

void rv32_intc_set(const struct rv32_intc *c)
{
    intc = c;
    for (unsigned irq = 1; irq <= RV32_MAX_IRQ; irq++)
        if (wanted[irq / 32] & (1u << (irq % 32)))
            intc->enable(intc->dev, irq, 1);
    csr_set(mie, MIP_MEIP);
}

static void check(unsigned irq)
{
    if (irq == 0 || irq > RV32_MAX_IRQ)
        panic("rv32: irq %u out of range", irq);
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
    wanted[irq / 32] |= 1u << (irq % 32);
    if (intc)
        intc->enable(intc->dev, irq, 1);
}

void arch_irq_disable(unsigned irq)
{
    check(irq);
    wanted[irq / 32] &= ~(1u << (irq % 32));
    if (intc)
        intc->enable(intc->dev, irq, 0);
}

int arch_interrupts_pending(void)
{
    return (intc && (csr_read(mip) & MIP_MEIP)) || rv32_mtimer_alarm_due();
}

/* A claim with nothing pending returns 0 and ends the loop (QEMU 7.2 may leave MEIP set after
 * an enable bit is cleared; the claim brings it up to date). */
void arch_service_interrupts(void)
{
    rv32_mtimer_service();
    if (!intc)
        return;
    unsigned irq;
    while ((irq = intc->claim(intc->dev)) != 0) {
        if (irq <= RV32_MAX_IRQ && handlers[irq].fn)
            handlers[irq].fn(handlers[irq].ctx);
        intc->complete(intc->dev, irq);
    }
}
