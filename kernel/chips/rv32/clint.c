/* rv32 chip: the CLINT (SiFive layout as on QEMU virt; doc/devices/clint.md).
 *
 * MSIP at 0x0 (unused), MTIMECMP at 0x4000, MTIME at 0xbff8, 64 bits each. The machine timer
 * is shared with the port's timeslices (kernel/arch/rv32/mtimer.c): this driver asks for its
 * deadlines through the port. now() is mtime's low word, which wraps every 2^32 ticks
 * (7 minutes at 10 MHz), as the HIL allows.
 */
#include <stdint.h>

#include "kernel/arch/rv32/rv32.h"
#include "kernel/chips/rv32/clint.h"

#define MSIP      0x0000u
#define MTIMECMP  0x4000u
#define MTIME     0xbff8u

static uint32_t alarm_now(void *dev)
{
    (void)dev;
    return (uint32_t)rv32_mtimer_now();
}

static void alarm_fired(void *ctx)
{
    struct clint_alarm *a = ctx;
    if (a->client)
        a->client->fired(a->client->ctx);
}

/* Fires at reference + dt, or at once if that already passed. */
static void alarm_set(void *dev, uint32_t reference, uint32_t dt)
{
    uint64_t now = rv32_mtimer_now();
    uint32_t elapsed = (uint32_t)now - reference;
    uint64_t deadline = elapsed >= dt ? now : now + (dt - elapsed);
    rv32_mtimer_alarm(deadline, alarm_fired, dev);
}

static void alarm_disarm(void *dev)
{
    (void)dev;
    rv32_mtimer_alarm_off();
}

static void alarm_set_client(void *dev, const struct hil_alarm_client *client)
{
    struct clint_alarm *a = dev;
    a->client = client;
}

void clint_alarm_init(struct clint_alarm *a, uintptr_t base, uint32_t mtime_hz)
{
    a->client = 0;
    a->hil = (struct hil_alarm){ a, mtime_hz, alarm_now, alarm_set, alarm_disarm,
                                 alarm_set_client };
    *(volatile uint32_t *)(base + MSIP) = 0;
    rv32_mtimer_init(base + MTIME, base + MTIMECMP, mtime_hz);
}
