/* rv32 chip: NS16550A UART driver.
 *
 * Follows the TI PC16550D datasheet and doc/devices/ns16550a.md (byte registers, stride 1).
 * FIFOs stay off, as at reset: enabling them clears the receiver, and a byte typed while the
 * kernel boots must not be lost; one byte waits in RBR, and the sender waits behind it.
 * Transmission of a process's buffer is driven by the THR-empty interrupt: each one refills
 * the transmitter, and the one after the last byte completes the transfer. Kernel messages use putc_polled, which first sends the rest of the
 * transfer in flight. The interrupt handler reads IIR until it says "none": reading IIR clears
 * a THR-empty report, reading RBR a data one. Holding reception (backpressure) turns the data
 * interrupt off, so the bytes wait in the FIFO (and the sender waits) without interrupting.
 */
#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/chips/rv32/ns16550a.h"
#include "kernel/core/syscall.h"

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, LCR = 3, MCR = 4, LSR = 5 };

#define IER_RDI       0x01u         /* received data available */
#define IER_THRI      0x02u         /* THR empty */
#define IIR_NONE      0x01u
#define IIR_ID        0x0eu
#define IIR_LINE      0x06u
#define IIR_RX        0x04u
#define IIR_TIMEOUT   0x0cu
#define IIR_THR       0x02u
#define LCR_8N1       0x03u
#define LCR_DLAB      0x80u
#define MCR_OUT2      0x08u
#define LSR_DR        0x01u
#define LSR_THRE      0x20u
#define FIFO_DEPTH    16            /* bytes per THR-empty interrupt, at most */

static volatile uint8_t *reg(const struct ns16550a *u, unsigned off)
{
    return (volatile uint8_t *)(u->base + off);
}

static void ier_set(struct ns16550a *u, uint8_t bits, int on)
{
    uint8_t v = *reg(u, IER);
    *reg(u, IER) = on ? (uint8_t)(v | bits) : (uint8_t)(v & ~bits);
}

/* Puts the next bytes of the transfer into the transmitter while it takes them (one byte on
 * a real 16550 with FIFOs off; all of them on QEMU and tocksim, whose transmission is
 * instantaneous), at most a FIFO's worth per interrupt. */
static void tx_fill(struct ns16550a *u)
{
    for (int n = 0; n < FIFO_DEPTH && u->pos < u->len && (*reg(u, LSR) & LSR_THRE); n++)
        *reg(u, THR) = u->buf[u->pos++];
}

/* THR empty: refill, or complete the transfer once everything went out. */
static void tx_irq(struct ns16550a *u)
{
    if (!u->buf)
        return;
    if (u->pos < u->len) {
        tx_fill(u);
        return;
    }
    u->buf = NULL;
    ier_set(u, IER_THRI, 0);
    if (u->client && u->client->tx_done)
        u->client->tx_done(u->client->ctx);
}

/* Hands received bytes to the client until none is left or the client holds reception. */
static void rx_take(struct ns16550a *u)
{
    while (!u->rx_held && (*reg(u, LSR) & LSR_DR)) {
        uint8_t b = *reg(u, RBR);
        if (u->client && u->client->rx)
            u->client->rx(u->client->ctx, b);
    }
}

static void uart_irq(void *ctx)
{
    struct ns16550a *u = ctx;
    uint8_t iir;
    while (!((iir = *reg(u, IIR)) & IIR_NONE)) {
        switch (iir & IIR_ID) {
        case IIR_LINE:
            (void)*reg(u, LSR);     /* reading LSR clears the overrun */
            break;
        case IIR_RX:
        case IIR_TIMEOUT:
            rx_take(u);             /* if that held reception, the report is off now */
            break;
        case IIR_THR:
            tx_irq(u);
            break;
        default:
            return;
        }
    }
}

static int uart_transmit(void *dev, const uint8_t *buf, size_t len)
{
    struct ns16550a *u = dev;
    if (u->buf)
        return ERR_BUSY;
    u->buf = buf;
    u->len = len;
    u->pos = 0;
    tx_fill(u);
    ier_set(u, IER_THRI, 1);        /* THR empty interrupts: refills, then completion */
    return 0;
}

static void put_polled(struct ns16550a *u, uint8_t c)
{
    while (!(*reg(u, LSR) & LSR_THRE))
        ;
    *reg(u, THR) = c;
}

/* Kernel output first finishes the transfer in flight, so a kernel message never lands in
 * the middle of it; its completion still comes with the next THR-empty interrupt. */
static void uart_putc_polled(void *dev, char c)
{
    struct ns16550a *u = dev;
    while (u->buf && u->pos < u->len)
        put_polled(u, u->buf[u->pos++]);
    put_polled(u, (uint8_t)c);
}

static void uart_rx_hold(void *dev, int hold)
{
    struct ns16550a *u = dev;
    u->rx_held = hold;
    ier_set(u, IER_RDI, !hold);
    if (!hold)
        rx_take(u);
}

static void uart_set_client(void *dev, const struct hil_uart_client *client)
{
    struct ns16550a *u = dev;
    u->client = client;
    ier_set(u, IER_RDI, !u->rx_held);
    rx_take(u);                     /* a byte that arrived before: no interrupt will say so */
}

void ns16550a_init(struct ns16550a *u, uintptr_t base, unsigned irq, uint32_t divisor)
{
    u->base = base;
    u->buf = NULL;
    u->client = NULL;
    u->rx_held = 0;
    u->hil = (struct hil_uart){ u, uart_transmit, uart_putc_polled, uart_set_client,
                                uart_rx_hold };
    *reg(u, IER) = 0;
    *reg(u, LCR) = LCR_DLAB;
    *reg(u, DLL) = (uint8_t)divisor;
    *reg(u, DLM) = (uint8_t)(divisor >> 8);
    *reg(u, LCR) = LCR_8N1;
    *reg(u, MCR) = MCR_OUT2;
    arch_irq_register(irq, uart_irq, u);
    arch_irq_enable(irq);
}
