/* tocksim random number generator: deterministic 32-bit words from the machine seed. */
#ifndef PERIPHERALS_RNG_H
#define PERIPHERALS_RNG_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_RNG_BASE).
 *           0x000 ID       "RNG0" (RNG_ID), read-only; reads 0 where the device is absent
 *           0x004 VERSION  RNG_VERSION, read-only
 *           0x008 STATUS   [0] ready: always 1 (a word is always available)
 *           0x00c DATA     read: the next random word (each read advances the generator)
 *   IRQs:   none.   Clock: none.
 *   Host:   the seed is given at init; a reset restarts the sequence from it, so the same
 *           seed and inputs replay the same run.
 * Register map: doc/devices/rng.md.
 */

#include <stdint.h>

#include "sim/core/device.h"

#define RNG_ID       0x30474e52u    /* "RNG0" little-endian: must equal CM4_ID_RNG */
#define RNG_VERSION  1u

struct rng {
    struct device_env env;
    uint64_t seed;          /* state from here on (snapshots copy it as one span) */
    uint32_t s[4];          /* xoshiro128** state */
};

extern const struct device_ops rng_ops;

/* Sets up r to produce the sequence of `seed` (then resets). */
void rng_init(struct rng *r, const struct device_env *env, uint64_t seed);
void rng_reset(void *dev);
/* The next word of the sequence (what a DATA read returns). */
uint32_t rng_next(struct rng *r);

#endif
