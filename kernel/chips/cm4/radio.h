/* cm4 chip: the tocksim IEEE 802.15.4 radio (absent on QEMU: detected by its ID register). Used
 * by both boards (same address on rv32). */
#ifndef KERNEL_CHIPS_CM4_RADIO_H
#define KERNEL_CHIPS_CM4_RADIO_H

#include <stdint.h>

#include "kernel/hil/radio.h"

struct cm4_radio {
    uintptr_t base;
    int present, tx_busy;
    uint8_t rx_buf[128];            /* where the radio writes received frames */
    const struct hil_radio_client *client;
    struct hil_radio hil;
};

/* Probes the radio at base; if present, hooks irq (the radio stays off). Returns whether it is
 * present. */
int cm4_radio_init(struct cm4_radio *r, uintptr_t base, unsigned irq, uint32_t id);

#endif
