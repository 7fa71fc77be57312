/*
 * ARM CMSDK APB UART.
 *
 * Follows the Cortex-M System Design Kit TRM (ARM DDI 0479C, "APB UART") and QEMU's model of
 * it (hw/char/cmsdk-apb-uart.c), which is our fidelity reference: firmware must see the same
 * register behaviour on both. Register layout and ID values are facts from those sources.
 *
 * Not modelled: the serial line itself (no bit timing on RXD/TXD, no framing or break), the
 * BAUDTICK output, the fractional part of the baud divider (BAUDDIV[3:0] only trims the
 * 16x oversampling clock and does not change the average bit time).
 *
 * Timing, our choices where QEMU (which sends instantly) gives no guidance:
 *  - The transmitter is double-buffered as in the TRM: a byte written to DATA moves into the
 *    shift register as soon as that is free, which clears TXFULL (the falling edge of TXFULL is
 *    the TX interrupt). The shift register then stays busy for one character, 10 * BAUDDIV PCLK
 *    ticks (10 ticks in high-speed test mode, which shifts one bit per PCLK cycle). So the first
 *    byte behaves as on QEMU (TXFULL clears at once), and a stream runs at the line rate.
 *  - The host sees a byte when it enters the shift register, so a transcript is complete even
 *    when firmware exits right after its last write (cmsdk_uart_flush() covers the buffer).
 *  - BAUDDIV < 16 is illegal. QEMU still transmits (and logs a guest error when TX is enabled),
 *    so firmware sees its output there; we do the same and time characters as for BAUDDIV = 16.
 *  - A byte written while TX is disabled waits in the buffer (TXFULL) and goes out when TX is
 *    enabled. On QEMU it would stay stuck; firmware that enables TX first behaves the same.
 *  - A write while TXFULL sets TX overrun and replaces the buffered byte (as QEMU does).
 *  - Host input: the hardware holds one received byte. Host bytes wait in a queue (as QEMU's
 *    character backend holds input while the RX buffer is full or RX is disabled) and arrive
 *    one character time apart, and never sooner than one bit time after the guest read DATA,
 *    so an interrupt handler that reads DATA and then clears INTSTATUS.RX does not lose the
 *    next byte's interrupt. Pasted text is never dropped; overruns only come from rx_wire.
 */
#include "peripherals/cmsdk/cmsdk_uart.h"

#include <string.h>

#include "peripherals/pclk.h"

enum {
    A_DATA = 0x000, A_STATE = 0x004, A_CTRL = 0x008, A_INTSTATUS = 0x00c, A_BAUDDIV = 0x010,
    A_PID4 = 0xfd0, A_CID3 = 0xffc,
};
enum {
    STATE_TXFULL = 1u << 0, STATE_RXFULL = 1u << 1,
    STATE_TXOVR = 1u << 2, STATE_RXOVR = 1u << 3,
};
enum {
    CTRL_TX_EN = 1u << 0, CTRL_RX_EN = 1u << 1, CTRL_TX_INTEN = 1u << 2, CTRL_RX_INTEN = 1u << 3,
    CTRL_TXO_INTEN = 1u << 4, CTRL_RXO_INTEN = 1u << 5, CTRL_HSTEST = 1u << 6, CTRL_MASK = 0x7f,
};
enum { INT_TX = 1u << 0, INT_RX = 1u << 1, INT_TXO = 1u << 2, INT_RXO = 1u << 3 };
#define BAUDDIV_MASK 0xfffffu
#define BAUDDIV_MIN  16u

/* PID4..PID7, PID0..PID3, CID0..CID3: part 0x821, ARM JEP106 code (TRM; QEMU uart_id[]). */
static const uint8_t uart_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x21, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

/* Derives INTSTATUS's overrun bits (STATE overrun AND its enable) and drives the IRQ lines. */
static void uart_update(struct cmsdk_uart *u)
{
    uint32_t ovr = INT_TXO | INT_RXO;
    /* STATE bits 2-3 line up with CTRL bits 4-5 shifted down by 2, and with INTSTATUS 2-3. */
    u->intstatus = (u->intstatus & ~ovr) | (u->state & (u->ctrl >> 2) & ovr);
    irq_set(&u->irq_tx, u->intstatus & INT_TX);
    irq_set(&u->irq_rx, u->intstatus & INT_RX);
    irq_set(&u->irq_ovf, u->intstatus & ovr);
}

static uint64_t uart_pclk_now(const struct cmsdk_uart *u)
{
    return pclk_now(u->env.clock, u->pclk_hz);
}

/* PCLK ticks per bit; illegal divisors time as the smallest legal one (see file header). */
static uint64_t uart_bit_ticks(const struct cmsdk_uart *u)
{
    return u->bauddiv < BAUDDIV_MIN ? BAUDDIV_MIN : u->bauddiv;
}

