/* cm4 chip: MPS2 FPGA-IO user LEDs and push buttons. */
#ifndef KERNEL_CHIPS_CM4_FPGAIO_H
#define KERNEL_CHIPS_CM4_FPGAIO_H

#include <stdint.h>

#include "kernel/chips/cm4/gpio.h"
#include "kernel/hil/button.h"
#include "kernel/hil/led.h"

struct fpgaio {
    uintptr_t base;
    unsigned num_leds, num_buttons;
    /* Button change detection: GPIO pins (tocksim) or polling on a dual-timer (QEMU). */
    struct cm4_gpio *gpio;
    unsigned btn_pin0;
    uintptr_t poll_timer;
    uint32_t poll_ticks;
    uint32_t watched, last;
    const struct hil_button_client *client;
    struct hil_led leds;
    struct hil_button buttons;
};

/* LEDs and buttons at base. Button changes interrupt through GPIO pins btn_pin0.. if gpio is
 * present; otherwise the dual-timer at poll_timer (irq poll_irq) samples them every
 * poll_ticks PCLK ticks while any button is watched. */
void fpgaio_init(struct fpgaio *f, uintptr_t base, unsigned num_leds, unsigned num_buttons,
                 struct cm4_gpio *gpio, unsigned btn_pin0, uintptr_t poll_timer,
                 unsigned poll_irq, uint32_t poll_ticks);

#endif
