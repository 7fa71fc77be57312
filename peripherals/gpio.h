/* tocksim GPIO bank: 32 pins with direction, output, input and edge interrupts. */
#ifndef PERIPHERALS_GPIO_H
#define PERIPHERALS_GPIO_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_GPIO_BASE). Bit n of every register is pin n.
 *           0x000 ID          "GPIO" (GPIO_ID), read-only; reads 0 where the bank is absent
 *           0x004 VERSION     GPIO_VERSION, read-only
 *           0x008 DIR         1 = output, 0 = input                              (reset 0)
 *           0x00c OUT         output levels                                      (reset 0)
 *           0x010 IN          pin levels: OUT for outputs, the external level for inputs
 *           0x014 SET         write: OUT |= value   (reads 0)
 *           0x018 CLR         write: OUT &= ~value  (reads 0)
 *           0x01c TOGGLE      write: OUT ^= value   (reads 0)
 *           0x020 IRQ_RISE    1 = a rising edge of the pin sets its IRQ_STATUS bit (reset 0)
 *           0x024 IRQ_FALL    1 = a falling edge sets it                          (reset 0)
 *           0x028 IRQ_STATUS  latched edges; write 1 to clear                     (reset 0)
 *   IRQ:    irq, high while IRQ_STATUS != 0 (cm4: CM4_IRQ_GPIO); connect with irq_connect()
 *           after gpio_init().
 *   Clock:  none (edges are detected when levels change).
 *   Host:   gpio_set_input() drives a pin from outside; pin_changed is called when a register
 *           write changes a pin's level; every level change is a "pin" trace event.
 * Register map: doc/devices/gpio.md.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/device.h"

#define GPIO_ID       0x4f495047u   /* "GPIO" little-endian: must equal CM4_ID_GPIO */
#define GPIO_VERSION  1u
#define GPIO_PINS     32

struct gpio {
    struct device_env env;
    void (*pin_changed)(void *ctx, unsigned pin, bool level);
    void *pin_ctx;
    struct irq_line irq;

    /* State, to the end of the struct (snapshots copy it as one span). */
    uint32_t dir, out, irq_rise, irq_fall, irq_status;  /* registers */
    uint32_t ext;           /* levels driven from outside (host state: survives a reset) */
    uint32_t level;         /* current pin levels, as IN reads them */
};

extern const struct device_ops gpio_ops;

/* Sets up g (all state, then reset). pin_changed may be NULL. */
void gpio_init(struct gpio *g, const struct device_env *env,
               void (*pin_changed)(void *ctx, unsigned pin, bool level), void *pin_ctx);
void gpio_reset(void *dev);
/* Drives pin from outside (a button, a wire); seen by the guest while the pin is an input.
 * Out-of-range pins are ignored. */
void gpio_set_input(struct gpio *g, unsigned pin, bool level);

#endif