static uint64_t uart_tx_char_ticks(const struct cmsdk_uart *u)
{
    return (u->ctrl & CTRL_HSTEST) ? 10 : 10 * uart_bit_ticks(u);
}

/* Moves the buffered byte into a free shift register: the host gets the byte, TXFULL falls
 * (the TX interrupt) and the shifter is busy for one character. */
static void uart_tx_start(struct cmsdk_uart *u)
{
    if (!(u->ctrl & CTRL_TX_EN) || !(u->state & STATE_TXFULL) || u->tx_done.queued)
        return;
    u->state &= ~STATE_TXFULL;
    if (u->ctrl & CTRL_TX_INTEN)
        u->intstatus |= INT_TX;
    if (u->tx)
        u->tx(u->tx_ctx, u->txbuf);
    uint64_t start = uart_pclk_now(u);
    if (start < u->tx_end)          /* back to back: starts when the previous stop bit ends */
        start = u->tx_end;
    u->tx_end = start + uart_tx_char_ticks(u);
    clock_schedule_at(u->env.clock, &u->tx_done, pclk_cycle_of(u->env.clock, u->pclk_hz, u->tx_end));
    uart_update(u);
}

static void uart_tx_done(void *ctx)
{
    uart_tx_start(ctx);
}

/* A byte completes reception: it lands in the RX buffer, overrunning an unread one. */
static void uart_rx_latch(struct cmsdk_uart *u, uint8_t byte)
{
    if (u->state & STATE_RXFULL)
        u->state |= STATE_RXOVR;
    u->rxbuf = byte;
    u->state |= STATE_RXFULL;
    if (u->ctrl & CTRL_RX_INTEN)
        u->intstatus |= INT_RX;
    uart_update(u);
}

static bool uart_rx_can_take(const struct cmsdk_uart *u)
{
    return (u->ctrl & CTRL_RX_EN) && !(u->state & STATE_RXFULL) && u->rxq_len > 0;
}

/* Delivers the next queued host byte into the RX buffer. */
static void uart_rx_deliver(struct cmsdk_uart *u)
{
    uint8_t byte = u->rxq[u->rxq_head];
    u->rxq_head = (u->rxq_head + 1) % CMSDK_UART_RXQ_SIZE;
    u->rxq_len--;
    u->rx_next = uart_pclk_now(u) + 10 * uart_bit_ticks(u);
    uart_rx_latch(u, byte);
}

/* Arranges for the next queued byte to arrive at PCLK tick `earliest` or later (at once if
 * that time has come), if the receiver can take it. */
static void uart_rx_pump(struct cmsdk_uart *u, uint64_t earliest)
{
    if (!uart_rx_can_take(u) || u->rx_arrive.queued)
        return;
    if (earliest < u->rx_next)
        earliest = u->rx_next;
    if (earliest <= uart_pclk_now(u))
        uart_rx_deliver(u);
    else
        clock_schedule_at(u->env.clock, &u->rx_arrive,
                          pclk_cycle_of(u->env.clock, u->pclk_hz, earliest));
}

static void uart_rx_arrive(void *ctx)
{
    struct cmsdk_uart *u = ctx;
    if (uart_rx_can_take(u))        /* RX may have been disabled meanwhile */
        uart_rx_deliver(u);
}

/* Every register but DATA reads without side effects; DATA's peek is the byte held. */
static bool uart_peek(void *dev, uint32_t offset, uint32_t *value)
{
    struct cmsdk_uart *u = dev;
    switch (offset) {
    case A_DATA: *value = u->rxbuf; return true;
    case A_STATE: *value = u->state; return true;
    case A_CTRL: *value = u->ctrl; return true;
    case A_INTSTATUS: *value = u->intstatus; return true;
    case A_BAUDDIV: *value = u->bauddiv; return true;
    case A_PID4 ... A_CID3:
        if (offset & 3)
            return false;
        *value = uart_id[(offset - A_PID4) / 4];
        return true;
    default:
        return false;
    }
}

static uint32_t uart_read(void *dev, uint32_t offset, unsigned size)
{
    struct cmsdk_uart *u = dev;
    uint32_t v = 0;
    (void)size;
    if (offset == A_DATA) {
        uint8_t byte = u->rxbuf;
        u->state &= ~STATE_RXFULL;
        uart_update(u);
        uart_rx_pump(u, uart_pclk_now(u) + uart_bit_ticks(u));
        return byte;
    }
    if (uart_peek(u, offset, &v))
        return v;
    trace_guest_error(u->env.trace, u->env.name, "cmsdk-apb-uart read: bad offset 0x%x", offset);
    return 0;
}

static void uart_write_data(struct cmsdk_uart *u, uint8_t byte)
{
    u->txbuf = byte;
    if (u->state & STATE_TXFULL) {
        u->state |= STATE_TXOVR;        /* the new byte replaces the waiting one */
        uart_update(u);
    } else {
        u->state |= STATE_TXFULL;
        uart_tx_start(u);
    }
}

