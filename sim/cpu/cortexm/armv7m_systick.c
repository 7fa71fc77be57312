/*
 * ARMv7-M SysTick timer (ARM DDI 0403E, B3.3), part of the SCS model (armv7m_scs.h).
 *
 * The 24-bit counter counts down from RVR; the step from 1 to 0 sets COUNTFLAG and, with
 * TICKINT, pends SysTick; the next tick reloads RVR, so a period is RVR + 1 ticks. RVR = 0 stops
 * the counter at its next wrap (it then holds 0). Writing CVR clears it to 0 and clears
 * COUNTFLAG; reading CSR clears COUNTFLAG. Enabling counts on from the current CVR (0: reload on
 * the first tick, no COUNTFLAG for that step), as QEMU's SysTick does.
 *
 * Time: CLKSOURCE = 1 counts CPU cycles, 0 the reference clock, whose ticks are the edges
 * counted from cycle 0 (tick n happens at the first cycle c with c * refclk / hz >= n). The model
 * keeps (systick_start, systick_cvr): the counter held CVR at tick number `start`. Every access
 * first brings that pair up to the current tick (exact integer arithmetic, so rebasing never
 * drifts), and one clock_event is queued for the next 1 -> 0 step. Without a reference clock
 * (refclk_hz = 0) CLKSOURCE reads as one and CALIB.NOREF is set.
 *
 * CALIB: TENMS = reference ticks in 10 ms (refclk_hz / 100, as QEMU reports 10000 for its 1 MHz
 * reference), NOREF = 0, and SKEW = 1 because TENMS used as a reload value gives a period one tick
 * longer than 10 ms (and refclk_hz / 100 may round).
 */
#include "sim/cpu/cortexm/armv7m_scs.h"

enum { A_SYST_CSR = 0x010, A_SYST_RVR = 0x014, A_SYST_CVR = 0x018, A_SYST_CALIB = 0x01c };
enum {
    CSR_ENABLE = 1u << 0, CSR_TICKINT = 1u << 1, CSR_CLKSOURCE = 1u << 2,
    CSR_COUNTFLAG = 1u << 16, CSR_CONTROL = 0x7,
};
enum { SYST_MAX = 0xffffff, CALIB_SKEW = 1u << 30, CALIB_NOREF = 1u << 31 };

static bool systick_counts_cycles(const struct armv7m_scs *s)
{
    return (s->systick_csr & CSR_CLKSOURCE) || s->refclk_hz == 0;
}

/* Ticks of the selected source since cycle 0. */
static uint64_t systick_now(const struct armv7m_scs *s)
{
    const struct vclock *c = s->env.clock;
    return systick_counts_cycles(s) ? c->now : clock_ticks_at(c->now, c->hz, s->refclk_hz);
}

/* The first cycle at which source tick `tick` has happened. */
static uint64_t systick_cycle_of(const struct armv7m_scs *s, uint64_t tick)
{
    const struct vclock *c = s->env.clock;
    if (systick_counts_cycles(s))
        return tick;
    uint64_t cycle = clock_ticks_at(tick, s->refclk_hz, c->hz);
    return clock_ticks_at(cycle, c->hz, s->refclk_hz) < tick ? cycle + 1 : cycle;
}

/* The counter `n` ticks after it held `c0`; *wrapped tells whether it stepped from 1 to 0. */
static uint32_t systick_count_after(uint32_t c0, uint32_t rvr, uint64_t n, bool *wrapped)
{
    *wrapped = false;
    if (n < c0)
        return c0 - (uint32_t)n;
    uint64_t since_zero = n - c0;       /* ticks since the counter was (last) 0 */
    uint64_t period = (uint64_t)rvr + 1;
    *wrapped = c0 != 0 || (rvr != 0 && since_zero >= period);
    if (rvr == 0)
        return 0;
    uint64_t phase = since_zero % period;
    return phase == 0 ? 0 : (uint32_t)(period - phase);
}

