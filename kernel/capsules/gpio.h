/* Capsule: GPIO pins (driver 0x4) for processes. */
#ifndef KERNEL_CAPSULES_GPIO_H
#define KERNEL_CAPSULES_GPIO_H

#include <stdint.h>

#include "kernel/core/driver.h"
#include "kernel/hil/gpio.h"

#define GPIO_DRIVER_NUM 0x4

extern const struct driver gpio_driver;

/* Exposes pins[0..n) of hw to processes as pins 0..n-1. */
void gpio_capsule_init(const struct hil_gpio *hw, const uint8_t *pins, unsigned n);

#endif
