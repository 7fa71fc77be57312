/*
 * ARM CMSDK APB timer.
 *
 * Follows the Cortex-M System Design Kit TRM (ARM DDI 0479C, "APB timer") and QEMU's model
 * (hw/timer/cmsdk-apb-timer.c on top of hw/core/ptimer.c with the policies
 * WRAP_AFTER_ONE_PERIOD, TRIGGER_ONLY_ON_DECREMENT, NO_IMMEDIATE_RELOAD,
 * NO_COUNTER_ROUND_DOWN), which is our fidelity reference.
 *
 * Not modelled: the EXTIN input (CTRL bits 1 and 2 are stored and read back, as on QEMU, but
 * the timer always counts PCLK); the PCLKG clock gating.
 *
 * The TRM leaves the exact reload behaviour open. Like QEMU we read it as: the interrupt
 * fires when the count steps from 1 to 0; the counter then holds 0 for one PCLK tick and
 * reloads from RELOAD, so a period is RELOAD + 1 ticks. Reaching 0 by a load (VALUE written
 * with 0, or a reload of 0) is no step from 1 and raises nothing. With RELOAD = 0 the count runs
 * once down to 0 (interrupt) and stops there. Writes follow QEMU's register semantics:
 *  - RELOAD: also loads VALUE; 0 stops the count; non-zero (re)starts it when EN is set.
 *  - VALUE: loads the count and restarts counting from it (VALUE 0 with RELOAD non-zero: 0
 *    for one tick, then the reload, without an interrupt); with RELOAD = 0, writing 0 stops.
 *  - CTRL.EN 1 starts a stopped count from VALUE (not when VALUE and RELOAD are both 0);
 *    a running count is not disturbed. CTRL.EN 0 freezes VALUE.
 *  - The interrupt sets INTSTATUS only if CTRL's interrupt enable is set at that moment.
 *
 * Time: the counter steps on PCLK edges counted from cycle 0 (peripherals/pclk.h); VALUE is
 * computed from the tick number when read, and each interrupt time is the previous one plus
 * RELOAD + 1 ticks, so the period never drifts even when the event queue fires late.
 */
#include "peripherals/cmsdk/cmsdk_timer.h"

#include <string.h>

#include "peripherals/pclk.h"

enum {
    A_CTRL = 0x000, A_VALUE = 0x004, A_RELOAD = 0x008, A_INTSTATUS = 0x00c,
    A_PID4 = 0xfd0, A_CID3 = 0xffc,
};
enum { CTRL_EN = 1u << 0, CTRL_EXTIN = 3u << 1, CTRL_IRQEN = 1u << 3, CTRL_MASK = 0xf };
enum { INT_IRQ = 1u << 0 };

/* PID4..PID7, PID0..PID3, CID0..CID3: part 0x822, ARM JEP106 code (TRM; QEMU timer_id[]). */
static const uint8_t timer_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x22, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static void timer_update(struct cmsdk_timer *t)
{
    irq_set(&t->irq, t->intstatus & INT_IRQ);
}

static uint64_t timer_pclk_now(const struct cmsdk_timer *t)
{
    return pclk_now(t->env.clock, t->pclk_hz);
}

/* VALUE at PCLK tick `tick` (not before the current start). */
static uint32_t timer_value_at(const struct cmsdk_timer *t, uint64_t tick)
{
    if (!t->running)
        return t->value;
    uint64_t elapsed = tick - t->start;
    if (elapsed < t->value)
        return t->value - (uint32_t)elapsed;
    if (t->reload == 0)
        return 0;                       /* one-shot: holds 0 */
    /* Periodic: 0 at phase 0 (the tick of the zero), then RELOAD, RELOAD-1, ..., 1. */
    uint64_t period = (uint64_t)t->reload + 1;
    uint64_t phase = (elapsed - t->value) % period;
    return phase == 0 ? 0 : (uint32_t)(period - phase);
}

static void timer_schedule_zero(struct cmsdk_timer *t)
{
    clock_schedule_at(t->env.clock, &t->zero, pclk_cycle_of(t->env.clock, t->pclk_hz, t->next_zero));
}

/* Freezes the count at its current value. */
static void timer_stop(struct cmsdk_timer *t)
{
    if (!t->running)
        return;
    t->value = timer_value_at(t, timer_pclk_now(t));
    t->running = false;
    clock_cancel(t->env.clock, &t->zero);
}

/* Starts counting from `value` now. Nothing to count (value 0, RELOAD 0) leaves it stopped. */
static void timer_start(struct cmsdk_timer *t, uint32_t value)
{
    t->value = value;
    if (value == 0 && t->reload == 0) {
        t->running = false;
        clock_cancel(t->env.clock, &t->zero);
        return;
    }
    t->running = true;
    t->start = timer_pclk_now(t);
    /* From 0 (periodic only) the first step is the silent reload one tick later. */
    t->next_zero = t->start + (value != 0 ? value : (uint64_t)t->reload + 1);
    timer_schedule_zero(t);
}

