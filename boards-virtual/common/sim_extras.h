/* What both virtual boards share, simulator side: our extra devices and the host I/O. */
#ifndef BOARDS_COMMON_SIM_EXTRAS_H
#define BOARDS_COMMON_SIM_EXTRAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "peripherals/finisher.h"
#include "peripherals/cmsdk/fpgaio.h"
#include "peripherals/gpio.h"
#include "peripherals/kdbg.h"
#include "peripherals/radio/radio802154.h"
#include "peripherals/rng.h"
#include "sim/core/machine.h"

/* The devices each board adds to the QEMU machine it copies (LEDs and buttons on the MPS2
 * FPGA-IO block, a GPIO bank, an RNG, the finisher, kernel-debug, an IEEE 802.15.4 radio). A board's state struct
 * begins with this one: the host I/O functions below find it at m->board. The buttons are
 * wired both to the FPGA-IO BUTTON register and to GPIO pins button_pin0.. (active high), so
 * the kernel can take interrupts from them. */
struct sim_extras {
    struct fpgaio fpgaio;
    struct gpio gpio;
    struct rng rng;
    struct finisher finisher;
    struct kdbg kdbg;
    struct radio802154 radio;
    unsigned button_pin0;
};

/* Where a board puts them. */
struct sim_extras_at {
    uint32_t fpgaio, gpio, rng, finisher, kdbg, radio;
    const struct device_ops *fpgaio_ops;    /* fpgaio_ops, or the board's variant of it */
};

/* Sets up the devices (after the board's own: devices are initialised in map order). */
void sim_extras_init(struct sim_extras *x, struct machine *m, uint32_t fpgaio_prescale_hz,
                     unsigned button_pin0, uint64_t seed);
/* Maps them, each in a 4 KiB window; false with a message on failure. */
bool sim_extras_map(struct sim_extras *x, struct machine *m, const struct sim_extras_at *at,
                    char *err, size_t errlen);

/* Maps one device window; false with "<board>: cannot map <name> at <base>" on failure. */
bool sim_extras_map_device(struct machine *m, const char *name, uint32_t base, uint32_t size,
                           const struct device_ops *ops, void *dev, char *err, size_t errlen);
/* Maps flash and RAM as in `layout` and records it; false with a message on failure. */
bool sim_extras_memory(struct machine *m, const struct machine_layout *layout, char *err,
                       size_t errlen);
/* A console UART's transmit callback (ctx: the machine): to the console and the trace. */
void sim_extras_console_tx(void *ctx, uint8_t byte);

/* board_desc host I/O (machine.h machine_io_*). */
void sim_extras_press_button(struct machine *m, unsigned idx, bool pressed);
void sim_extras_drive_pin(struct machine *m, unsigned pin, bool level);
bool sim_extras_led(struct machine *m, unsigned idx);
bool sim_extras_pin(struct machine *m, unsigned pin);
struct radio802154 *sim_extras_radio(struct machine *m);

#endif
