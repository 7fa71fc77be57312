/* rv32 chip: the RISC-V PLIC, the port's external interrupt controller. */
#ifndef KERNEL_CHIPS_RV32_PLIC_H
#define KERNEL_CHIPS_RV32_PLIC_H

#include <stdint.h>

#include "kernel/arch/rv32/rv32.h"

struct plic {
    uintptr_t base;
    unsigned context;               /* the hart's machine-mode context */
    unsigned sources;
    struct rv32_intc intc;
};

/* Disables every source of context, sets its threshold to 0 and hands the PLIC to the port
 * (rv32_intc_set), which then enables the lines drivers ask for at priority 1. */
void plic_init(struct plic *p, uintptr_t base, unsigned context, unsigned sources);

#endif