static void uart_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct cmsdk_uart *u = dev;
    (void)size;
    switch (offset) {
    case A_DATA:
        uart_write_data(u, (uint8_t)value);
        return;
    case A_STATE:                       /* bits 0-1 read-only, 2-3 write-1-to-clear */
        u->state &= ~(value & (STATE_TXOVR | STATE_RXOVR));
        uart_update(u);
        return;
    case A_CTRL:
        u->ctrl = value & CTRL_MASK;
        if ((u->ctrl & CTRL_TX_EN) && u->bauddiv < BAUDDIV_MIN)
            trace_guest_error(u->env.trace, u->env.name,
                              "cmsdk-apb-uart: TX enabled with invalid BAUDDIV %u", u->bauddiv);
        uart_update(u);
        uart_tx_start(u);
        uart_rx_pump(u, 0);
        return;
    case A_INTSTATUS:                   /* INTCLEAR: overrun bits clear the STATE bits */
        u->state &= ~(value & (STATE_TXOVR | STATE_RXOVR));
        u->intstatus &= ~value;
        uart_update(u);
        return;
    case A_BAUDDIV:
        u->bauddiv = value & BAUDDIV_MASK;
        return;
    case A_PID4 ... A_CID3:
        if (offset & 3)
            break;
        trace_guest_error(u->env.trace, u->env.name,
                          "cmsdk-apb-uart write: read-only offset 0x%x", offset);
        return;
    default:
        break;
    }
    trace_guest_error(u->env.trace, u->env.name, "cmsdk-apb-uart write: bad offset 0x%x", offset);
}

void cmsdk_uart_reset(void *dev)
{
    struct cmsdk_uart *u = dev;
    clock_cancel(u->env.clock, &u->tx_done);
    clock_cancel(u->env.clock, &u->rx_arrive);
    u->state = 0;
    u->ctrl = 0;
    u->intstatus = 0;
    u->bauddiv = 0;
    u->txbuf = 0;
    u->rxbuf = 0;
    u->tx_end = 0;
    u->rx_next = 0;
    uart_update(u);
}

void cmsdk_uart_init(struct cmsdk_uart *u, const struct device_env *env, uint64_t pclk_hz,
                     void (*tx)(void *ctx, uint8_t byte), void *tx_ctx)
{
    memset(u, 0, sizeof(*u));
    u->env = *env;
    u->pclk_hz = pclk_hz;
    u->tx = tx;
    u->tx_ctx = tx_ctx;
    clock_event_init(&u->tx_done, "uart-tx", uart_tx_done, u);
    clock_event_init(&u->rx_arrive, "uart-rx", uart_rx_arrive, u);
    cmsdk_uart_reset(u);
}

size_t cmsdk_uart_receive(struct cmsdk_uart *u, const uint8_t *buf, size_t n)
{
    size_t taken = 0;
    while (taken < n && u->rxq_len < CMSDK_UART_RXQ_SIZE) {
        u->rxq[(u->rxq_head + u->rxq_len) % CMSDK_UART_RXQ_SIZE] = buf[taken++];
        u->rxq_len++;
    }
    uart_rx_pump(u, 0);
    return taken;
}

void cmsdk_uart_rx_wire(struct cmsdk_uart *u, uint8_t byte)
{
    if (u->ctrl & CTRL_RX_EN)
        uart_rx_latch(u, byte);
}

void cmsdk_uart_flush(struct cmsdk_uart *u)
{
    if (!(u->ctrl & CTRL_TX_EN) || !(u->state & STATE_TXFULL))
        return;                     /* with TX disabled the byte never went out */
    u->state &= ~STATE_TXFULL;
    if (u->tx)
        u->tx(u->tx_ctx, u->txbuf);
}

static void uart_snapshot(const void *dev, struct snap_writer *w)
{
    const struct cmsdk_uart *u = dev;
    snap_put(w, SNAP_SPAN(u, state, tx_done));
    irq_snapshot(&u->irq_tx, w);
    irq_snapshot(&u->irq_rx, w);
    irq_snapshot(&u->irq_ovf, w);
    clock_event_snapshot(&u->tx_done, w);
    clock_event_snapshot(&u->rx_arrive, w);
}

static void uart_restore(void *dev, struct snap_reader *r)
{
    struct cmsdk_uart *u = dev;
    snap_get(r, SNAP_SPAN(u, state, tx_done));
    irq_restore(&u->irq_tx, r);
    irq_restore(&u->irq_rx, r);
    irq_restore(&u->irq_ovf, r);
    clock_event_restore(u->env.clock, &u->tx_done, r);
    clock_event_restore(u->env.clock, &u->rx_arrive, r);
}

const struct device_ops cmsdk_uart_ops = {
    .kind = "cmsdk-apb-uart",
    .reset = cmsdk_uart_reset,
    .read = uart_read,
    .write = uart_write,
    .snapshot = uart_snapshot,
    .restore = uart_restore,
    .peek = uart_peek,
};
