/* HIL: a source of random 32-bit words. */
#ifndef KERNEL_HIL_RNG_H
#define KERNEL_HIL_RNG_H

#include <stdint.h>

struct hil_rng {
    void *dev;
    /* Stores one random word in *word; returns 0, or -1 if none is available yet. */
    int (*read)(void *dev, uint32_t *word);
};

#endif
