/* Capsule: random numbers (driver 0x40001). */
#ifndef KERNEL_CAPSULES_RNG_H
#define KERNEL_CAPSULES_RNG_H

#include "kernel/core/driver.h"
#include "kernel/hil/rng.h"

#define RNG_DRIVER_NUM 0x40001

extern const struct driver rng_driver;

void rng_capsule_init(const struct hil_rng *rng);

#endif
