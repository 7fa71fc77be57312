/*
 * NS16550A UART.
 *
 * Follows the TI PC16550D datasheet (SNLS378C) and QEMU's model (hw/char/serial.c, QEMU 7.2,
 * as QEMU's virt machine maps it: register shift 0, baudbase 399193), our fidelity reference.
 * Reset values as QEMU: IIR 0x01, LSR 0x60, MSR 0xb0, MCR 0x08 (OUT2), divisor 12.
 *
 * Not modelled: loopback (MCR[4]) and modem-status changes (MSR is constant), parity, framing
 * and break errors, the FIFO error bit, DMA mode (FCR[3]). 1.5 stop bits time as 2.
 *
 * Timing:
 *  - Transmission is instantaneous, as on QEMU: the host gets each byte when THR is written,
 *    and THRE/TEMT never fall. Firmware written for QEMU virt that writes THR without polling
 *    LSR (common in bare-metal examples) loses nothing. The divisor only times reception.
 *  - THR empty interrupt: pending after every THR write and when IER[1] is set (THR is always
 *    empty); cleared by writing THR or by reading IIR when IIR reports it (as QEMU).
 *  - Host input arrives one character time apart into the RX FIFO (one byte with FIFOs off) and
 *    waits, without loss, while it is full. With FIFOs on, the data interrupt needs the trigger
 *    level; below it, a character timeout is flagged four character times after the last
 *    arrival or read (datasheet 8.6).
 */
#include "peripherals/virt/ns16550a.h"

#include <string.h>

#include "peripherals/pclk.h"

enum { R_RBR = 0, R_IER = 1, R_IIR = 2, R_LCR = 3, R_MCR = 4, R_LSR = 5, R_MSR = 6, R_SCR = 7 };
enum { IER_RDI = 1, IER_THRI = 2, IER_RLSI = 4, IER_MSI = 8 };
enum { IIR_NONE = 0x01, IIR_THRI = 0x02, IIR_RDI = 0x04, IIR_RLSI = 0x06, IIR_TIMEOUT = 0x0c,
       IIR_FIFO = 0xc0 };
enum { LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40 };
enum { FCR_ENABLE = 0x01, FCR_CLEAR_RX = 0x02, FCR_CLEAR_TX = 0x04 };
#define LCR_DLAB 0x80u
#define MSR_CONST 0xb0u             /* DCD | DSR | CTS */
static const unsigned rx_trigger[4] = { 1, 4, 8, 14 };

static bool fifo_on(const struct ns16550a *u)
{
    return u->fcr & FCR_ENABLE;
}

static unsigned depth(const struct ns16550a *u)
{
    return fifo_on(u) ? NS16550A_FIFO : 1;
}

static uint64_t baud_now(const struct ns16550a *u)
{
    return pclk_now(u->env.clock, u->baudbase_hz);
}

/* Baud-clock ticks per bit (the divisor; 0 behaves as 1). */
static uint64_t bit_ticks(const struct ns16550a *u)
{
    unsigned d = (unsigned)u->dlm << 8 | u->dll;
    return d ? d : 1;
}

static uint64_t char_ticks(const struct ns16550a *u)
{
    unsigned bits = 1 + 5 + (u->lcr & 3u) + ((u->lcr & 8u) ? 1 : 0) + ((u->lcr & 4u) ? 2 : 1);
    return bits * bit_ticks(u);
}

/* The highest-priority pending interrupt, as IIR's source field (IIR_NONE if none). */
static uint8_t ns_source(const struct ns16550a *u)
{
    if ((u->ier & IER_RLSI) && u->overrun)
        return IIR_RLSI;
    if ((u->ier & IER_RDI) && u->rx_len >= (fifo_on(u) ? rx_trigger[u->fcr >> 6] : 1))
        return IIR_RDI;
    if ((u->ier & IER_RDI) && u->timeout_ipending)
        return IIR_TIMEOUT;
    if ((u->ier & IER_THRI) && u->thr_ipending)
        return IIR_THRI;
    return IIR_NONE;
}

static void ns_update(struct ns16550a *u)
{
    irq_set(&u->irq, ns_source(u) != IIR_NONE);
}

static uint8_t ns_lsr(const struct ns16550a *u)
{
    uint8_t lsr = 0;
    if (u->rx_len)
        lsr |= LSR_DR;
    if (u->overrun)
        lsr |= LSR_OE;
    return lsr | LSR_THRE | LSR_TEMT;       /* transmission is instantaneous */
}

/* THR write: the byte goes out at once, as on QEMU, so THR is empty again right away. */
static void ns_write_thr(struct ns16550a *u, uint8_t byte)
{
    if (u->tx)
        u->tx(u->tx_ctx, byte);
    u->thr_ipending = true;
    ns_update(u);
}

