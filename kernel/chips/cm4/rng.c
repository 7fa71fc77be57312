/* cm4 chip: the tocksim RNG (absent on QEMU: detected by its ID register).
 * Register map: doc/devices/rng.md (ID, VERSION, STATUS [0] ready, DATA: next word). */
#include <stdint.h>

#include "kernel/chips/cm4/rng.h"

#define ID      0x000u
#define STATUS  0x008u
#define DATA    0x00cu

static int rng_read(void *dev, uint32_t *word)
{
    struct cm4_rng *r = dev;
    volatile uint32_t *base = (volatile uint32_t *)r->base;
    if (!r->present || !(base[STATUS / 4] & 1u))
        return -1;
    *word = base[DATA / 4];
    return 0;
}

int cm4_rng_init(struct cm4_rng *r, uintptr_t base, uint32_t id)
{
    r->base = base;
    r->present = *(volatile uint32_t *)(base + ID) == id;
    r->hil = (struct hil_rng){ r, rng_read };
    return r->present;
}
