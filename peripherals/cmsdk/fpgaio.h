/* MPS2 FPGA system control and I/O: user LEDs, push buttons, free-running counters. */
#ifndef PERIPHERALS_FPGAIO_H
#define PERIPHERALS_FPGAIO_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_FPGAIO_BASE).
 *           0x000 LED0      [1:0] user LEDs, 1 = on
 *           0x008 BUTTON    [1:0] user push buttons, 1 = pressed (read-only)
 *           0x010 CLK1HZ    counts up at 1 Hz (writable)
 *           0x014 CLK100HZ  counts up at 100 Hz (writable)
 *           0x018 COUNTER   counts up each time PSCNTR reloads (writable)
 *           0x01c PRESCALE  reload value of PSCNTR
 *           0x020 PSCNTR    counts down at the prescaler clock, reloads from PRESCALE
 *           0x04c MISC      misc control bits (stored only)
 *   IRQs:   none.
 *   Clock:  counters are derived from virtual time when read; the prescaler counts at
 *           prescale_hz (25 MHz = PCLK on mps2-an386). No clock events.
 *   Host:   fpgaio_set_button(); led_changed is called (and a "led" trace event written) for
 *           every LED that changes.
 * Register map and modelling choices: doc/devices/fpgaio.md.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/device.h"

#define FPGAIO_NUM_LEDS     2       /* AN386: two user LEDs in LED0 (QEMU num-leds = 2) */
#define FPGAIO_NUM_BUTTONS  2       /* AN386: two user push buttons in BUTTON */

struct fpgaio {
    struct device_env env;
    uint64_t prescale_hz;
    void (*led_changed)(void *ctx, unsigned led, bool on);
    void *led_ctx;

    /* State, to the end of the struct (snapshots copy it as one span). */
    uint32_t led0, prescale, misc;
    uint32_t buttons;               /* host state: survives a reset */
    /* CLK1HZ/CLK100HZ: the cycle at which each would have read 0 (modulo 2^64). */
    uint64_t clk1hz_zero, clk100hz_zero;
    /* COUNTER and PSCNTR as of prescaler tick `ps_sync` (brought up to date when accessed). */
    uint32_t counter, pscntr;
    uint64_t ps_sync;
};

extern const struct device_ops fpgaio_ops;

/* Sets up f (all state, then reset). led_changed may be NULL. */
void fpgaio_init(struct fpgaio *f, const struct device_env *env, uint64_t prescale_hz,
                 void (*led_changed)(void *ctx, unsigned led, bool on), void *led_ctx);
void fpgaio_reset(void *dev);
/* fpgaio_ops' snapshot functions (for boards that wrap the ops). */
void fpgaio_snapshot(const void *dev, struct snap_writer *w);
void fpgaio_restore(void *dev, struct snap_reader *r);
/* Presses (true) or releases button idx (0-based); out-of-range indexes are ignored. */
void fpgaio_set_button(struct fpgaio *f, unsigned idx, bool pressed);

#endif
