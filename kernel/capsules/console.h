/* Capsule: console (driver 0x1), processes share one UART with per-process buffers. */
#ifndef KERNEL_CAPSULES_CONSOLE_H
#define KERNEL_CAPSULES_CONSOLE_H

#include <stdint.h>

#include "kernel/core/driver.h"
#include "kernel/hil/uart.h"

#define CONSOLE_DRIVER_NUM 0x1

extern const struct driver console_driver;

/* Shares uart among processes. Received bytes no process is reading go to other_rx (the
 * process console), if not NULL. */
void console_capsule_init(const struct hil_uart *uart, void (*other_rx)(uint8_t byte));

#endif
