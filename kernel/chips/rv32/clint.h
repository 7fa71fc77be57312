/* rv32 chip: the CLINT's machine timer as the kernel's alarm (and its timeslice timer). */
#ifndef KERNEL_CHIPS_RV32_CLINT_H
#define KERNEL_CHIPS_RV32_CLINT_H

#include <stdint.h>

#include "kernel/hil/alarm.h"

struct clint_alarm {
    const struct hil_alarm_client *client;
    struct hil_alarm hil;
};

/* Hands the CLINT's mtime/mtimecmp (counting at mtime_hz) to the RISC-V port, which also
 * times the processes' slices with them, and sets up the alarm HIL on top. */
void clint_alarm_init(struct clint_alarm *a, uintptr_t base, uint32_t mtime_hz);

#endif