/* Restarts the character timeout (FIFO mode, data below the trigger level). */
static void ns_rx_timeout_restart(struct ns16550a *u)
{
    u->timeout_ipending = false;
    clock_cancel(u->env.clock, &u->rx_timeout);
    if (fifo_on(u) && u->rx_len)
        clock_schedule_at(u->env.clock, &u->rx_timeout,
                          pclk_cycle_of(u->env.clock, u->baudbase_hz, baud_now(u) + 4 * char_ticks(u)));
}

static void ns_rx_timeout_fire(void *ctx)
{
    struct ns16550a *u = ctx;
    u->timeout_ipending = u->rx_len != 0;
    ns_update(u);
}

static void ns_rx_pump(struct ns16550a *u, uint64_t earliest);

static void ns_rx_deliver(struct ns16550a *u)
{
    uint8_t byte = u->rxq[u->rxq_head];
    u->rxq_head = (u->rxq_head + 1) % NS16550A_RXQ_SIZE;
    u->rxq_len--;
    u->rx_fifo[(u->rx_head + u->rx_len) % NS16550A_FIFO] = byte;
    u->rx_len++;
    u->rx_next = baud_now(u) + char_ticks(u);
    ns_rx_timeout_restart(u);
    ns_update(u);
    ns_rx_pump(u, u->rx_next);
}

/* Arranges for the next queued host byte to arrive at baud tick `earliest` or later. */
static void ns_rx_pump(struct ns16550a *u, uint64_t earliest)
{
    if (u->rxq_len == 0 || u->rx_len == depth(u) || u->rx_arrive.queued)
        return;
    if (earliest < u->rx_next)
        earliest = u->rx_next;
    if (earliest <= baud_now(u))
        ns_rx_deliver(u);
    else
        clock_schedule_at(u->env.clock, &u->rx_arrive, pclk_cycle_of(u->env.clock, u->baudbase_hz, earliest));
}

static void ns_rx_arrive(void *ctx)
{
    struct ns16550a *u = ctx;
    if (u->rxq_len && u->rx_len < depth(u))
        ns_rx_deliver(u);
}

static uint8_t ns_read_rbr(struct ns16550a *u)
{
    uint8_t byte = 0;
    if (u->rx_len) {
        byte = u->rx_fifo[u->rx_head];
        u->rx_head = (u->rx_head + 1) % NS16550A_FIFO;
        u->rx_len--;
    }
    ns_rx_timeout_restart(u);
    ns_update(u);
    ns_rx_pump(u, 0);
    return byte;
}

static uint8_t ns_read_iir(struct ns16550a *u)
{
    uint8_t src = ns_source(u);
    if (src == IIR_THRI) {
        u->thr_ipending = false;
        ns_update(u);
    }
    return src | (fifo_on(u) ? IIR_FIFO : 0);
}

/* What a read would return, without popping the RX FIFO, acknowledging THRE or clearing the
 * overrun flag. */
static bool ns_peek(void *dev, uint32_t offset, uint32_t *value)
{
    struct ns16550a *u = dev;
    bool dlab = u->lcr & LCR_DLAB;
    switch (offset) {
    case R_RBR: *value = dlab ? u->dll : u->rx_len ? u->rx_fifo[u->rx_head] : 0; return true;
    case R_IER: *value = dlab ? u->dlm : u->ier; return true;
    case R_IIR: *value = ns_source(u) | (fifo_on(u) ? IIR_FIFO : 0); return true;
    case R_LCR: *value = u->lcr; return true;
    case R_MCR: *value = u->mcr; return true;
    case R_LSR: *value = ns_lsr(u); return true;
    case R_MSR: *value = MSR_CONST; return true;
    case R_SCR: *value = u->scr; return true;
    default: return false;
    }
}

static uint32_t ns_read(void *dev, uint32_t offset, unsigned size)
{
    struct ns16550a *u = dev;
    bool dlab = u->lcr & LCR_DLAB;
    uint8_t lsr;
    (void)size;
    switch (offset) {
    case R_RBR: return dlab ? u->dll : ns_read_rbr(u);
    case R_IER: return dlab ? u->dlm : u->ier;
    case R_IIR: return ns_read_iir(u);
    case R_LCR: return u->lcr;
    case R_MCR: return u->mcr;
    case R_LSR:
        lsr = ns_lsr(u);
        u->overrun = false;
        ns_update(u);
        return lsr;
    case R_MSR: return MSR_CONST;
    case R_SCR: return u->scr;
    default: break;
    }
    trace_guest_error(u->env.trace, u->env.name, "ns16550a read: bad offset 0x%x", offset);
    return 0;
}

