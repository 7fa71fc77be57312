/*
 * ARM CMSDK APB dual-input timer.
 *
 * Follows the Cortex-M System Design Kit TRM (ARM DDI 0479C, "APB dual-input timers", which
 * defers to the SP804 dual timer's programming model) and QEMU's model
 * (hw/timer/cmsdk-apb-dualtimer.c on ptimer with the same policies as the APB timer), our
 * fidelity reference. Register layout and ID values are facts from those sources.
 *
 * Not modelled: TIMCLKEN (the timer clock is always PCLK), PCLKG gating.
 *
 * Choices (QEMU's readings unless said otherwise):
 *  - Each counter steps down once every 1, 16 or 256 PCLK ticks (PRESCALE 3 is undefined:
 *    a guest error, counted as 256). The prescaler restarts whenever the count is (re)loaded.
 *  - The interrupt fires on the step to 0 (RIS set regardless of the enable; MIS and the lines
 *    follow RIS AND CONTROL[5]). The count then holds 0 for one step and wraps: to LOAD in
 *    periodic mode (a period of LOAD + 1 steps), to 0xffff / 0xffffffff when free-running.
 *    One-shot mode stops at 0. A count started from 0 holds 0 one step and wraps, silently.
 *  - In 16-bit mode VALUE bits 31:16 read the upper half of the last value written to LOAD
 *    (or of the count when the timer switched from 32 to 16 bits); they reset to 0xffff.
 *  - BGLOAD changes the value of the next wrap only. A LOAD write loads the count; in
 *    periodic mode LOAD 0 stops the counter.
 *  - Difference from QEMU: a LOAD write to an enabled periodic timer keeps it periodic; QEMU
 *    restarts it as one-shot until the next CONTROL write (its LOAD path passes oneshot = 1).
 *  - Periodic mode with LOAD 0 stops after the step to 0 (QEMU's ptimer disables itself there).
 */
#include "peripherals/cmsdk/cmsdk_dualtimer.h"

#include <string.h>

#include "peripherals/pclk.h"

enum {
    A_LOAD = 0x00, A_VALUE = 0x04, A_CONTROL = 0x08, A_INTCLR = 0x0c, A_RIS = 0x10, A_MIS = 0x14,
    A_BGLOAD = 0x18, A_T2 = 0x20, A_ITCR = 0xf00, A_ITOP = 0xf04, A_PID4 = 0xfd0, A_CID3 = 0xffc,
};
enum {
    CTL_ONESHOT = 1u << 0, CTL_SIZE32 = 1u << 1, CTL_PRESCALE = 3u << 2, CTL_INTEN = 1u << 5,
    CTL_PERIODIC = 1u << 6, CTL_ENABLE = 1u << 7, CTL_MASK = 0xef,
};

/* PID4..PID7, PID0..PID3, CID0..CID3: part 0x823, ARM JEP106 code (TRM; QEMU timer_id[]). */
static const uint8_t dualtimer_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x23, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static bool unit_mis(const struct cmsdk_dualtimer_unit *u)
{
    return u->intstatus && (u->control & CTL_INTEN);
}

static void dualtimer_update(struct cmsdk_dualtimer *d)
{
    bool i1 = unit_mis(&d->unit[0]), i2 = unit_mis(&d->unit[1]);
    if (d->itcr & 1) {                  /* integration test: ITOP drives the lines */
        i1 = d->itop & 1;
        i2 = d->itop & 2;
    }
    irq_set(&d->irq1, i1);
    irq_set(&d->irq2, i2);
    irq_set(&d->irq, i1 || i2);
}

static uint64_t unit_now(const struct cmsdk_dualtimer_unit *u)
{
    return pclk_now(u->parent->env.clock, u->parent->pclk_hz);
}

static uint32_t unit_width(uint32_t control)
{
    return (control & CTL_SIZE32) ? 0xffffffffu : 0xffffu;
}

static uint32_t unit_divisor(uint32_t control)
{
    static const uint32_t div[4] = { 1, 16, 256, 256 };
    return div[(control & CTL_PRESCALE) >> 2];
}

/* The value the count wraps to after a step to 0. */
static uint32_t unit_limit(const struct cmsdk_dualtimer_unit *u)
{
    uint32_t width = unit_width(u->control);
    return (u->control & CTL_PERIODIC) ? u->load & width : width;
}

