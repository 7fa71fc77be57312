/*
 * tocksim GPIO bank.
 *
 * Our own device (no manual, no QEMU counterpart): the register map is defined in gpio.h and
 * doc/devices/gpio.md. It lives where QEMU's mps2-an386 maps "RESERVED 4" (reads 0), so its ID
 * register tells firmware whether it is present.
 *
 * Not modelled: pull-ups/pull-downs (an input nobody drives reads 0), drive strength, open
 * drain, contention between an output and an external driver (the output wins).
 *
 * Choices:
 *  - Edges are detected on the pin level (IN), whatever the direction, so an output toggled by
 *    firmware also sets its status bit when enabled (handy for self-tests); switching a pin
 *    between input and output may change its level and so make an edge too.
 *  - IRQ_STATUS latches only edges whose IRQ_RISE/IRQ_FALL bit is set at that moment;
 *    clearing an enable does not clear a latched bit. The line is high while any bit is set.
 *  - pin_changed reports level changes caused by the guest (register writes, reset); the
 *    host's own gpio_set_input() drives are not echoed back. Both go to the trace.
 */
#include "gpio.h"

#include <string.h>

enum {
    A_ID = 0x000, A_VERSION = 0x004, A_DIR = 0x008, A_OUT = 0x00c, A_IN = 0x010,
    A_SET = 0x014, A_CLR = 0x018, A_TOGGLE = 0x01c, A_IRQ_RISE = 0x020, A_IRQ_FALL = 0x024,
    A_IRQ_STATUS = 0x028,
};

static void gpio_update(struct gpio *g)
{
    irq_set(&g->irq, g->irq_status != 0);
}

/* Recomputes the pin levels from DIR, OUT and the external drive; latches enabled edges and
 * reports changes (to pin_changed only when the guest caused them). */
static void gpio_apply(struct gpio *g, bool by_guest)
{
    uint32_t level = (g->dir & g->out) | (~g->dir & g->ext);
    uint32_t changed = level ^ g->level;
    g->level = level;
    g->irq_status |= (changed & level & g->irq_rise) | (changed & ~level & g->irq_fall);
    for (unsigned pin = 0; changed; pin++, changed >>= 1) {
        if (!(changed & 1))
            continue;
        bool high = level & (1u << pin);
        trace_event(g->env.trace, "pin", "\"dev\":\"%s\",\"pin\":%u,\"level\":%d,\"by\":\"%s\"",
                    g->env.name, pin, high, by_guest ? "guest" : "host");
        if (by_guest && g->pin_changed)
            g->pin_changed(g->pin_ctx, pin, high);
    }
    gpio_update(g);
}

/* Reads have no side effects here: the guest's read is the debugger's peek. */
static bool gpio_peek(void *dev, uint32_t offset, uint32_t *value)
{
    struct gpio *g = dev;
    switch (offset) {
    case A_ID:
        *value = GPIO_ID;
        return true;
    case A_VERSION:
        *value = GPIO_VERSION;
        return true;
    case A_DIR:
        *value = g->dir;
        return true;
    case A_OUT:
        *value = g->out;
        return true;
    case A_IN:
        *value = g->level;
        return true;
    case A_SET:
    case A_CLR:
    case A_TOGGLE:
        *value = 0;                       /* write-only helpers */
        return true;
    case A_IRQ_RISE:
        *value = g->irq_rise;
        return true;
    case A_IRQ_FALL:
        *value = g->irq_fall;
        return true;
    case A_IRQ_STATUS:
        *value = g->irq_status;
        return true;
    default:
        return false;
    }
}

static uint32_t gpio_read(void *dev, uint32_t offset, unsigned size)
{
    struct gpio *g = dev;
    uint32_t v = 0;
    (void)size;
    if (gpio_peek(dev, offset, &v))
        return v;
    trace_guest_error(g->env.trace, g->env.name, "gpio read: bad offset 0x%x", offset);
    return 0;
}

static void gpio_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct gpio *g = dev;
    (void)size;
    switch (offset) {
    case A_DIR:
        g->dir = value;
        break;
    case A_OUT:
        g->out = value;
        break;
    case A_SET:
        g->out |= value;
        break;
    case A_CLR:
        g->out &= ~value;
        break;
    case A_TOGGLE:
        g->out ^= value;
        break;
    case A_IRQ_RISE:
        g->irq_rise = value;
        break;
    case A_IRQ_FALL:
        g->irq_fall = value;
        break;
    case A_IRQ_STATUS:
        g->irq_status &= ~value;
        break;
    case A_ID:
    case A_VERSION:
    case A_IN:
        trace_guest_error(g->env.trace, g->env.name, "gpio write: read-only offset 0x%x", offset);
        return;
    default:
        trace_guest_error(g->env.trace, g->env.name, "gpio write: bad offset 0x%x", offset);
        return;
    }
    gpio_apply(g, true);
}

void gpio_reset(void *dev)
{
    struct gpio *g = dev;
    g->dir = 0;
    g->out = 0;
    g->irq_rise = 0;
    g->irq_fall = 0;
    gpio_apply(g, true);                /* outputs let go: pins follow the external drive */
    g->irq_status = 0;
    gpio_update(g);
}

void gpio_init(struct gpio *g, const struct device_env *env,
               void (*pin_changed)(void *ctx, unsigned pin, bool level), void *pin_ctx)
{
    memset(g, 0, sizeof(*g));
    g->env = *env;
    g->pin_changed = pin_changed;
    g->pin_ctx = pin_ctx;
    gpio_reset(g);
}

void gpio_set_input(struct gpio *g, unsigned pin, bool level)
{
    if (pin >= GPIO_PINS)
        return;
    if (level)
        g->ext |= 1u << pin;
    else
        g->ext &= ~(1u << pin);
    gpio_apply(g, false);
}

static void gpio_snapshot(const void *dev, struct snap_writer *w)
{
    const struct gpio *g = dev;
    snap_put(w, SNAP_TAIL(g, dir));
    irq_snapshot(&g->irq, w);
}

static void gpio_restore(void *dev, struct snap_reader *r)
{
    struct gpio *g = dev;
    snap_get(r, SNAP_TAIL(g, dir));
    irq_restore(&g->irq, r);
}

const struct device_ops gpio_ops = {
    .kind = "tocksim-gpio",
    .reset = gpio_reset,
    .read = gpio_read,
    .peek = gpio_peek,
    .write = gpio_write,
    .snapshot = gpio_snapshot,
    .restore = gpio_restore,
};
