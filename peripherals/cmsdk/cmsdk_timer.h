/* ARM CMSDK APB timer: a 32-bit down-counter on PCLK with reload and one interrupt. */
#ifndef PERIPHERALS_CMSDK_TIMER_H
#define PERIPHERALS_CMSDK_TIMER_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_TIMER0_BASE, CM4_TIMER1_BASE).
 *           0x000 CTRL       [0] enable, [1] EXTIN as enable, [2] EXTIN as clock (both stored,
 *                            not modelled), [3] interrupt enable
 *           0x004 VALUE      current count (write: load it)
 *           0x008 RELOAD     reload value (write: also loads VALUE)
 *           0x00c INTSTATUS  read: [0] interrupt pending; write: INTCLEAR, 1 clears
 *           0xfd0..0xffc     PID4-7, PID0-3, CID0-3 (read-only identification)
 *   IRQ:    irq (level = INTSTATUS[0]); connect with irq_connect() after cmsdk_timer_init().
 *   Clock:  counts down by one per PCLK tick (pclk_hz). VALUE is computed from virtual time
 *           when read; the only clock event is the next time the count reaches zero.
 * Register map and modelling choices: doc/devices/cmsdk_timer.md.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/device.h"

struct cmsdk_timer {
    struct device_env env;
    uint64_t pclk_hz;
    struct irq_line irq;

    /* Registers (VALUE derived: see below). State from here up to the event: snapshots copy
     * it as one span. */
    uint32_t ctrl, reload, intstatus;

    /* Counting. Stopped: VALUE = value. Running: VALUE was `value` at PCLK tick `start` and
     * has counted down since; `next_zero` is the tick of the next 1 -> 0 step (the interrupt).
     * "Running" is not CTRL.EN: a one-shot count (RELOAD = 0) stops at zero with EN still set. */
    bool running;
    uint32_t value;
    uint64_t start, next_zero;
    struct clock_event zero;
};

extern const struct device_ops cmsdk_timer_ops;

/* Sets up t (all state, then reset). */
void cmsdk_timer_init(struct cmsdk_timer *t, const struct device_env *env, uint64_t pclk_hz);
void cmsdk_timer_reset(void *dev);

#endif
