/* Unit tests: libtock's virtual alarms (apps/libtock/alarm.c) on the host, against a fake
 * kernel alarm driver with Tock's contract (set_absolute arms, stop answers ALREADY when not
 * armed, a fired alarm is disarmed and queues upcall 0 with (now, expiration)). The library's
 * source is compiled into this file with the system calls below in place of the real ones. */
#include <check.h>

#include "apps/libtock/alarm.c"
#include "apps/libtock/udiv64.c"

enum { RET_FAILURE = 0, RET_SUCCESS = 128, RET_SUCCESS_U32 = 129, ERR_ALREADY = 3 };

/* The fake kernel: its time, its alarm, the one upcall it may have queued, what was asked. */
static struct {
    uint32_t now;
    bool armed;
    uint32_t reference, dt;
    upcall_fn *fn;
    bool queued;
    uint32_t q_now, q_expiration;
    unsigned sets, stops, nows;
} k;

syscall_return_t command(uint32_t driver, uint32_t command_num, uint32_t arg0, uint32_t arg1)
{
    ck_assert_uint_eq(driver, DRIVER_ALARM);
    switch (command_num) {
    case ALARM_CMD_FREQUENCY:
        return (syscall_return_t){ RET_SUCCESS_U32, { 32768, 0, 0 } };
    case ALARM_CMD_NOW:
        k.nows++;
        return (syscall_return_t){ RET_SUCCESS_U32, { k.now, 0, 0 } };
    case ALARM_CMD_STOP:
        k.stops++;
        if (!k.armed)
            return (syscall_return_t){ RET_FAILURE, { ERR_ALREADY, 0, 0 } };
        k.armed = false;
        return (syscall_return_t){ RET_SUCCESS, { 0, 0, 0 } };
    case ALARM_CMD_SET_ABSOLUTE:
        k.sets++;
        k.armed = true;
        k.reference = arg0;
        k.dt = arg1;
        return (syscall_return_t){ RET_SUCCESS_U32, { arg0 + arg1, 0, 0 } };
    }
    return (syscall_return_t){ RET_FAILURE, { 1, 0, 0 } };
}

syscall_return_t subscribe(uint32_t driver, uint32_t subscribe_num, upcall_fn *fn, void *ud)
{
    (void)driver, (void)subscribe_num, (void)ud;
    k.fn = fn;
    return (syscall_return_t){ RET_SUCCESS, { 0, 0, 0 } };
}

int tock_status(syscall_return_t r)
{
    return r.variant == RET_FAILURE ? -(int)r.data[0] : 0;
}

int tock_status_u32(syscall_return_t r, uint32_t *value)
{
    if (r.variant != RET_SUCCESS_U32)
        return tock_status(r) ? tock_status(r) : -1;
    *value = r.data[0];
    return 0;
}

void yield_for(volatile bool *cond)
{
    (void)cond;
}

/* Time passes; the kernel fires its alarm when due and queues the upcall. */
static void advance(uint32_t ticks)
{
    k.now += ticks;
    if (k.armed && k.now - k.reference >= k.dt) {
        k.armed = false;
        k.queued = true;
        k.q_now = k.now;
        k.q_expiration = k.reference + k.dt;
    }
}

/* The process yields: the queued upcall runs. */
static void deliver(void)
{
    if (!k.queued)
        return;
    k.queued = false;
    k.fn((int)k.q_now, (int)k.q_expiration, 0, NULL);
}

static unsigned fired;
static uint32_t fired_at;

static void count(uint32_t now, uint32_t expiration, void *ud)
{
    (void)expiration, (void)ud;
    fired++;
    fired_at = now;
}

static void reset(void)
{
    memset(&k, 0, sizeof(k));
    k.now = 1000;
    queue = NULL;
    subscribed = false;
    frequency = 0;
    kernel_armed = false;
    fired = 0;
}

