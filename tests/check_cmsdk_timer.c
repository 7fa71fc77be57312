/* Unit tests: CMSDK APB timer model (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/cmsdk/cmsdk_timer.h"

enum { CTRL = 0x000, VALUE = 0x004, RELOAD = 0x008, INTSTATUS = 0x00c };
enum { EN = 1, IRQEN = 8 };

struct bench {
    struct devtest d;
    struct cmsdk_timer t;
    struct irq_probe irq;
    bool isr_clears;                /* the "handler" acknowledges each interrupt */
    uint64_t rise_at[1100];
};

static uint32_t rd(struct bench *b, uint32_t off)
{
    return cmsdk_timer_ops.read(&b->t, off, 4);
}

static void wr(struct bench *b, uint32_t off, uint32_t v)
{
    cmsdk_timer_ops.write(&b->t, off, v, 4);
}

static void isr(void *ctx)
{
    struct bench *b = ctx;
    if (b->irq.rises <= 1100)
        b->rise_at[b->irq.rises - 1] = b->d.clock.now;
    if (b->isr_clears)
        wr(b, INTSTATUS, 1);
}

static void bench_init(struct bench *b)
{
    memset(b, 0, sizeof(*b));
    devtest_init(&b->d, "timer0");
    cmsdk_timer_init(&b->t, &b->d.env, CM4_PCLK_HZ);
    irq_probe_attach(&b->irq, &b->t.irq, &b->d.clock);
    b->irq.on_rise = isr;
    b->irq.ctx = b;
}

/* VALUE at the first cycle of PCLK tick `tick`. */
static uint32_t value_at_tick(struct bench *b, uint64_t tick)
{
    clock_advance_to(&b->d.clock, devtest_pclk_cycle(tick));
    return rd(b, VALUE);
}

START_TEST(test_reset_values_ids_and_bad_offsets)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(rd(&b, CTRL), 0);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_uint_eq(rd(&b, RELOAD), 0);
    ck_assert_uint_eq(rd(&b, INTSTATUS), 0);
    ck_assert_uint_eq(rd(&b, 0xfe0), 0x22);         /* PID0: part number 0x822 */
    ck_assert_uint_eq(rd(&b, 0xfe8), 0x1b);
    ck_assert_uint_eq(rd(&b, 0xffc), 0xb1);
    ck_assert_uint_eq(b.d.trace.guest_errors, 0);
    ck_assert_uint_eq(rd(&b, 0x010), 0);
    wr(&b, 0x010, 5);
    wr(&b, 0xfd0, 5);
    ck_assert_uint_eq(b.d.trace.guest_errors, 3);
    wr(&b, CTRL, 0xff);
    ck_assert_uint_eq(rd(&b, CTRL), 0xf);           /* EXTIN bits stored, not modelled */
    ck_assert_int_eq(devtest_trace_count(&b.d, "\"kind\":\"unimplemented\""), 1);
    devtest_free(&b.d);
}
END_TEST

/* RELOAD 99: 99, 98, ..., 1, 0 (interrupt), 99, ...: a period of 100 ticks. */
START_TEST(test_periodic_countdown_value_is_lazy_and_exact)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RELOAD, 99);
    ck_assert_uint_eq(rd(&b, VALUE), 99);           /* writing RELOAD loads VALUE */
    wr(&b, CTRL, EN | IRQEN);
    /* One pending event (the next zero), never one per tick. */
    ck_assert_ptr_eq(b.d.clock.head, &b.t.zero);
    ck_assert_ptr_null(b.t.zero.next);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), devtest_pclk_cycle(99));
    ck_assert_uint_eq(value_at_tick(&b, 1), 98);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(50) - 1);
    ck_assert_uint_eq(rd(&b, VALUE), 50);           /* tick 50 has not happened yet */
    ck_assert_uint_eq(value_at_tick(&b, 50), 49);
    ck_assert_uint_eq(value_at_tick(&b, 98), 1);
    ck_assert_int_eq(b.irq.rises, 0);
    ck_assert_uint_eq(value_at_tick(&b, 99), 0);
    ck_assert_int_eq(b.irq.rises, 1);
    ck_assert_uint_eq(b.irq.last_rise, devtest_pclk_cycle(99));
    ck_assert_uint_eq(rd(&b, INTSTATUS), 1);
    ck_assert_uint_eq(value_at_tick(&b, 100), 99);  /* held 0 for one tick, reloaded */
    ck_assert_uint_eq(value_at_tick(&b, 101), 98);
    wr(&b, INTSTATUS, 1);
    ck_assert(!b.irq.level);
    ck_assert_uint_eq(value_at_tick(&b, 198), 1);
    ck_assert_uint_eq(value_at_tick(&b, 199), 0);
    ck_assert_int_eq(b.irq.rises, 2);
    ck_assert(b.irq.level);
    devtest_free(&b.d);
}
END_TEST

