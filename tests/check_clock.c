/* Unit tests: virtual clock and event queue. */
#include <check.h>

#include "sim/core/clock.h"

struct log { int order[16]; uint64_t at[16]; int n; struct vclock *c; };
struct tagged { struct log *log; int tag; struct clock_event ev; };

static void record(void *ctx)
{
    struct tagged *t = ctx;
    t->log->order[t->log->n] = t->tag;
    t->log->at[t->log->n++] = t->log->c->now;
}

START_TEST(test_events_fire_in_deadline_then_fifo_order)
{
    struct vclock c; struct log log = { .c = &c };
    struct tagged t[4];
    clock_init(&c, 64000000);
    for (int i = 0; i < 4; i++) {
        t[i] = (struct tagged){ .log = &log, .tag = i };
        clock_event_init(&t[i].ev, "t", record, &t[i]);
    }
    clock_schedule_at(&c, &t[0].ev, 300);
    clock_schedule_at(&c, &t[1].ev, 100);
    clock_schedule_at(&c, &t[2].ev, 300);
    clock_schedule_at(&c, &t[3].ev, 200);
    ck_assert_uint_eq(clock_next_deadline(&c), 100);
    clock_advance_to(&c, 1000);
    ck_assert_int_eq(log.n, 4);
    int want[] = { 1, 3, 0, 2 };
    uint64_t want_at[] = { 100, 200, 300, 300 };
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(log.order[i], want[i]);
        ck_assert_uint_eq(log.at[i], want_at[i]);
    }
    ck_assert_uint_eq(c.now, 1000);
    ck_assert_uint_eq(clock_next_deadline(&c), CLOCK_NEVER);
}
END_TEST

START_TEST(test_cancel_and_reschedule)
{
    struct vclock c; struct log log = { .c = &c };
    struct tagged a = { .log = &log, .tag = 7 };
    clock_init(&c, 1000);
    clock_event_init(&a.ev, "a", record, &a);
    clock_schedule_in(&c, &a.ev, 50);
    clock_schedule_in(&c, &a.ev, 80);           /* moves, does not duplicate */
    clock_advance_to(&c, 60);
    ck_assert_int_eq(log.n, 0);
    clock_cancel(&c, &a.ev);
    clock_advance_to(&c, 200);
    ck_assert_int_eq(log.n, 0);
    clock_cancel(&c, &a.ev);                    /* cancelling twice is harmless */
}
END_TEST

START_TEST(test_run_due_fires_late_events_at_current_time)
{
    struct vclock c; struct log log = { .c = &c };
    struct tagged a = { .log = &log, .tag = 1 };
    clock_init(&c, 1000);
    clock_event_init(&a.ev, "a", record, &a);
    clock_schedule_at(&c, &a.ev, 10);
    c.now = 15;                                 /* the CPU overshot by a block */
    ck_assert_int_eq(clock_run_due(&c), 1);
    ck_assert_uint_eq(log.at[0], 15);
    ck_assert_int_eq(clock_run_due(&c), 0);
}
END_TEST

START_TEST(test_unit_conversions_are_exact)
{
    struct vclock c;
    clock_init(&c, 64000000);
    ck_assert_uint_eq(clock_cycles_from_ns(&c, 1000000), 64000);
    ck_assert_uint_eq(clock_ns_from_cycles(&c, 64), 1000);
    /* 25 MHz ticks after 2.56 cycles each; 1 hour of cycles does not overflow. */
    ck_assert_uint_eq(clock_ticks_at(256, 64000000, 25000000), 100);
    ck_assert_uint_eq(clock_ticks_at(64000000ull * 3600, 64000000, 25000000), 25000000ull * 3600);
    /* Each path (the 64-bit product, a divisible ratio, 128 bits) against the 128-bit formula,
     * around the point where the product stops fitting 64 bits. */
    static const uint64_t hz[][2] = { { 64000000, 1000000000 }, { 1000000000, 64000000 },
                                      { 64000000, 10000000 }, { 64000000, 25000000 }, { 7, 1000000000 } };
    for (unsigned i = 0; i < sizeof(hz) / sizeof(hz[0]); i++) {
        uint64_t edge = UINT64_MAX / hz[i][1];
        const uint64_t at[] = { 0, 1, 12345, edge - 1, edge, edge + 1, edge * 3 + 7, UINT64_MAX / 2, UINT64_MAX };
        for (unsigned k = 0; k < sizeof(at) / sizeof(at[0]); k++) {
            unsigned __int128 want = (unsigned __int128)at[k] * hz[i][1] / hz[i][0];
            if (want > UINT64_MAX)
                continue;                   /* not a value a clock reaches */
            ck_assert_msg(clock_ticks_at(at[k], hz[i][0], hz[i][1]) == (uint64_t)want,
                          "%llu at %llu -> %llu Hz", (unsigned long long)at[k],
                          (unsigned long long)hz[i][0], (unsigned long long)hz[i][1]);
        }
    }
}
END_TEST

Suite *clock_suite(void)
{
    Suite *s = suite_create("clock");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_events_fire_in_deadline_then_fifo_order);
    tcase_add_test(tc, test_cancel_and_reschedule);
    tcase_add_test(tc, test_run_due_fires_late_events_at_current_time);
    tcase_add_test(tc, test_unit_conversions_are_exact);
    suite_add_tcase(s, tc);
    return s;
}
