/* cm4 chip: the tocksim RNG (absent on QEMU: detected by its ID register). */
#ifndef KERNEL_CHIPS_CM4_RNG_H
#define KERNEL_CHIPS_CM4_RNG_H

#include <stdint.h>

#include "kernel/hil/rng.h"

struct cm4_rng {
    uintptr_t base;
    int present;
    struct hil_rng hil;
};

/* Probes the RNG at base; returns whether it is present. */
int cm4_rng_init(struct cm4_rng *r, uintptr_t base, uint32_t id);

#endif
