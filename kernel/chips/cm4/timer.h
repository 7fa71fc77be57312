/* cm4 chip: an alarm from two ARM CMSDK APB timers (free-running counter + one-shot). */
#ifndef KERNEL_CHIPS_CM4_TIMER_H
#define KERNEL_CHIPS_CM4_TIMER_H

#include <stdint.h>

#include "kernel/hil/alarm.h"

struct cmsdk_alarm {
    uintptr_t counter, compare;     /* timer bases */
    int armed;
    const struct hil_alarm_client *client;
    struct hil_alarm hil;
};

/* counter_base counts down from 0xffffffff forever (now() is its complement); compare_base
 * is loaded with the time left to each alarm and interrupts on irq. Both run at pclk_hz. */
void cmsdk_alarm_init(struct cmsdk_alarm *a, uintptr_t counter_base, uintptr_t compare_base,
                      unsigned irq, uint32_t pclk_hz);

#endif
