/* Capsule: alarm (driver 0x0), every process its own alarm on one hardware alarm. */
#ifndef KERNEL_CAPSULES_ALARM_H
#define KERNEL_CAPSULES_ALARM_H

#include "kernel/core/driver.h"
#include "kernel/hil/alarm.h"

#define ALARM_DRIVER_NUM 0x0

extern const struct driver alarm_driver;

/* Virtualises hw among processes. */
void alarm_capsule_init(const struct hil_alarm *hw);

#endif
