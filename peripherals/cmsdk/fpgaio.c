/*
 * MPS2 FPGA system control and I/O block ("FPGAIO").
 *
 * Follows ARM Application Note AN386 (Cortex-M4 on MPS2, "FPGA system control and I/O" at
 * 0x40028000) and QEMU's model (hw/misc/mps2-fpgaio.c as instantiated by hw/arm/mps2.c for
 * mps2-an386: two LEDs, no switches, no DBGCTRL, prescaler clock 25 MHz), our fidelity
 * reference for the counters.
 *
 * Not modelled: the MISC bits' effects on other devices (SPI/CLCD select: stored and read
 * back, as on QEMU), DBGCTRL and SWITCH (absent on AN386: bad offsets, as on QEMU).
 *
 * Choices:
 *  - BUTTON reflects the host's button state, 1 = pressed (QEMU always reads 0: firmware that
 *    polls buttons sees them "never pressed" there). Writes to BUTTON are bad offsets (QEMU).
 *  - CLK1HZ and CLK100HZ count whole periods of virtual time since reset (or since written),
 *    as QEMU derives them from its virtual clock; written values continue counting from there.
 *  - PSCNTR counts down once per prescaler tick; the tick after it reads 0 it reloads from
 *    PRESCALE and COUNTER increments (QEMU's reading; with PRESCALE 0, COUNTER then increments
 *    every tick). Prescaler ticks are counted from cycle 0 (peripherals/pclk.h), so repeated
 *    reads never lose time.
 */
#include "peripherals/cmsdk/fpgaio.h"

#include <string.h>

#include "peripherals/pclk.h"

enum {
    A_LED0 = 0x00, A_BUTTON = 0x08, A_CLK1HZ = 0x10, A_CLK100HZ = 0x14, A_COUNTER = 0x18,
    A_PRESCALE = 0x1c, A_PSCNTR = 0x20, A_MISC = 0x4c,
};
#define LED_MASK ((1u << FPGAIO_NUM_LEDS) - 1)

/* Value of a counter of frequency hz that read 0 at cycle `zero` (wraps at 32 bits). */
static uint32_t fpgaio_clk_read(const struct fpgaio *f, uint64_t zero, uint64_t hz)
{
    const struct vclock *c = f->env.clock;
    return (uint32_t)clock_ticks_at(c->now - zero, c->hz, hz);
}

/* The cycle at which a counter of frequency hz reading `value` now would have read 0. */
static uint64_t fpgaio_clk_zero(const struct fpgaio *f, uint32_t value, uint64_t hz)
{
    const struct vclock *c = f->env.clock;
    return c->now - clock_ticks_at(value, hz, c->hz);
}

/* Brings COUNTER and PSCNTR up to the current prescaler tick. After `ticks` ticks a counter
 * at P reaches 0 after P of them; each of the remaining u = ticks - P ticks steps
 * 0 -> PRESCALE -> ... -> 0, a cycle of R + 1 ticks whose first step increments COUNTER. */
static void fpgaio_resync(struct fpgaio *f)
{
    uint64_t now = pclk_now(f->env.clock, f->prescale_hz);
    uint64_t ticks = now - f->ps_sync;
    f->ps_sync = now;
    if (ticks < f->pscntr) {
        f->pscntr -= (uint32_t)ticks;
        return;
    }
    uint64_t u = ticks - f->pscntr;             /* ticks since PSCNTR reached 0 */
    uint64_t cycle = (uint64_t)f->prescale + 1;
    /* u + R: the increments happen at u = 1, 1 + cycle, 1 + 2 cycle, ... */
    f->counter += (uint32_t)((u + f->prescale) / cycle);
    f->pscntr = f->prescale - (uint32_t)((u + f->prescale) % cycle);
}

/* Sets LED0, telling the host about every LED that changed. */
static void fpgaio_set_leds(struct fpgaio *f, uint32_t leds)
{
    uint32_t changed = (leds ^ f->led0) & LED_MASK;
    f->led0 = leds & LED_MASK;
    for (unsigned i = 0; i < FPGAIO_NUM_LEDS; i++) {
        if (!(changed & (1u << i)))
            continue;
        bool on = f->led0 & (1u << i);
        trace_event(f->env.trace, "led", "\"dev\":\"%s\",\"led\":%u,\"on\":%s", f->env.name, i,
                    on ? "true" : "false");
        if (f->led_changed)
            f->led_changed(f->led_ctx, i, on);
    }
}