/* The count at PCLK tick `tick` (not before the current segment's base). */
static uint32_t unit_count_at(const struct cmsdk_dualtimer_unit *u, uint64_t tick)
{
    if (!u->running)
        return u->value;
    if (tick < u->start)
        return 0;                       /* the step held at 0 after a wrap */
    uint64_t steps = (tick - u->start) / u->div;
    if (steps < u->value)
        return u->value - (uint32_t)steps;
    uint64_t period = (uint64_t)unit_limit(u) + 1;  /* overdue zero: wrap as it will */
    if ((u->control & CTL_ONESHOT) || period == 1)
        return 0;
    uint64_t phase = (steps - u->value) % period;
    return phase == 0 ? 0 : (uint32_t)(period - phase);
}

static void unit_halt(struct cmsdk_dualtimer_unit *u, uint32_t value)
{
    u->running = false;
    u->value = value;
    clock_cancel(u->parent->env.clock, &u->zero);
}

/* Counts from `value` starting at tick `base`. From 0 the count holds one step and wraps
 * without an interrupt (nothing to wrap to in one-shot mode or with a zero limit: stopped). */
static void unit_run_from(struct cmsdk_dualtimer_unit *u, uint64_t base, uint32_t value)
{
    u->div = unit_divisor(u->control);
    u->start = base;
    if (value == 0) {
        if ((u->control & CTL_ONESHOT) || unit_limit(u) == 0) {
            unit_halt(u, 0);
            return;
        }
        u->start = base + u->div;
        value = unit_limit(u);
    }
    u->running = true;
    u->value = value;
    u->next_zero = u->start + (uint64_t)value * u->div;
    struct vclock *c = u->parent->env.clock;
    clock_schedule_at(c, &u->zero, pclk_cycle_of(c, u->parent->pclk_hz, u->next_zero));
}

/* The count stepped to 0: interrupt, then stop (one-shot) or wrap. */
static void unit_zero(void *ctx)
{
    struct cmsdk_dualtimer_unit *u = ctx;
    u->intstatus = 1;
    if (u->control & CTL_ONESHOT)
        unit_halt(u, 0);
    else
        unit_run_from(u, u->next_zero, 0);
    dualtimer_update(u->parent);
}

/* A register access after an overdue step must see its interrupt (see cmsdk_timer.c). */
static void unit_catch_up(struct cmsdk_dualtimer_unit *u)
{
    while (u->running && u->next_zero <= unit_now(u))
        unit_zero(u);
}

/* CONTROL write. Changes of mode, one-shot or interrupt enable apply from the next step to 0;
 * a change of prescaler or width reloads the current count (QEMU's ptimer does the same). */
static void unit_write_control(struct cmsdk_dualtimer_unit *u, uint32_t value)
{
    uint32_t old = u->control, now_ctl = value & CTL_MASK;
    if ((now_ctl & CTL_PRESCALE) == CTL_PRESCALE)
        trace_guest_error(u->parent->env.trace, u->parent->env.name,
                          "cmsdk-apb-dualtimer: CONTROL.PRESCALE 3 is undefined");
    bool reload = (old ^ now_ctl) & (CTL_PRESCALE | CTL_SIZE32);
    if (u->running && (now_ctl & CTL_ENABLE) && !reload) {
        u->control = now_ctl;
        return;
    }
    uint32_t count = unit_count_at(u, unit_now(u));
    if ((old ^ now_ctl) & CTL_SIZE32) {
        if (now_ctl & CTL_SIZE32) {
            count = (u->value_hi & 0xffff0000u) | (count & 0xffffu);
        } else {
            u->value_hi = count;
            count &= 0xffffu;
        }
    }
    unit_halt(u, count);
    u->control = now_ctl;
    if (now_ctl & CTL_ENABLE)
        unit_run_from(u, unit_now(u), count);
}

static void unit_write_load(struct cmsdk_dualtimer_unit *u, uint32_t value)
{
    u->load = value;
    u->value_hi = value;
    uint32_t count = value & unit_width(u->control);
    if (!(u->control & CTL_PERIODIC)) {             /* free-running: only the count */
        if (u->running)
            unit_run_from(u, unit_now(u), count);
        else
            u->value = count;
    } else if (count != 0 && (u->control & CTL_ENABLE)) {
        unit_run_from(u, unit_now(u), count);
    } else {
        unit_halt(u, count);                        /* LOAD 0 stops a periodic timer */
    }
}

