/* Capsule: LEDs (driver 0x2). */
#ifndef KERNEL_CAPSULES_LED_H
#define KERNEL_CAPSULES_LED_H

#include "kernel/core/driver.h"
#include "kernel/hil/led.h"

#define LED_DRIVER_NUM 0x2

extern const struct driver led_driver;

void led_capsule_init(const struct hil_led *leds);

#endif
