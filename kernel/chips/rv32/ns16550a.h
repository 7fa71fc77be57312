/* rv32 chip: NS16550A UART driver (as on QEMU's virt machine). */
#ifndef KERNEL_CHIPS_RV32_NS16550A_H
#define KERNEL_CHIPS_RV32_NS16550A_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/hil/uart.h"

struct ns16550a {
    uintptr_t base;
    const uint8_t *buf;             /* transmission in progress */
    size_t len, pos;
    int rx_held;                    /* received bytes stay in the UART */
    const struct hil_uart_client *client;
    struct hil_uart hil;
};

/* 8N1 at baudbase / divisor, FIFOs on, reception interrupt on irq (a PLIC source). */
void ns16550a_init(struct ns16550a *u, uintptr_t base, unsigned irq, uint32_t divisor);

#endif
