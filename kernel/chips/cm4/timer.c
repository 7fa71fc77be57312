/* cm4 chip: an alarm from two ARM CMSDK APB timers (free-running counter + one-shot).
 *
 * CMSDK "APB timer" (ARM DDI 0479, doc/devices/cmsdk_timer.md): a 32-bit down counter at PCLK
 * that interrupts when it reaches 0 and reloads from RELOAD. One timer free-runs from
 * 0xffffffff as the clock; the other counts down the ticks left to the next alarm.
 */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/chips/cm4/timer.h"

#define CTRL       0x000u
#define VALUE      0x004u
#define RELOAD     0x008u
#define INTSTATUS  0x00cu           /* write 1: clear */

#define CTRL_EN    (1u << 0)
#define CTRL_IRQEN (1u << 3)

static volatile uint32_t *reg(uintptr_t base, uint32_t off)
{
    return (volatile uint32_t *)(base + off);
}

static uint32_t alarm_now(void *dev)
{
    struct cmsdk_alarm *a = dev;
    return ~*reg(a->counter, VALUE);
}

/* Stops the compare timer and clears its interrupt. Not armed, it is already so: init,
 * alarm_irq and alarm_disarm leave it that way (each device write costs the simulator a trip
 * out of its CPU engine). */
static void stop(struct cmsdk_alarm *a)
{
    *reg(a->compare, CTRL) = 0;
    *reg(a->compare, INTSTATUS) = 1;
}

/* Loads the compare timer with the ticks left (at least 1: fires on the next tick). */
static void alarm_set(void *dev, uint32_t reference, uint32_t dt)
{
    struct cmsdk_alarm *a = dev;
    uint32_t elapsed = alarm_now(a) - reference;
    uint32_t left = elapsed >= dt ? 1u : dt - elapsed;
    if (a->armed)
        stop(a);
    *reg(a->compare, RELOAD) = left;
    *reg(a->compare, VALUE) = left;
    *reg(a->compare, CTRL) = CTRL_EN | CTRL_IRQEN;
    a->armed = 1;
}

static void alarm_disarm(void *dev)
{
    struct cmsdk_alarm *a = dev;
    if (a->armed)
        stop(a);
    a->armed = 0;
}

static void alarm_set_client(void *dev, const struct hil_alarm_client *client)
{
    struct cmsdk_alarm *a = dev;
    a->client = client;
}

static void alarm_irq(void *ctx)
{
    struct cmsdk_alarm *a = ctx;
    stop(a);
    if (a->armed && a->client) {
        a->armed = 0;
        a->client->fired(a->client->ctx);
    }
}

void cmsdk_alarm_init(struct cmsdk_alarm *a, uintptr_t counter_base, uintptr_t compare_base,
                      unsigned irq, uint32_t pclk_hz)
{
    a->counter = counter_base;
    a->compare = compare_base;
    a->armed = 0;
    a->client = NULL;
    a->hil = (struct hil_alarm){ a, pclk_hz, alarm_now, alarm_set, alarm_disarm,
                                 alarm_set_client };
    *reg(counter_base, CTRL) = 0;
    *reg(counter_base, RELOAD) = 0xffffffffu;
    *reg(counter_base, VALUE) = 0xffffffffu;
    *reg(counter_base, CTRL) = CTRL_EN;
    *reg(compare_base, CTRL) = 0;
    *reg(compare_base, INTSTATUS) = 1;
    arch_irq_register(irq, alarm_irq, a);
    arch_irq_enable(irq);
}
