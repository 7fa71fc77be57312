/* cm4 chip: the tocksim GPIO bank driver (absent on QEMU: detected by its ID register). */
#ifndef KERNEL_CHIPS_CM4_GPIO_H
#define KERNEL_CHIPS_CM4_GPIO_H

#include <stdint.h>

#include "kernel/hil/gpio.h"

struct cm4_gpio {
    uintptr_t base;
    int present;
    const struct hil_gpio_client *client;
    /* Pins whose edges go to a chip-internal user (the buttons) instead of the client. */
    uint32_t private_mask;
    void (*private_edge)(void *ctx, unsigned pin, int level);
    void *private_ctx;
    struct hil_gpio hil;
};

/* Probes the bank at base; if present, hooks irq. Returns whether it is present (if not, the
 * HIL has 0 pins). */
int cm4_gpio_init(struct cm4_gpio *g, uintptr_t base, unsigned irq, uint32_t id);
/* Reserves the pins in mask as inputs interrupting on both edges, reported to edge(). */
void cm4_gpio_claim(struct cm4_gpio *g, uint32_t mask,
                    void (*edge)(void *ctx, unsigned pin, int level), void *ctx);
/* Turns edge interrupts of a claimed pin on or off. */
void cm4_gpio_claim_irq(struct cm4_gpio *g, unsigned pin, int on);

#endif
