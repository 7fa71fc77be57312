/* cm4 chip: ARM CMSDK APB UART driver (as in QEMU's mps2-an386). */
#ifndef KERNEL_CHIPS_CM4_UART_H
#define KERNEL_CHIPS_CM4_UART_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/hil/uart.h"

struct cmsdk_uart {
    uintptr_t base;
    const uint8_t *buf;             /* transmission in progress */
    size_t len, pos;
    int rx_held;                    /* received bytes stay in the UART */
    const struct hil_uart_client *client;
    struct hil_uart hil;
};

/* Sets the baud rate from pclk_hz, enables TX and RX, and hooks the two interrupt lines. */
void cmsdk_uart_init(struct cmsdk_uart *u, uintptr_t base, unsigned irq_tx, unsigned irq_rx,
                     uint32_t pclk_hz, uint32_t baud);

#endif