static uint32_t dualtimer_read(void *dev, uint32_t offset, unsigned size)
{
    struct cmsdk_dualtimer *d = dev;
    struct cmsdk_dualtimer_unit *u = &d->unit[(offset / A_T2) & 1];
    (void)size;
    unit_catch_up(&d->unit[0]);
    unit_catch_up(&d->unit[1]);
    switch (offset) {
    case A_LOAD: case A_T2 + A_LOAD:
    case A_BGLOAD: case A_T2 + A_BGLOAD:
        return u->load;
    case A_VALUE: case A_T2 + A_VALUE: {
        uint32_t count = unit_count_at(u, unit_now(u));
        return (u->control & CTL_SIZE32) ? count : (u->value_hi & 0xffff0000u) | count;
    }
    case A_CONTROL: case A_T2 + A_CONTROL:
        return u->control;
    case A_RIS: case A_T2 + A_RIS:
        return u->intstatus;
    case A_MIS: case A_T2 + A_MIS:
        return unit_mis(u);
    case A_ITCR:
        return d->itcr;
    case A_PID4 ... A_CID3:
        if (offset & 3)
            break;
        return dualtimer_id[(offset - A_PID4) / 4];
    default:
        break;
    }
    trace_guest_error(d->env.trace, d->env.name, "cmsdk-apb-dualtimer read: bad offset 0x%x", offset);
    return 0;
}

static void dualtimer_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct cmsdk_dualtimer *d = dev;
    struct cmsdk_dualtimer_unit *u = &d->unit[(offset / A_T2) & 1];
    (void)size;
    unit_catch_up(&d->unit[0]);
    unit_catch_up(&d->unit[1]);
    switch (offset) {
    case A_LOAD: case A_T2 + A_LOAD:
        unit_write_load(u, value);
        return;
    case A_BGLOAD: case A_T2 + A_BGLOAD:
        u->load = value;                /* used at the next wrap */
        return;
    case A_CONTROL: case A_T2 + A_CONTROL:
        unit_write_control(u, value);
        dualtimer_update(d);
        return;
    case A_INTCLR: case A_T2 + A_INTCLR:
        u->intstatus = 0;
        dualtimer_update(d);
        return;
    case A_ITCR:
        d->itcr = value & 1;
        dualtimer_update(d);
        return;
    case A_ITOP:
        d->itop = value & 3;
        dualtimer_update(d);
        return;
    default:
        break;
    }
    trace_guest_error(d->env.trace, d->env.name, "cmsdk-apb-dualtimer write: bad offset 0x%x", offset);
}

void cmsdk_dualtimer_reset(void *dev)
{
    struct cmsdk_dualtimer *d = dev;
    for (int i = 0; i < 2; i++) {
        struct cmsdk_dualtimer_unit *u = &d->unit[i];
        unit_halt(u, 0xffff);           /* free-running, 16-bit: VALUE reads 0xffffffff */
        u->control = CTL_INTEN;
        u->load = 0;
        u->intstatus = 0;
        u->value_hi = 0xffffffffu;
        u->div = 1;
        u->start = 0;
        u->next_zero = 0;
    }
    d->itcr = 0;
    d->itop = 0;
    dualtimer_update(d);
}

void cmsdk_dualtimer_init(struct cmsdk_dualtimer *d, const struct device_env *env, uint64_t pclk_hz)
{
    memset(d, 0, sizeof(*d));
    d->env = *env;
    d->pclk_hz = pclk_hz;
    for (int i = 0; i < 2; i++) {
        d->unit[i].parent = d;
        clock_event_init(&d->unit[i].zero, i ? "dualtimer2-zero" : "dualtimer1-zero", unit_zero,
                         &d->unit[i]);
    }
    cmsdk_dualtimer_reset(d);
}

static void dualtimer_snapshot(const void *dev, struct snap_writer *w)
{
    const struct cmsdk_dualtimer *d = dev;
    for (int i = 0; i < 2; i++) {
        snap_put(w, SNAP_SPAN(&d->unit[i], control, zero));
        clock_event_snapshot(&d->unit[i].zero, w);
    }
    snap_put(w, &d->itcr, sizeof(d->itcr));
    snap_put(w, &d->itop, sizeof(d->itop));
    irq_snapshot(&d->irq, w);
    irq_snapshot(&d->irq1, w);
    irq_snapshot(&d->irq2, w);
}

static void dualtimer_restore(void *dev, struct snap_reader *r)
{
    struct cmsdk_dualtimer *d = dev;
    for (int i = 0; i < 2; i++) {
        snap_get(r, SNAP_SPAN(&d->unit[i], control, zero));
        clock_event_restore(d->env.clock, &d->unit[i].zero, r);
    }
    snap_get(r, &d->itcr, sizeof(d->itcr));
    snap_get(r, &d->itop, sizeof(d->itop));
    irq_restore(&d->irq, r);
    irq_restore(&d->irq1, r);
    irq_restore(&d->irq2, r);
}

const struct device_ops cmsdk_dualtimer_ops = {
    .kind = "cmsdk-apb-dualtimer",
    .reset = cmsdk_dualtimer_reset,
    .read = dualtimer_read,
    .write = dualtimer_write,
    .snapshot = dualtimer_snapshot,
    .restore = dualtimer_restore,
};
