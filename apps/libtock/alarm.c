/* libtock: the alarm driver (0x0) and any number of virtual alarms and timers on it. */
#include "alarm.h"

#include "tock.h"
#include "udiv64.h"

#define ALARM_CMD_FREQUENCY     1
#define ALARM_CMD_NOW           2
#define ALARM_CMD_STOP          3
#define ALARM_CMD_SET_ABSOLUTE  6

static alarm_t *queue;          /* pending alarms, soonest first */
static bool subscribed;
static uint32_t frequency;
/* Whether the kernel's alarm is armed, and for what, so that no system call is made that
 * would change nothing: no stop for an alarm that fired (the kernel disarms it then), no `now`
 * for the upcall of the latest arming (it brings the time it fired at). A blink step makes 5
 * calls instead of 8 (each call is two exceptions on Cortex-M). Every arming is still a call:
 * an upcall the kernel had to drop (its queue full) must not leave an alarm unarmed. */
static bool kernel_armed;
static uint32_t armed_reference, armed_dt;

uint32_t alarm_frequency(void)
{
    if (frequency == 0)
        tock_status_u32(command(DRIVER_ALARM, ALARM_CMD_FREQUENCY, 0, 0), &frequency);
    return frequency;
}

uint32_t alarm_now(void)
{
    uint32_t now = 0;
    tock_status_u32(command(DRIVER_ALARM, ALARM_CMD_NOW, 0, 0), &now);
    return now;
}

uint32_t alarm_ms_to_ticks(uint32_t ms)
{
    uint32_t f = alarm_frequency();
    if (f % 1000u == 0)                 /* kHz clocks: exact without a 64-bit division */
        return (uint32_t)((uint64_t)ms * (f / 1000u));
    return (uint32_t)udiv64((uint64_t)ms * f, 1000u, NULL);
}

uint32_t alarm_ticks_to_ms(uint32_t ticks)
{
    uint32_t f = alarm_frequency();
    return f ? (uint32_t)udiv64((uint64_t)ticks * 1000u, f, NULL) : 0;
}

/* Ticks until a fires, seen at time now (0 if due). Wrap-safe for dt < 2^32. */
static uint32_t time_left(const alarm_t *a, uint32_t now)
{
    uint32_t elapsed = now - a->reference;
    return elapsed >= a->dt ? 0 : a->dt - elapsed;
}

/* Points the kernel alarm at the head of the queue, or stops it if it may be armed. */
static void arm_kernel(void)
{
    if (queue) {
        kernel_armed = tock_status(command(DRIVER_ALARM, ALARM_CMD_SET_ABSOLUTE, queue->reference,
                                           queue->dt)) == 0;
        armed_reference = queue->reference;
        armed_dt = queue->dt;
    } else if (kernel_armed) {
        command(DRIVER_ALARM, ALARM_CMD_STOP, 0, 0);
        kernel_armed = false;
    }
}

/* Upcall 0: runs every due alarm (callbacks may add or cancel alarms), then re-arms. The upcall
 * of the latest arming means the kernel disarmed its alarm (upcall 0's contract) and that the
 * head, which that arming was for, is due at now_. An older upcall (the alarms changed after it
 * was queued) says neither: the time is read again. */
static void alarm_upcall(int now_, int expiration, int unused, void *ud)
{
    (void)unused, (void)ud;
    bool latest = kernel_armed && (uint32_t)expiration == armed_reference + armed_dt;
    if (latest)
        kernel_armed = false;
    for (bool first = true;; first = false) {
        alarm_t *a = queue;
        if (!a)
            break;
        uint32_t now = first && latest ? (uint32_t)now_ : alarm_now();
        if (time_left(a, now) != 0)
            break;
        queue = a->next;
        a->next = NULL;
        a->pending = false;
        a->cb(now, a->reference + a->dt, a->ud);
    }
    arm_kernel();
}

/* Removes a from the queue; returns true if it was there. */
static bool unlink_alarm(alarm_t *a)
{
    for (alarm_t **p = &queue; *p; p = &(*p)->next)
        if (*p == a) {
            *p = a->next;
            a->next = NULL;
            a->pending = false;
            return true;
        }
    return false;
}

int alarm_at(uint32_t reference, uint32_t dt, alarm_cb *cb, void *ud, alarm_t *a)
{
    if (!subscribed) {
        int rc = tock_status(subscribe(DRIVER_ALARM, 0, alarm_upcall, NULL));
        if (rc)
            return rc;
        subscribed = true;
    }
    if (a->pending)
        unlink_alarm(a);
    a->reference = reference;
    a->dt = dt;
    a->cb = cb;
    a->ud = ud;
    uint32_t now = queue ? alarm_now() : 0, left = time_left(a, now);  /* alone: no order */
    alarm_t **p = &queue;
    while (*p && time_left(*p, now) <= left)
        p = &(*p)->next;
    a->next = *p;
    *p = a;
    a->pending = true;
    if (queue == a)
        arm_kernel();
    return 0;
}

void alarm_cancel(alarm_t *a)
{
    bool was_head = queue == a;
    if (unlink_alarm(a) && was_head)
        arm_kernel();
}

/* Timer expiry: re-arm a periodic timer from its previous deadline, then call the user. */
static void timer_fired(uint32_t now, uint32_t expiration, void *ud)
{
    tock_timer_t *t = ud;
    if (t->interval)
        alarm_at(expiration, t->interval, timer_fired, t, &t->alarm);
    t->cb(now, expiration, t->ud);
}

static int timer_start(uint32_t ms, uint32_t interval, alarm_cb *cb, void *ud, tock_timer_t *t)
{
    t->interval = interval;
    t->cb = cb;
    t->ud = ud;
    return alarm_at(alarm_now(), alarm_ms_to_ticks(ms), timer_fired, t, &t->alarm);
}

int timer_in(uint32_t ms, alarm_cb *cb, void *ud, tock_timer_t *t)
{
    return timer_start(ms, 0, cb, ud, t);
}

int timer_every(uint32_t ms, alarm_cb *cb, void *ud, tock_timer_t *t)
{
    uint32_t ticks = alarm_ms_to_ticks(ms);
    return timer_start(ms, ticks ? ticks : 1, cb, ud, t);
}

void timer_cancel(tock_timer_t *t)
{
    t->interval = 0;
    alarm_cancel(&t->alarm);
}

static void delay_done(uint32_t now, uint32_t expiration, void *ud)
{
    (void)now, (void)expiration;
    *(volatile bool *)ud = true;
}

int delay_ms(uint32_t ms)
{
    volatile bool done = false;
    tock_timer_t t = { 0 };
    int rc = timer_in(ms, delay_done, (void *)&done, &t);
    if (rc)
        return rc;
    yield_for(&done);
    return 0;
}
