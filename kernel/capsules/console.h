/* Capsule: console (driver 0x1), processes share one UART with per-process buffers. */
#ifndef KERNEL_CAPSULES_CONSOLE_H
#define KERNEL_CAPSULES_CONSOLE_H

#include <stdint.h>

#include "kernel/core/driver.h"
#include "kernel/hil/uart.h"

#define CONSOLE_DRIVER_NUM 0x1

extern const struct driver console_driver;

/* Shares uart among processes. Received bytes no process reads go to other_rx (the process
 * console), if not NULL, once the kernel is idle (see console_idle). */
void console_capsule_init(const struct hil_uart *uart, void (*other_rx)(uint8_t byte));
/* The kernel is idle (no process is ready, or one used up its timeslice): if no process owns
 * the input (has read the console) and no write is in flight, the bytes waiting for a reader
 * go to other_rx. */
void console_idle(void);

#endif
