/* NS16550A UART: 8-bit registers, 16-byte FIFOs, programmable baud rate, one interrupt line. */
#ifndef PERIPHERALS_NS16550A_H
#define PERIPHERALS_NS16550A_H

/*
 * Interface
 *   Memory: a 4 KiB window (rv32: RV32_UART0_BASE = 0x10000000), byte registers at offsets
 *           0-7 (register shift 0, as on QEMU virt).
 *           0 RBR (read) / THR (write); DLL when LCR.DLAB = 1
 *           1 IER [0] RX data, [1] THR empty, [2] line status, [3] modem status; DLM when DLAB
 *           2 IIR (read): [0] no interrupt, [3:1] source, [7:6] 11 with FIFOs on
 *             FCR (write): [0] FIFO enable, [1] clear RX FIFO, [2] clear TX FIFO, [7:6] RX trigger
 *           3 LCR [1:0] word length - 5, [2] stop bits, [3] parity enable, [7] DLAB
 *           4 MCR (stored; loopback not modelled)
 *           5 LSR [0] data ready, [1] overrun, [5] THR empty, [6] transmitter empty
 *           6 MSR DCD|DSR|CTS (0xb0), read-only
 *           7 SCR scratch
 *   IRQs:   irq (rv32: PLIC source RV32_IRQ_UART0 = 10); connect with irq_connect() after
 *           ns16550a_init().
 *   Clock:  received characters take (start + data + parity + stop) bits of DLM:DLL ticks of a
 *           baudbase_hz clock (QEMU virt: 399193 baud at divisor 1); transmission is instant.
 *   Host:   every byte written to THR goes to the tx callback at once; host input is queued
 *           with ns16550a_receive() and arrives one character time apart, without loss.
 * Register map and modelling choices: doc/devices/ns16550a.md.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/device.h"

#define NS16550A_FIFO 16
#define NS16550A_RXQ_SIZE 256       /* host input waiting for the guest */

struct ns16550a {
    struct device_env env;
    uint64_t baudbase_hz;
    void (*tx)(void *ctx, uint8_t byte);
    void *tx_ctx;
    struct irq_line irq;

    /* Registers. State from here up to the events: snapshots copy it as one span. */
    uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
    bool overrun;                   /* LSR.OE, cleared by reading LSR */
    bool thr_ipending;              /* THR-empty interrupt, cleared by IIR read or THR write */
    bool timeout_ipending;          /* character timeout (FIFO mode) */

    /* RX FIFO (depth 1 with FIFOs off). */
    uint8_t rx_fifo[NS16550A_FIFO];
    unsigned rx_head, rx_len;

    /* Receiver: host bytes not yet received, the earliest tick for the next one, and the
     * character timeout. */
    uint8_t rxq[NS16550A_RXQ_SIZE];
    unsigned rxq_head, rxq_len;
    uint64_t rx_next;
    struct clock_event rx_arrive, rx_timeout;
};

extern const struct device_ops ns16550a_ops;

/* Sets up u (all state, then reset). tx may be NULL (output discarded). */
void ns16550a_init(struct ns16550a *u, const struct device_env *env, uint64_t baudbase_hz,
                   void (*tx)(void *ctx, uint8_t byte), void *tx_ctx);
/* Resets the registers; host input still queued is kept. */
void ns16550a_reset(void *dev);
/* Queues host input; returns how many bytes were accepted. */
size_t ns16550a_receive(struct ns16550a *u, const uint8_t *buf, size_t n);

#endif