/* One timer after another (blink's step): after the upcall, no stop and no second `now`. */
START_TEST(test_a_step_makes_no_needless_call)
{
    reset();
    tock_timer_t t = { 0 };
    ck_assert_int_eq(timer_in(10, count, NULL, &t), 0);
    ck_assert_uint_eq(k.sets, 1);
    advance(400);
    unsigned nows = k.nows;
    deliver();
    ck_assert_uint_eq(fired, 1);
    ck_assert_uint_eq(k.stops, 0);          /* it fired: the kernel disarmed it */
    ck_assert_uint_eq(k.nows, nows);        /* the upcall said when */
    ck_assert_uint_eq(fired_at, k.q_now);
    ck_assert_int_eq(timer_in(10, count, NULL, &t), 0);
    ck_assert_uint_eq(k.nows, nows + 1);    /* the timer's reference; alone, no order needed */
    ck_assert_uint_eq(k.sets, 2);
    ck_assert(k.armed);
}
END_TEST

/* The alarm fired, but before its upcall ran the timer was started again: the late upcall must
 * not run the new alarm early, nor leave the kernel armed for nothing. */
START_TEST(test_a_late_upcall_runs_nothing_early)
{
    reset();
    tock_timer_t t = { 0 };
    timer_in(100, count, NULL, &t);         /* 3,276 ticks */
    advance(3300);                          /* fires; the upcall waits */
    advance(10);
    timer_in(50, count, NULL, &t);          /* restarted later: 1,638 ticks from then */
    ck_assert(k.armed);
    deliver();
    ck_assert_uint_eq(fired, 0);            /* 50 ms have not passed */
    ck_assert(k.armed);
    advance(1700);
    deliver();
    ck_assert_uint_eq(fired, 1);
    ck_assert(!k.armed);
}
END_TEST

/* Cancelled before its late upcall: the kernel's alarm is stopped, nothing runs, and the late
 * upcall makes no stop of its own. */
START_TEST(test_cancel_then_late_upcall)
{
    reset();
    tock_timer_t t = { 0 }, u = { 0 };
    timer_in(10, count, NULL, &t);
    timer_in(500, count, NULL, &u);
    advance(400);                           /* t fires; its upcall waits */
    timer_cancel(&t);                       /* the head goes: u is armed instead */
    ck_assert(k.armed && k.reference + k.dt == u.alarm.reference + u.alarm.dt);
    deliver();
    ck_assert_uint_eq(fired, 0);
    ck_assert(k.armed);                     /* still armed for u */
    timer_cancel(&u);
    ck_assert(!k.armed);
    unsigned stops = k.stops;
    advance(100000);
    deliver();
    ck_assert_uint_eq(fired, 0);
    ck_assert_uint_eq(k.stops, stops);
}
END_TEST

/* An upcall the kernel dropped (its queue full): starting the same timer again arms the kernel
 * again. */
START_TEST(test_a_dropped_upcall_does_not_leave_the_alarm_unarmed)
{
    reset();
    alarm_t a = { 0 };
    alarm_at(1000, 50, count, NULL, &a);
    advance(60);
    k.queued = false;                       /* dropped */
    alarm_at(1000, 50, count, NULL, &a);    /* the same deadline, already past */
    ck_assert(k.armed);
    advance(1);
    deliver();
    ck_assert_uint_eq(fired, 1);
}
END_TEST

Suite *libtock_alarm_suite(void)
{
    Suite *s = suite_create("libtock_alarm");
    TCase *tc = tcase_create("libtock_alarm");
    tcase_add_test(tc, test_a_step_makes_no_needless_call);
    tcase_add_test(tc, test_a_late_upcall_runs_nothing_early);
    tcase_add_test(tc, test_cancel_then_late_upcall);
    tcase_add_test(tc, test_a_dropped_upcall_does_not_leave_the_alarm_unarmed);
    suite_add_tcase(s, tc);
    return s;
}