static void ns_write_fcr(struct ns16550a *u, uint8_t v)
{
    if ((v ^ u->fcr) & FCR_ENABLE)
        v |= FCR_CLEAR_RX | FCR_CLEAR_TX;       /* changing the mode clears both FIFOs */
    if (v & FCR_CLEAR_RX) {
        u->rx_len = 0;
        u->timeout_ipending = false;
        clock_cancel(u->env.clock, &u->rx_timeout);
    }
    if (v & FCR_CLEAR_TX)
        u->thr_ipending = true;
    u->fcr = v & 0xc1u;
    ns_update(u);
    ns_rx_pump(u, 0);
}

static void ns_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct ns16550a *u = dev;
    bool dlab = u->lcr & LCR_DLAB;
    uint8_t v = (uint8_t)value;
    (void)size;
    switch (offset) {
    case R_RBR:
        if (dlab)
            u->dll = v;
        else
            ns_write_thr(u, v);
        return;
    case R_IER:
        if (dlab) {
            u->dlm = v;
            return;
        }
        if (v & ~u->ier & IER_THRI)
            u->thr_ipending = true;             /* enabling it while THR is empty */
        u->ier = v & 0x0fu;
        ns_update(u);
        return;
    case R_IIR: ns_write_fcr(u, v); return;
    case R_LCR: u->lcr = v; return;
    case R_MCR: u->mcr = v & 0x1fu; return;
    case R_LSR:
    case R_MSR:
        trace_guest_error(u->env.trace, u->env.name, "ns16550a write: read-only offset 0x%x", offset);
        return;
    case R_SCR: u->scr = v; return;
    default: break;
    }
    trace_guest_error(u->env.trace, u->env.name, "ns16550a write: bad offset 0x%x", offset);
}

void ns16550a_reset(void *dev)
{
    struct ns16550a *u = dev;
    clock_cancel(u->env.clock, &u->rx_arrive);
    clock_cancel(u->env.clock, &u->rx_timeout);
    u->ier = 0;
    u->lcr = 0;
    u->mcr = 0x08;                  /* OUT2, as QEMU */
    u->scr = 0;
    u->dll = 12;
    u->dlm = 0;
    u->fcr = 0;
    u->overrun = false;
    u->thr_ipending = false;
    u->timeout_ipending = false;
    u->rx_head = u->rx_len = 0;
    u->rx_next = 0;
    ns_update(u);
    ns_rx_pump(u, 0);
}

void ns16550a_init(struct ns16550a *u, const struct device_env *env, uint64_t baudbase_hz,
                   void (*tx)(void *ctx, uint8_t byte), void *tx_ctx)
{
    memset(u, 0, sizeof(*u));
    u->env = *env;
    u->baudbase_hz = baudbase_hz;
    u->tx = tx;
    u->tx_ctx = tx_ctx;
    clock_event_init(&u->rx_arrive, "uart-rx", ns_rx_arrive, u);
    clock_event_init(&u->rx_timeout, "uart-rx-timeout", ns_rx_timeout_fire, u);
    ns16550a_reset(u);
}

size_t ns16550a_receive(struct ns16550a *u, const uint8_t *buf, size_t n)
{
    size_t taken = 0;
    while (taken < n && u->rxq_len < NS16550A_RXQ_SIZE) {
        u->rxq[(u->rxq_head + u->rxq_len) % NS16550A_RXQ_SIZE] = buf[taken++];
        u->rxq_len++;
    }
    ns_rx_pump(u, 0);
    return taken;
}

static void ns_snapshot(const void *dev, struct snap_writer *w)
{
    const struct ns16550a *u = dev;
    snap_put(w, SNAP_SPAN(u, ier, rx_arrive));
    irq_snapshot(&u->irq, w);
    clock_event_snapshot(&u->rx_arrive, w);
    clock_event_snapshot(&u->rx_timeout, w);
}

static void ns_restore(void *dev, struct snap_reader *r)
{
    struct ns16550a *u = dev;
    snap_get(r, SNAP_SPAN(u, ier, rx_arrive));
    irq_restore(&u->irq, r);
    clock_event_restore(u->env.clock, &u->rx_arrive, r);
    clock_event_restore(u->env.clock, &u->rx_timeout, r);
}

const struct device_ops ns16550a_ops = {
    .kind = "ns16550a",
    .reset = ns16550a_reset,
    .read = ns_read,
    .write = ns_write,
    .snapshot = ns_snapshot,
    .restore = ns_restore,
    .peek = ns_peek,
};
