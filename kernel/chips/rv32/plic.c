/* rv32 chip: the RISC-V PLIC (riscv-plic-spec 1.0.0; doc/devices/plic.md).
 *
 * Every source the kernel uses gets priority 1 and the context's threshold is 0, so any
 * enabled pending source interrupts; the kernel services them in claim order (highest
 * priority, then lowest ID). Claim/complete brackets each handler (kernel/arch/rv32/irq.c).
 */
#include <stdint.h>

#include "kernel/chips/rv32/plic.h"

#define PRIORITY        0x000000u   /* + 4 * source */
#define ENABLE          0x002000u   /* + 0x80 * context + 4 * word */
#define ENABLE_STRIDE   0x80u
#define CONTEXT         0x200000u   /* + 0x1000 * context */
#define CONTEXT_STRIDE  0x1000u
#define THRESHOLD       0x0u
#define CLAIM           0x4u        /* read: claim; write: complete */

static volatile uint32_t *reg(const struct plic *p, uint32_t off)
{
    return (volatile uint32_t *)(p->base + off);
}

static volatile uint32_t *context_reg(const struct plic *p, uint32_t off)
{
    return reg(p, CONTEXT + CONTEXT_STRIDE * p->context + off);
}

static void plic_enable(void *dev, unsigned irq, int on)
{
    struct plic *p = dev;
    if (irq == 0 || irq >= p->sources)
        return;
    volatile uint32_t *en = reg(p, ENABLE + ENABLE_STRIDE * p->context + 4 * (irq / 32));
    if (on) {
        *reg(p, PRIORITY + 4 * irq) = 1;
        *en |= 1u << (irq % 32);
    } else {
        *en &= ~(1u << (irq % 32));
    }
}

static unsigned plic_claim(void *dev)
{
    return *context_reg(dev, CLAIM);
}

static void plic_complete(void *dev, unsigned irq)
{
    *context_reg(dev, CLAIM) = irq;
}

void plic_init(struct plic *p, uintptr_t base, unsigned context, unsigned sources)
{
    p->base = base;
    p->context = context;
    p->sources = sources;
    p->intc = (struct rv32_intc){ p, plic_enable, plic_claim, plic_complete };
    for (unsigned w = 0; w < (sources + 31) / 32; w++)
        *reg(p, ENABLE + ENABLE_STRIDE * context + 4 * w) = 0;
    *context_reg(p, THRESHOLD) = 0;
    rv32_intc_set(&p->intc);
}
