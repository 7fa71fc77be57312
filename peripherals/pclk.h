/* Peripheral-clock arithmetic: CPU cycles <-> ticks of an APB clock, without drift. */
#ifndef PERIPHERALS_PCLK_H
#define PERIPHERALS_PCLK_H

#include <stdint.h>

#include "sim/core/clock.h"

/*
 * The CPU clock and a peripheral clock (e.g. the 25 MHz PCLK of the cm4 board) both start at
 * cycle 0. PCLK tick k is the k-th rising edge: it happens at the first CPU cycle c with
 * floor(c * pclk_hz / cpu_hz) >= k. Devices that count PCLK edges keep absolute tick numbers
 * and convert to cycles only when they schedule an event: a duration converted to cycles would
 * be rounded every period and drift.
 */

/* Number of PCLK ticks that have happened by CPU cycle `cycle`. */
static inline uint64_t pclk_ticks_at(const struct vclock *c, uint64_t pclk_hz, uint64_t cycle)
{
    return clock_ticks_at(cycle, c->hz, pclk_hz);
}

/* Number of PCLK ticks that have happened by now. */
static inline uint64_t pclk_now(const struct vclock *c, uint64_t pclk_hz)
{
    return pclk_ticks_at(c, pclk_hz, c->now);
}

/* The first CPU cycle at which PCLK tick `tick` has happened (rounds up). */
static inline uint64_t pclk_cycle_of(const struct vclock *c, uint64_t pclk_hz, uint64_t tick)
{
    uint64_t cycle = clock_ticks_at(tick, pclk_hz, c->hz);     /* rounds down */
    if (pclk_ticks_at(c, pclk_hz, cycle) < tick)
        cycle++;
    return cycle;
}

#endif
