/* HIL: a UART, interrupt-driven for processes' traffic, polled for kernel messages. */
#ifndef KERNEL_HIL_UART_H
#define KERNEL_HIL_UART_H

#include <stddef.h>
#include <stdint.h>

struct hil_uart_client {
    void (*tx_done)(void *ctx);             /* the whole buffer of transmit() has gone out */
    void (*rx)(void *ctx, uint8_t byte);    /* a byte arrived */
    void *ctx;
};

struct hil_uart {
    void *dev;
    /* Starts sending buf[0..len) (buf must stay valid until tx_done). Returns 0 or ERR_BUSY. */
    int (*transmit)(void *dev, const uint8_t *buf, size_t len);
    /* Sends one character, waiting for room (kernel messages, panics). */
    void (*putc_polled)(void *dev, char c);
    /* Sets who hears about completions and received bytes; enables reception. */
    void (*set_client)(void *dev, const struct hil_uart_client *client);
    /* hold 1: stop taking received bytes, so they wait in the UART (and its sender waits:
     * backpressure); hold 0: take them again (rx may be called before this returns). */
    void (*rx_hold)(void *dev, int hold);
};

#endif
