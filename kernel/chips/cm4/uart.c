/* cm4 chip: ARM CMSDK APB UART driver (as in QEMU's mps2-an386).
 *
 * Follows the CMSDK "APB UART" description (ARM DDI 0479) and doc/devices/cmsdk_uart.md:
 * one-byte TX and RX buffers; the TX interrupt fires when the TX buffer empties, the RX
 * interrupt when a byte arrives. Transmission is interrupt-driven, one byte per interrupt;
 * kernel messages use putc_polled, which first sends the rest of the transfer in flight
 * (the interrupt handler then finds nothing left and completes the transfer). Reception can
 * be held (backpressure): received bytes then wait in the UART, whose sender waits too.
 */
#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/chips/cm4/uart.h"
#include "kernel/core/syscall.h"

#define DATA       0x000u
#define STATE      0x004u
#define CTRL       0x008u
#define INTSTATUS  0x00cu           /* write: INTCLEAR */
#define BAUDDIV    0x010u

#define STATE_TXFULL  (1u << 0)
#define STATE_RXFULL  (1u << 1)
#define CTRL_TXEN     (1u << 0)
#define CTRL_RXEN     (1u << 1)
#define CTRL_TXINTEN  (1u << 2)
#define CTRL_RXINTEN  (1u << 3)
#define INT_TX        (1u << 0)
#define INT_RX        (1u << 1)

static volatile uint32_t *reg(const struct cmsdk_uart *u, uint32_t off)
{
    return (volatile uint32_t *)(u->base + off);
}

/* Feeds the next byte if the TX buffer has room; completes the transfer after the last. */
static void tx_next(struct cmsdk_uart *u)
{
    if (!u->buf || (*reg(u, STATE) & STATE_TXFULL))
        return;
    if (u->pos < u->len) {
        *reg(u, DATA) = u->buf[u->pos++];
        return;
    }
    u->buf = NULL;
    *reg(u, CTRL) &= ~CTRL_TXINTEN;
    if (u->client && u->client->tx_done)
        u->client->tx_done(u->client->ctx);
}

static void tx_irq(void *ctx)
{
    struct cmsdk_uart *u = ctx;
    *reg(u, INTSTATUS) = INT_TX;
    tx_next(u);
}

/* Hands received bytes to the client until none is left or the client holds reception. */
static void rx_take(struct cmsdk_uart *u)
{
    while (!u->rx_held && (*reg(u, STATE) & STATE_RXFULL)) {
        uint8_t b = (uint8_t)*reg(u, DATA);
        if (u->client && u->client->rx)
            u->client->rx(u->client->ctx, b);
    }
}

static void rx_irq(void *ctx)
{
    struct cmsdk_uart *u = ctx;
    *reg(u, INTSTATUS) = INT_RX;
    rx_take(u);
}

static int uart_transmit(void *dev, const uint8_t *buf, size_t len)
{
    struct cmsdk_uart *u = dev;
    if (u->buf)
        return ERR_BUSY;
    u->buf = buf;
    u->len = len;
    u->pos = 0;
    *reg(u, CTRL) |= CTRL_TXINTEN;
    tx_next(u);
    return 0;
}

static void put_polled(struct cmsdk_uart *u, uint8_t c)
{
    while (*reg(u, STATE) & STATE_TXFULL)
        ;
    *reg(u, DATA) = c;
}

/* Kernel output first finishes the transfer in flight (polled), so a kernel message never
 * lands in the middle of it; the transfer's completion is still reported by the next TX
 * interrupt, after the kernel's message. */
static void uart_putc_polled(void *dev, char c)
{
    struct cmsdk_uart *u = dev;
    while (u->buf && u->pos < u->len)
        put_polled(u, u->buf[u->pos++]);
    put_polled(u, (uint8_t)c);
}

/* While held, a byte stays in the RX buffer unread: the UART takes no more (QEMU's chardev
 * and tocksim's input queue wait), and its interrupt, already cleared, does not come back, so
 * a release reads what is there. */
static void uart_rx_hold(void *dev, int hold)
{
    struct cmsdk_uart *u = dev;
    u->rx_held = hold;
    if (!hold)
        rx_take(u);
}

static void uart_set_client(void *dev, const struct hil_uart_client *client)
{
    struct cmsdk_uart *u = dev;
    u->client = client;
    *reg(u, CTRL) |= CTRL_RXINTEN;
    rx_take(u);                     /* a byte that arrived before: no interrupt will say so */
}

void cmsdk_uart_init(struct cmsdk_uart *u, uintptr_t base, unsigned irq_tx, unsigned irq_rx,
                     uint32_t pclk_hz, uint32_t baud)
{
    u->base = base;
    u->buf = NULL;
    u->client = NULL;
    u->rx_held = 0;
    u->hil = (struct hil_uart){ u, uart_transmit, uart_putc_polled, uart_set_client,
                                uart_rx_hold };
    *reg(u, CTRL) = 0;
    *reg(u, BAUDDIV) = pclk_hz / baud;
    *reg(u, INTSTATUS) = INT_TX | INT_RX;
    *reg(u, CTRL) = CTRL_TXEN | CTRL_RXEN;
    arch_irq_register(irq_tx, tx_irq, u);
    arch_irq_register(irq_rx, rx_irq, u);
    arch_irq_enable(irq_tx);
    arch_irq_enable(irq_rx);
}