/* The count stepped from 1 to 0. */
static void timer_zero(void *ctx)
{
    struct cmsdk_timer *t = ctx;
    if (t->ctrl & CTRL_IRQEN)
        t->intstatus |= INT_IRQ;
    if (t->reload == 0) {
        t->running = false;             /* one-shot done: VALUE stays 0 */
        t->value = 0;
        clock_cancel(t->env.clock, &t->zero);
    } else {
        t->next_zero += (uint64_t)t->reload + 1;
        timer_schedule_zero(t);
    }
    timer_update(t);
}

/* The event queue may fire up to a basic block late; a register access in between must
 * already see the interrupt (so what firmware sees never depends on block boundaries). */
static void timer_catch_up(struct cmsdk_timer *t)
{
    while (t->running && t->next_zero <= timer_pclk_now(t))
        timer_zero(t);
}

static uint32_t timer_read(void *dev, uint32_t offset, unsigned size)
{
    struct cmsdk_timer *t = dev;
    (void)size;
    timer_catch_up(t);
    switch (offset) {
    case A_CTRL:
        return t->ctrl;
    case A_VALUE:
        return timer_value_at(t, timer_pclk_now(t));
    case A_RELOAD:
        return t->reload;
    case A_INTSTATUS:
        return t->intstatus;
    case A_PID4 ... A_CID3:
        if (offset & 3)
            break;
        return timer_id[(offset - A_PID4) / 4];
    default:
        break;
    }
    trace_guest_error(t->env.trace, t->env.name, "cmsdk-apb-timer read: bad offset 0x%x", offset);
    return 0;
}

static void timer_write_ctrl(struct cmsdk_timer *t, uint32_t value)
{
    if (value & CTRL_EXTIN)
        trace_event(t->env.trace, "unimplemented",
                    "\"dev\":\"%s\",\"what\":\"cmsdk-apb-timer EXTIN\"", t->env.name);
    t->ctrl = value & CTRL_MASK;
    if (!(t->ctrl & CTRL_EN))
        timer_stop(t);
    else if (!t->running)
        timer_start(t, t->value);
}

static void timer_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct cmsdk_timer *t = dev;
    (void)size;
    timer_catch_up(t);
    switch (offset) {
    case A_CTRL:
        timer_write_ctrl(t, value);
        return;
    case A_VALUE:
        if (t->running || (value != 0 && (t->ctrl & CTRL_EN)))
            timer_start(t, value);
        else
            t->value = value;
        return;
    case A_RELOAD:
        t->reload = value;
        timer_stop(t);
        if (value != 0 && (t->ctrl & CTRL_EN))
            timer_start(t, value);
        else
            t->value = value;
        return;
    case A_INTSTATUS:
        t->intstatus &= ~(value & INT_IRQ);
        timer_update(t);
        return;
    case A_PID4 ... A_CID3:
        if (offset & 3)
            break;
        trace_guest_error(t->env.trace, t->env.name,
                          "cmsdk-apb-timer write: read-only offset 0x%x", offset);
        return;
    default:
        break;
    }
    trace_guest_error(t->env.trace, t->env.name, "cmsdk-apb-timer write: bad offset 0x%x", offset);
}

void cmsdk_timer_reset(void *dev)
{
    struct cmsdk_timer *t = dev;
    clock_cancel(t->env.clock, &t->zero);
    t->ctrl = 0;
    t->reload = 0;
    t->intstatus = 0;
    t->running = false;
    t->value = 0;
    t->start = 0;
    t->next_zero = 0;
    timer_update(t);
}

void cmsdk_timer_init(struct cmsdk_timer *t, const struct device_env *env, uint64_t pclk_hz)
{
    memset(t, 0, sizeof(*t));
    t->env = *env;
    t->pclk_hz = pclk_hz;
    clock_event_init(&t->zero, "timer-zero", timer_zero, t);
    cmsdk_timer_reset(t);
}

static void timer_snapshot(const void *dev, struct snap_writer *w)
{
    const struct cmsdk_timer *t = dev;
    snap_put(w, SNAP_SPAN(t, ctrl, zero));
    irq_snapshot(&t->irq, w);
    clock_event_snapshot(&t->zero, w);
}

static void timer_restore(void *dev, struct snap_reader *r)
{
    struct cmsdk_timer *t = dev;
    snap_get(r, SNAP_SPAN(t, ctrl, zero));
    irq_restore(&t->irq, r);
    clock_event_restore(t->env.clock, &t->zero, r);
}

const struct device_ops cmsdk_timer_ops = {
    .kind = "cmsdk-apb-timer",
    .reset = cmsdk_timer_reset,
    .read = timer_read,
    .write = timer_write,
    .snapshot = timer_snapshot,
    .restore = timer_restore,
};