/* Queues the event for the next 1 -> 0 step, if the counter will make one. */
static void systick_schedule(struct armv7m_scs *s)
{
    uint64_t to_zero = s->systick_cvr ? s->systick_cvr
                     : s->systick_rvr ? (uint64_t)s->systick_rvr + 1 : 0;
    if (!(s->systick_csr & CSR_ENABLE) || to_zero == 0) {
        clock_cancel(s->env.clock, &s->systick_event);
        return;
    }
    clock_schedule_at(s->env.clock, &s->systick_event,
                      systick_cycle_of(s, s->systick_start + to_zero));
}

void armv7m_systick_catch_up(struct armv7m_scs *s)
{
    if (!(s->systick_csr & CSR_ENABLE))
        return;
    uint64_t now = systick_now(s);
    if (now <= s->systick_start)
        return;
    bool wrapped;
    s->systick_cvr = systick_count_after(s->systick_cvr, s->systick_rvr, now - s->systick_start,
                                         &wrapped);
    s->systick_start = now;
    if (!wrapped)
        return;
    s->systick_csr |= CSR_COUNTFLAG;
    systick_schedule(s);
    if (s->systick_csr & CSR_TICKINT)
        armv7m_scs_set_pending(s, V7M_EXC_SYSTICK);
}

static void systick_fire(void *ctx)
{
    armv7m_systick_catch_up(ctx);
}

/* Restarts the (already caught-up) count from the current tick of the current source. */
static void systick_restart(struct armv7m_scs *s)
{
    s->systick_start = systick_now(s);
    systick_schedule(s);
}

uint32_t armv7m_systick_read(struct armv7m_scs *s, uint32_t offset)
{
    uint32_t v;
    switch (offset) {
    case A_SYST_CSR:
        v = s->systick_csr | (systick_counts_cycles(s) ? CSR_CLKSOURCE : 0);
        s->systick_csr &= ~CSR_COUNTFLAG;
        return v;
    case A_SYST_RVR:
        return s->systick_rvr;
    case A_SYST_CVR:
        return s->systick_cvr;
    case A_SYST_CALIB:
        if (s->refclk_hz == 0)
            return CALIB_NOREF;
        v = s->refclk_hz / 100 > SYST_MAX ? SYST_MAX : (uint32_t)(s->refclk_hz / 100);
        return CALIB_SKEW | v;
    default:
        trace_guest_error(s->env.trace, s->env.name, "armv7m-systick: read of bad offset 0x%03x",
                          offset);
        return 0;
    }
}

void armv7m_systick_write(struct armv7m_scs *s, uint32_t offset, uint32_t value)
{
    armv7m_systick_catch_up(s);
    switch (offset) {
    case A_SYST_CSR:
        s->systick_csr = (s->systick_csr & CSR_COUNTFLAG) | (value & CSR_CONTROL);
        systick_restart(s);
        return;
    case A_SYST_RVR:
        s->systick_rvr = value & SYST_MAX;
        systick_restart(s);
        return;
    case A_SYST_CVR:
        s->systick_cvr = 0;
        s->systick_csr &= ~CSR_COUNTFLAG;
        systick_restart(s);
        return;
    case A_SYST_CALIB:
        trace_guest_error(s->env.trace, s->env.name, "armv7m-systick: CALIB is read-only");
        return;
    default:
        trace_guest_error(s->env.trace, s->env.name, "armv7m-systick: write to bad offset 0x%03x",
                          offset);
        return;
    }
}

void armv7m_systick_reset(struct armv7m_scs *s)
{
    s->systick_csr = 0;
    s->systick_rvr = 0;
    s->systick_cvr = 0;
    s->systick_start = 0;
    clock_cancel(s->env.clock, &s->systick_event);
}

void armv7m_systick_init(struct armv7m_scs *s)
{
    clock_event_init(&s->systick_event, "systick", systick_fire, s);
}
