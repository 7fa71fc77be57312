/* Capsule: buttons (driver 0x3) with press/release upcalls. */
#ifndef KERNEL_CAPSULES_BUTTON_H
#define KERNEL_CAPSULES_BUTTON_H

#include "kernel/core/driver.h"
#include "kernel/hil/button.h"

#define BUTTON_DRIVER_NUM 0x3

extern const struct driver button_driver;

void button_capsule_init(const struct hil_button *buttons);

#endif
