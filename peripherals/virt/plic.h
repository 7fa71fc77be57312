/* RISC-V PLIC (platform-level interrupt controller) as on QEMU's virt machine. */
#ifndef PERIPHERALS_PLIC_H
#define PERIPHERALS_PLIC_H

/*
 * Interface
 *   Memory: a 6 MiB window (rv32: RV32_PLIC_BASE = 0xc000000), 32-bit accesses.
 *           0x000000 + 4*s    priority of source s (1..PLIC_SOURCES-1), [2:0]; source 0 reads 0
 *           0x001000 + 4*w    pending bits of sources 32w..32w+31 (read-only)
 *           0x002000 + 0x80*c + 4*w   enable bits of context c
 *           0x200000 + 0x1000*c       priority threshold of context c, [2:0]
 *           0x200004 + 0x1000*c       read: claim (highest-priority pending enabled source, 0
 *                                     if none); write: complete (the source's ID)
 *           Context 0 is hart 0's machine mode, context 1 its supervisor mode (as on QEMU).
 *   IRQs:   inputs: plic_irq_sink (n = source number, level-triggered); outputs: irq_ctx[c],
 *           high while context c has a pending enabled source with priority above its
 *           threshold (rv32: context 0 to the hart's mip.MEIP). Connect after plic_init().
 *   Clock:  none.
 * Register map: doc/devices/plic.md.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/device.h"

#define PLIC_SOURCES  96            /* QEMU virt: VIRT_IRQCHIP_NUM_SOURCES (0 is "no source") */
#define PLIC_WORDS    (PLIC_SOURCES / 32)
#define PLIC_CONTEXTS 2
#define PLIC_PRIO_MASK 7u           /* 3 priority bits */

struct plic {
    struct device_env env;
    struct irq_line irq_ctx[PLIC_CONTEXTS];

    /* State, to the end of the struct (snapshots copy it as one span). */
    uint32_t priority[PLIC_SOURCES];
    uint32_t pending[PLIC_WORDS];
    uint32_t claimed[PLIC_WORDS];   /* in flight: claimed and not completed yet */
    uint32_t enable[PLIC_CONTEXTS][PLIC_WORDS];
    uint32_t threshold[PLIC_CONTEXTS];
    uint32_t level[PLIC_WORDS];     /* input line levels (host state: survives a reset) */
};

extern const struct device_ops plic_ops;

void plic_init(struct plic *p, const struct device_env *env);
void plic_reset(void *dev);
/* Input line n (a source number) changed level. */
void plic_irq_sink(void *plic, int n, bool level);

#endif
