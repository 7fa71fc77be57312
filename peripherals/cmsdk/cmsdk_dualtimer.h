/* ARM CMSDK APB dual-input timer: two SP804-style down-counters sharing one window. */
#ifndef PERIPHERALS_CMSDK_DUALTIMER_H
#define PERIPHERALS_CMSDK_DUALTIMER_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_DUALTIMER_BASE). Timer 1 at 0x000, timer 2 at 0x020:
 *           +0x00 LOAD     reload value; a write also loads the count
 *           +0x04 VALUE    current count (read-only)
 *           +0x08 CONTROL  [0] one-shot, [1] 32-bit, [3:2] prescale (/1, /16, /256),
 *                          [5] interrupt enable, [6] periodic (0 = free-running), [7] enable
 *           +0x0c INTCLR   write: clears the interrupt
 *           +0x10 RIS      [0] raw interrupt status
 *           +0x14 MIS      [0] RIS AND interrupt enable
 *           +0x18 BGLOAD   reload value, without loading the count
 *           0xf00 ITCR     [0] integration test mode: the lines follow ITOP
 *           0xf04 ITOP     [0] timer 1 line, [1] timer 2 line in test mode (write-only)
 *           0xfd0..0xffc   PID4-7, PID0-3, CID0-3 (read-only identification)
 *   IRQs:   irq (TIMINTC: either timer; cm4 CM4_IRQ_DUALTIMER), irq1 and irq2 (each timer's
 *           MIS). Connect with irq_connect() after cmsdk_dualtimer_init().
 *   Clock:  TIMCLK = PCLK (pclk_hz), divided by the prescaler. Counts are computed from virtual
 *           time when read; each timer schedules one event, at its next step to zero.
 * Register map and modelling choices: doc/devices/cmsdk_dualtimer.md.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/device.h"

struct cmsdk_dualtimer;

/* One of the two counters. Stopped: the count is `value`. Running: the count was `value` at
 * PCLK tick `start` (and reads 0 before it: the tick held at 0 after a wrap) and steps down
 * every `div` ticks; `next_zero` is the tick of the next step to 0 (the interrupt). */
struct cmsdk_dualtimer_unit {
    struct cmsdk_dualtimer *parent;
    /* State (snapshots copy it as one span, from control up to the event). */
    uint32_t control, load, intstatus;
    uint32_t value_hi;          /* VALUE bits 31:16 shown in 16-bit mode (QEMU's reading) */
    bool running;
    uint32_t value, div;
    uint64_t start, next_zero;
    struct clock_event zero;
};

struct cmsdk_dualtimer {
    struct device_env env;
    uint64_t pclk_hz;
    struct irq_line irq, irq1, irq2;
    struct cmsdk_dualtimer_unit unit[2];
    uint32_t itcr, itop;
};

extern const struct device_ops cmsdk_dualtimer_ops;

/* Sets up d (all state, then reset). */
void cmsdk_dualtimer_init(struct cmsdk_dualtimer *d, const struct device_env *env, uint64_t pclk_hz);
void cmsdk_dualtimer_reset(void *dev);

#endif