/* Reads have no side effects here (resync is a lazy catch-up of the counters, invisible to the
 * guest): the guest's read is the debugger's peek. */
static bool fpgaio_peek(void *dev, uint32_t offset, uint32_t *value)
{
    struct fpgaio *f = dev;
    switch (offset) {
    case A_LED0:
        *value = f->led0;
        return true;
    case A_BUTTON:
        *value = f->buttons;
        return true;
    case A_CLK1HZ:
        *value = fpgaio_clk_read(f, f->clk1hz_zero, 1);
        return true;
    case A_CLK100HZ:
        *value = fpgaio_clk_read(f, f->clk100hz_zero, 100);
        return true;
    case A_COUNTER:
        fpgaio_resync(f);
        *value = f->counter;
        return true;
    case A_PRESCALE:
        *value = f->prescale;
        return true;
    case A_PSCNTR:
        fpgaio_resync(f);
        *value = f->pscntr;
        return true;
    case A_MISC:
        *value = f->misc;
        return true;
    default:
        return false;
    }
}

static uint32_t fpgaio_read(void *dev, uint32_t offset, unsigned size)
{
    struct fpgaio *f = dev;
    uint32_t v = 0;
    (void)size;
    if (fpgaio_peek(dev, offset, &v))
        return v;
    trace_guest_error(f->env.trace, f->env.name, "mps2-fpgaio read: bad offset 0x%x", offset);
    return 0;
}

static void fpgaio_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct fpgaio *f = dev;
    (void)size;
    switch (offset) {
    case A_LED0:
        fpgaio_set_leds(f, value);
        return;
    case A_CLK1HZ:
        f->clk1hz_zero = fpgaio_clk_zero(f, value, 1);
        return;
    case A_CLK100HZ:
        f->clk100hz_zero = fpgaio_clk_zero(f, value, 100);
        return;
    case A_COUNTER:
        fpgaio_resync(f);
        f->counter = value;
        return;
    case A_PRESCALE:
        fpgaio_resync(f);               /* ticks so far counted with the old reload value */
        f->prescale = value;
        return;
    case A_PSCNTR:
        fpgaio_resync(f);
        f->pscntr = value;
        return;
    case A_MISC:
        f->misc = value;
        return;
    default:
        break;
    }
    trace_guest_error(f->env.trace, f->env.name, "mps2-fpgaio write: bad offset 0x%x", offset);
}

void fpgaio_reset(void *dev)
{
    struct fpgaio *f = dev;
    fpgaio_set_leds(f, 0);
    f->prescale = 0;
    f->misc = 0;
    f->clk1hz_zero = f->env.clock->now;
    f->clk100hz_zero = f->env.clock->now;
    f->counter = 0;
    f->pscntr = 0;
    f->ps_sync = pclk_now(f->env.clock, f->prescale_hz);
}

void fpgaio_init(struct fpgaio *f, const struct device_env *env, uint64_t prescale_hz,
                 void (*led_changed)(void *ctx, unsigned led, bool on), void *led_ctx)
{
    memset(f, 0, sizeof(*f));
    f->env = *env;
    f->prescale_hz = prescale_hz;
    f->led_changed = led_changed;
    f->led_ctx = led_ctx;
    fpgaio_reset(f);
}

void fpgaio_set_button(struct fpgaio *f, unsigned idx, bool pressed)
{
    if (idx >= FPGAIO_NUM_BUTTONS)
        return;
    if (pressed)
        f->buttons |= 1u << idx;
    else
        f->buttons &= ~(1u << idx);
}

void fpgaio_snapshot(const void *dev, struct snap_writer *w)
{
    const struct fpgaio *f = dev;
    snap_put(w, SNAP_TAIL(f, led0));
}

void fpgaio_restore(void *dev, struct snap_reader *r)
{
    struct fpgaio *f = dev;
    snap_get(r, SNAP_TAIL(f, led0));
}

const struct device_ops fpgaio_ops = {
    .kind = "mps2-fpgaio",
    .reset = fpgaio_reset,
    .read = fpgaio_read,
    .peek = fpgaio_peek,
    .write = fpgaio_write,
    .snapshot = fpgaio_snapshot,
    .restore = fpgaio_restore,
};
