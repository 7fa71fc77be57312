/* Capsule: alarm (driver 0x0), every process its own alarm on one hardware alarm.
 *
 * Tock's capsules/core/alarm.rs semantics (doc/drivers/alarm.md):
 *   command 0 exists, 1 frequency (Hz), 2 now (ticks), 3 stop (ALREADY if not armed),
 *   4 deprecated (NOSUPPORT), 5 set relative (a0 = dt), 6 set absolute (a0 = reference,
 *   a1 = dt); 5 and 6 return the expiration time reference + dt.
 *   upcall 0: (now, expiration, 0) when the alarm expires; the alarm is then disarmed.
 * The hardware alarm is always set to the earliest pending expiration of all processes.
 */
#include <stdint.h>

#include "kernel/capsules/alarm.h"
#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

struct alarm_grant {
    uint32_t reference, dt;
    uint32_t armed;
};

static const struct hil_alarm *hw;

/* Fires every expired alarm, then arms the hardware for the earliest one left. */
static void rearm(void)
{
    uint32_t now = hw->now(hw->dev);
    int have = 0;
    uint32_t best_ref = 0, best_dt = 0, best_left = 0;
    for (struct process *p = NULL; (p = process_next(p)) != NULL;) {
        struct alarm_grant *g = grant_data_peek(p, &alarm_driver);
        if (!g || !g->armed)
            continue;
        if (now - g->reference >= g->dt) {
            g->armed = 0;
            upcall_schedule(p, &alarm_driver, 0, now, g->reference + g->dt, 0);
            continue;
        }
        uint32_t left = g->reference + g->dt - now;
        if (!have || left < best_left) {
            have = 1;
            best_ref = g->reference;
            best_dt = g->dt;
            best_left = left;
        }
    }
    if (have)
        hw->set(hw->dev, best_ref, best_dt);
    else
        hw->disarm(hw->dev);
}

static void fired(void *ctx)
{
    (void)ctx;
    rearm();
}

static const struct hil_alarm_client client = { fired, 0 };

static struct syscall_ret arm(struct alarm_grant *g, uint32_t reference, uint32_t dt)
{
    g->reference = reference;
    g->dt = dt;
    g->armed = 1;
    rearm();
    return ret_success_u32(reference + dt);
}

static struct syscall_ret alarm_command(struct process *p, uint32_t cmd, uint32_t a0,
                                        uint32_t a1)
{
    struct alarm_grant *g = grant_data(p, &alarm_driver);
    switch (cmd) {
    case 0:
        return ret_success();
    case 1:
        return ret_success_u32(hw->freq_hz);
    case 2:
        return ret_success_u32(hw->now(hw->dev));
    case 3:
        if (!g->armed)
            return ret_failure(ERR_ALREADY);
        g->armed = 0;
        rearm();
        return ret_success();
    case 5:
        return arm(g, hw->now(hw->dev), a0);
    case 6:
        return arm(g, a0, a1);
    default:
        return ret_failure(ERR_NOSUPPORT);
    }
}

const struct driver alarm_driver = {
    .num = ALARM_DRIVER_NUM,
    .name = "alarm",
    .num_upcalls = 1,
    .grant_size = sizeof(struct alarm_grant),
    .command = alarm_command,
};

void alarm_capsule_init(const struct hil_alarm *alarm)
{
    hw = alarm;
    hw->set_client(hw->dev, &client);
}
