/* ARM CMSDK APB UART: 8N1, one-byte TX and RX buffers, programmable baud rate. */
#ifndef PERIPHERALS_CMSDK_UART_H
#define PERIPHERALS_CMSDK_UART_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_UART0_BASE, CM4_UART1_BASE, CM4_UART2_BASE).
 *           0x000 DATA       RX buffer (read) / TX buffer (write)
 *           0x004 STATE      [0] TX full, [1] RX full, [2] TX overrun, [3] RX overrun (W1C)
 *           0x008 CTRL       [0] TX en, [1] RX en, [2] TX int en, [3] RX int en,
 *                            [4] TX overrun int en, [5] RX overrun int en, [6] TX high-speed test
 *           0x00c INTSTATUS  read: [0] TX, [1] RX, [2] TX overrun, [3] RX overrun;
 *                            write: INTCLEAR, 1 clears (bits 2-3 clear the STATE overrun bits)
 *           0x010 BAUDDIV    [19:0] PCLK cycles per bit, minimum 16
 *           0xfd0..0xffc     PID4-7, PID0-3, CID0-3 (read-only identification)
 *   IRQs:   irq_tx (INTSTATUS.TX), irq_rx (INTSTATUS.RX), irq_ovf (either overrun interrupt;
 *           the board ORs the overrun lines of several UARTs, as AN386 does into IRQ 12).
 *           Connect them with irq_connect() after cmsdk_uart_init().
 *   Clock:  the baud generator runs on PCLK (pclk_hz): a character (start, 8 data, stop) lasts
 *           10 * BAUDDIV PCLK ticks.
 *   Host:   every transmitted byte goes to the tx callback; host input is queued with
 *           cmsdk_uart_receive() and fed to the guest one byte at a time, without loss.
 * Register map and modelling choices: doc/devices/cmsdk_uart.md.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/device.h"

#define CMSDK_UART_RXQ_SIZE 256     /* host input waiting for the guest */

struct cmsdk_uart {
    struct device_env env;
    uint64_t pclk_hz;
    void (*tx)(void *ctx, uint8_t byte);
    void *tx_ctx;
    struct irq_line irq_tx, irq_rx, irq_ovf;

    /* Registers. State from here up to the events: snapshots copy it as one span. */
    uint32_t state, ctrl, intstatus, bauddiv;
    uint8_t txbuf, rxbuf;

    /* Transmitter: the shift register is busy while tx_done is queued; the character being
     * shifted ends at PCLK tick tx_end (consecutive characters chain on it, so no drift). */
    uint64_t tx_end;

    /* Receiver: host bytes not yet in the one-byte RX buffer, and the earliest PCLK tick at
     * which the next one may arrive (one character time after the previous one). */
    uint8_t rxq[CMSDK_UART_RXQ_SIZE];
    unsigned rxq_head, rxq_len;
    uint64_t rx_next;

    struct clock_event tx_done, rx_arrive;
};

extern const struct device_ops cmsdk_uart_ops;

/* Sets up u (all state, then reset). tx may be NULL (output discarded). */
void cmsdk_uart_init(struct cmsdk_uart *u, const struct device_env *env, uint64_t pclk_hz,
                     void (*tx)(void *ctx, uint8_t byte), void *tx_ctx);
/* Resets the registers; host input still queued is kept (it has not reached the UART yet). */
void cmsdk_uart_reset(void *dev);
/* Queues host input. Returns how many bytes were accepted (fewer than n when the queue is
 * full; the host offers the rest later). */
size_t cmsdk_uart_receive(struct cmsdk_uart *u, const uint8_t *buf, size_t n);
/* A byte arrives on the RX wire now, bypassing the queue: overruns if the guest has not read
 * the previous one (for scenarios and tests of overrun handling). Dropped if RX is disabled. */
void cmsdk_uart_rx_wire(struct cmsdk_uart *u, uint8_t byte);
/* Hands the host a byte still waiting in the TX buffer (when a run ends mid-transmission). */
void cmsdk_uart_flush(struct cmsdk_uart *u);

#endif
