/*
 * RISC-V CLINT, one hart.
 *
 * Follows SiFive's CLINT layout (SiFive FE310-G002 manual, chapter 9) as QEMU's virt machine
 * provides it (hw/intc/riscv_aclint.c in its SiFive-CLINT-compatible configuration, QEMU 7.2),
 * our fidelity reference. Measured on QEMU 7.2: MTIMECMP resets to 0, so the timer interrupt
 * is pending from reset until firmware writes MTIMECMP; MTIME counts at 10 MHz.
 *
 * Not modelled: other harts (their MSIP/MTIMECMP slots are guest errors), 64-bit accesses
 * (RV32 firmware uses two 32-bit ones). Reading MTIME then MTIMEH is not atomic, as on
 * hardware: firmware reads high, low, high again.
 *
 * Time: MTIME is derived from the CPU cycle counter with peripherals/pclk.h (no drift); the
 * timer event is scheduled at the first cycle at which MTIME >= MTIMECMP, so MTIP rises exactly
 * then (the CPU sees it at its next block boundary).
 */
#include "peripherals/virt/clint.h"

#include <string.h>

#include "peripherals/pclk.h"

enum { A_MSIP = 0x0000, A_MTIMECMP = 0x4000, A_MTIMECMPH = 0x4004, A_MTIME = 0xbff8,
       A_MTIMEH = 0xbffc };

uint64_t clint_mtime(const struct clint *c)
{
    return pclk_now(c->env.clock, c->mtime_hz) + c->mtime_offset;
}

/* Derives both lines from state and schedules the compare event. */
static void clint_update(struct clint *c)
{
    uint64_t now = clint_mtime(c);
    bool mtip = now >= c->mtimecmp;
    irq_set(&c->irq_msi, c->msip & 1);
    irq_set(&c->irq_mti, mtip);
    if (mtip) {
        clock_cancel(c->env.clock, &c->timer);
        return;
    }
    uint64_t tick = c->mtimecmp - c->mtime_offset;      /* counter tick at which it matches */
    unsigned __int128 cycle = (unsigned __int128)tick * c->env.clock->hz / c->mtime_hz + 1;
    if (cycle >= CLOCK_NEVER)
        clock_cancel(c->env.clock, &c->timer);          /* beyond the end of time */
    else
        clock_schedule_at(c->env.clock, &c->timer, pclk_cycle_of(c->env.clock, c->mtime_hz, tick));
}

static void clint_timer_fire(void *ctx)
{
    clint_update(ctx);
}

static uint32_t clint_read(void *dev, uint32_t offset, unsigned size)
{
    struct clint *c = dev;
    (void)size;
    switch (offset) {
    case A_MSIP: return c->msip;
    case A_MTIMECMP: return (uint32_t)c->mtimecmp;
    case A_MTIMECMPH: return (uint32_t)(c->mtimecmp >> 32);
    case A_MTIME: return (uint32_t)clint_mtime(c);
    case A_MTIMEH: return (uint32_t)(clint_mtime(c) >> 32);
    default: break;
    }
    trace_guest_error(c->env.trace, c->env.name, "clint read: bad offset 0x%x", offset);
    return 0;
}

/* Replaces the low or high half of a 64-bit value. */
static uint64_t set_half(uint64_t old, uint32_t value, bool high)
{
    return high ? (old & 0xffffffffull) | (uint64_t)value << 32
                : (old & ~0xffffffffull) | value;
}

static void clint_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct clint *c = dev;
    (void)size;
    switch (offset) {
    case A_MSIP:
        c->msip = value & 1;
        break;
    case A_MTIMECMP:
    case A_MTIMECMPH:
        c->mtimecmp = set_half(c->mtimecmp, value, offset == A_MTIMECMPH);
        break;
    case A_MTIME:
    case A_MTIMEH: {
        uint64_t target = set_half(clint_mtime(c), value, offset == A_MTIMEH);
        c->mtime_offset = target - pclk_now(c->env.clock, c->mtime_hz);
        break;
    }
    default:
        trace_guest_error(c->env.trace, c->env.name, "clint write: bad offset 0x%x", offset);
        return;
    }
    clint_update(c);
}

void clint_reset(void *dev)
{
    struct clint *c = dev;
    c->msip = 0;
    c->mtimecmp = 0;
    c->mtime_offset = 0;
    clint_update(c);
}

void clint_init(struct clint *c, const struct device_env *env, uint64_t mtime_hz)
{
    memset(c, 0, sizeof(*c));
    c->env = *env;
    c->mtime_hz = mtime_hz;
    clock_event_init(&c->timer, "clint-mtimecmp", clint_timer_fire, c);
    clint_reset(c);
}

static void clint_snapshot(const void *dev, struct snap_writer *w)
{
    const struct clint *c = dev;
    snap_put(w, SNAP_SPAN(c, msip, timer));
    irq_snapshot(&c->irq_msi, w);
    irq_snapshot(&c->irq_mti, w);
    clock_event_snapshot(&c->timer, w);
}

static void clint_restore(void *dev, struct snap_reader *r)
{
    struct clint *c = dev;
    snap_get(r, SNAP_SPAN(c, msip, timer));
    irq_restore(&c->irq_msi, r);
    irq_restore(&c->irq_mti, r);
    clock_event_restore(c->env.clock, &c->timer, r);
}

const struct device_ops clint_ops = {
    .kind = "riscv-clint",
    .reset = clint_reset,
    .read = clint_read,
    .write = clint_write,
    .snapshot = clint_snapshot,
    .restore = clint_restore,
};