/* RELOAD 6: a period of 7 ticks = 17.92 cycles, so every interrupt cycle is rounded. */
START_TEST(test_no_drift_over_1000_periods)
{
    struct bench b;
    bench_init(&b);
    b.isr_clears = true;
    wr(&b, RELOAD, 6);
    wr(&b, CTRL, EN | IRQEN);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(7 * 1000 - 1));
    ck_assert_int_eq(b.irq.rises, 1000);
    for (int k = 1; k <= 1000; k++)
        ck_assert_uint_eq(b.rise_at[k - 1], devtest_pclk_cycle(7 * (uint64_t)k - 1));
    ck_assert_uint_eq(b.d.clock.now, 17918);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    devtest_free(&b.d);
}
END_TEST

/* The event queue may fire late (the CPU overshoots by a basic block); later periods must
 * stay on the grid, and a register access in between must already see the interrupt. */
START_TEST(test_late_firing_does_not_shift_the_grid)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RELOAD, 999);
    wr(&b, CTRL, EN | IRQEN);
    uint64_t due = devtest_pclk_cycle(999);
    b.d.clock.now = due + 37;                       /* overshoot, event not fired yet */
    ck_assert_uint_eq(rd(&b, INTSTATUS), 1);        /* caught up on access */
    ck_assert_uint_eq(b.irq.last_rise, due + 37);
    ck_assert_int_eq(clock_run_due(&b.d.clock), 0); /* ... and not raised twice */
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), devtest_pclk_cycle(1999));
    wr(&b, INTSTATUS, 1);
    b.d.clock.now = devtest_pclk_cycle(1999) + 50;  /* late again, this time via the queue */
    ck_assert_int_eq(clock_run_due(&b.d.clock), 1);
    ck_assert_int_eq(b.irq.rises, 2);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), devtest_pclk_cycle(2999));
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_disable_freezes_and_enable_resumes)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RELOAD, 99);
    wr(&b, CTRL, EN | IRQEN);
    ck_assert_uint_eq(value_at_tick(&b, 30), 69);
    wr(&b, CTRL, IRQEN);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    ck_assert_uint_eq(value_at_tick(&b, 5000), 69);
    ck_assert_int_eq(b.irq.rises, 0);
    wr(&b, CTRL, EN | IRQEN);                       /* resumes from 69 at tick 5000 */
    ck_assert_uint_eq(value_at_tick(&b, 5001), 68);
    ck_assert_uint_eq(value_at_tick(&b, 5068), 1);
    ck_assert_uint_eq(value_at_tick(&b, 5069), 0);
    ck_assert_int_eq(b.irq.rises, 1);
    wr(&b, CTRL, EN | IRQEN);                       /* EN again while running: no restart */
    ck_assert_uint_eq(value_at_tick(&b, 5070), 99);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_one_shot_with_reload_zero)
{
    struct bench b;
    bench_init(&b);
    wr(&b, VALUE, 10);
    ck_assert_uint_eq(rd(&b, VALUE), 10);           /* stopped: the value just sits */
    wr(&b, CTRL, EN | IRQEN);
    ck_assert_uint_eq(value_at_tick(&b, 9), 1);
    ck_assert_uint_eq(value_at_tick(&b, 10), 0);
    ck_assert_int_eq(b.irq.rises, 1);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    ck_assert_uint_eq(value_at_tick(&b, 100), 0);
    ck_assert_uint_eq(rd(&b, CTRL), EN | IRQEN);    /* stopped with EN still set */
    wr(&b, INTSTATUS, 1);
    wr(&b, VALUE, 5);                               /* a new count starts at once */
    ck_assert_uint_eq(value_at_tick(&b, 105), 0);
    ck_assert_int_eq(b.irq.rises, 2);
    wr(&b, VALUE, 0);                               /* nothing to count: no event, no irq */
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_value_zero_reloads_silently)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RELOAD, 4);
    wr(&b, VALUE, 0);
    wr(&b, CTRL, EN | IRQEN);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_uint_eq(value_at_tick(&b, 1), 4);     /* reload after one tick, no interrupt */
    ck_assert_int_eq(b.irq.rises, 0);
    ck_assert_uint_eq(value_at_tick(&b, 4), 1);
    ck_assert_uint_eq(value_at_tick(&b, 5), 0);
    ck_assert_int_eq(b.irq.rises, 1);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_writes_restart_and_stop)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RELOAD, 1000);
    wr(&b, CTRL, EN);
    ck_assert_uint_eq(value_at_tick(&b, 10), 990);
    wr(&b, VALUE, 20);                              /* reload stays, count restarts */
    ck_assert_uint_eq(value_at_tick(&b, 30), 0);
    ck_assert_uint_eq(value_at_tick(&b, 31), 1000);
    wr(&b, RELOAD, 50);                             /* also loads VALUE and restarts */
    ck_assert_uint_eq(rd(&b, VALUE), 50);
    ck_assert_uint_eq(value_at_tick(&b, 41), 40);
    wr(&b, RELOAD, 0);                              /* stops at 0 */
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    ck_assert_uint_eq(value_at_tick(&b, 100), 0);
    wr(&b, CTRL, 0);
    wr(&b, RELOAD, 7);                              /* disabled: loads, does not run */
    ck_assert_uint_eq(value_at_tick(&b, 200), 7);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_zero_without_irqen_sets_nothing)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RELOAD, 9);
    wr(&b, CTRL, EN);
    ck_assert_uint_eq(value_at_tick(&b, 9), 0);
    ck_assert_uint_eq(rd(&b, INTSTATUS), 0);
    wr(&b, CTRL, EN | IRQEN);                       /* no retroactive interrupt */
    ck_assert(!b.irq.level);
    ck_assert_uint_eq(value_at_tick(&b, 19), 0);
    ck_assert_uint_eq(rd(&b, INTSTATUS), 1);
    ck_assert(b.irq.level);
    cmsdk_timer_reset(&b.t);
    ck_assert(!b.irq.level);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    devtest_free(&b.d);
}
END_TEST

Suite *cmsdk_timer_suite(void)
{
    Suite *s = suite_create("cmsdk_timer");
    TCase *tc = tcase_create("registers");
    tcase_add_test(tc, test_reset_values_ids_and_bad_offsets);
    tcase_add_test(tc, test_writes_restart_and_stop);
    suite_add_tcase(s, tc);
    tc = tcase_create("counting");
    tcase_add_test(tc, test_periodic_countdown_value_is_lazy_and_exact);
    tcase_add_test(tc, test_no_drift_over_1000_periods);
    tcase_add_test(tc, test_late_firing_does_not_shift_the_grid);
    tcase_add_test(tc, test_disable_freezes_and_enable_resumes);
    tcase_add_test(tc, test_one_shot_with_reload_zero);
    tcase_add_test(tc, test_value_zero_reloads_silently);
    tcase_add_test(tc, test_zero_without_irqen_sets_nothing);
    suite_add_tcase(s, tc);
    return s;
}
