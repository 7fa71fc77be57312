/* Unit tests: CMSDK APB dual timer model (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/cmsdk/cmsdk_dualtimer.h"

enum { LOAD = 0x00, VALUE = 0x04, CONTROL = 0x08, INTCLR = 0x0c, RIS = 0x10, MIS = 0x14,
       BGLOAD = 0x18, T2 = 0x20, ITCR = 0xf00, ITOP = 0xf04 };
enum { ONESHOT = 1, SIZE32 = 2, PRE16 = 4, PRE256 = 8, INTEN = 0x20, PERIODIC = 0x40, ENABLE = 0x80 };

struct bench {
    struct devtest d;
    struct cmsdk_dualtimer t;
    struct irq_probe irq, irq1, irq2;
};

static void bench_init(struct bench *b)
{
    memset(b, 0, sizeof(*b));
    devtest_init(&b->d, "dualtimer");
    cmsdk_dualtimer_init(&b->t, &b->d.env, CM4_PCLK_HZ);
    irq_probe_attach(&b->irq, &b->t.irq, &b->d.clock);
    irq_probe_attach(&b->irq1, &b->t.irq1, &b->d.clock);
    irq_probe_attach(&b->irq2, &b->t.irq2, &b->d.clock);
}

static uint32_t rd(struct bench *b, uint32_t off)
{
    return cmsdk_dualtimer_ops.read(&b->t, off, 4);
}

static void wr(struct bench *b, uint32_t off, uint32_t v)
{
    cmsdk_dualtimer_ops.write(&b->t, off, v, 4);
}

static void at_tick(struct bench *b, uint64_t tick)
{
    clock_advance_to(&b->d.clock, devtest_pclk_cycle(tick));
}

START_TEST(test_reset_values_ids_and_bad_offsets)
{
    struct bench b;
    bench_init(&b);
    for (uint32_t base = 0; base <= T2; base += T2) {
        ck_assert_uint_eq(rd(&b, base + LOAD), 0);
        ck_assert_uint_eq(rd(&b, base + VALUE), 0xffffffffu);
        ck_assert_uint_eq(rd(&b, base + CONTROL), INTEN);
        ck_assert_uint_eq(rd(&b, base + RIS), 0);
        ck_assert_uint_eq(rd(&b, base + MIS), 0);
    }
    ck_assert_uint_eq(rd(&b, 0xfe0), 0x23);         /* PID0: part number 0x823 */
    ck_assert_uint_eq(rd(&b, 0xff4), 0xf0);
    ck_assert_uint_eq(b.d.trace.guest_errors, 0);
    ck_assert_uint_eq(rd(&b, 0x40), 0);
    ck_assert_uint_eq(rd(&b, ITOP), 0);             /* write-only */
    wr(&b, VALUE, 1);                               /* read-only */
    wr(&b, 0xfe0, 1);
    ck_assert_uint_eq(b.d.trace.guest_errors, 4);
    devtest_free(&b.d);
}
END_TEST

/* Periodic, 32-bit, LOAD 9: 9..1, 0 (interrupt), 9, ...: a period of 10 ticks. */
START_TEST(test_periodic_32bit)
{
    struct bench b;
    bench_init(&b);
    wr(&b, LOAD, 9);
    wr(&b, CONTROL, ENABLE | PERIODIC | INTEN | SIZE32);
    ck_assert_uint_eq(rd(&b, VALUE), 9);
    at_tick(&b, 4);
    ck_assert_uint_eq(rd(&b, VALUE), 5);
    at_tick(&b, 9);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_uint_eq(rd(&b, RIS), 1);
    ck_assert_uint_eq(rd(&b, MIS), 1);
    ck_assert(b.irq1.level && b.irq.level && !b.irq2.level);
    ck_assert_uint_eq(b.irq1.last_rise, devtest_pclk_cycle(9));
    at_tick(&b, 10);
    ck_assert_uint_eq(rd(&b, VALUE), 9);
    wr(&b, INTCLR, 0);                              /* any value clears */
    ck_assert(!b.irq.level);
    at_tick(&b, 19);
    ck_assert_int_eq(b.irq1.rises, 2);
    ck_assert_uint_eq(b.irq1.last_rise, devtest_pclk_cycle(19));
    at_tick(&b, 10 * 1000 + 9);                     /* 1000 periods later, on the grid */
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), devtest_pclk_cycle(10019));
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_prescaler_and_mis_masking)
{
    struct bench b;
    bench_init(&b);
    wr(&b, T2 + LOAD, 3);
    wr(&b, T2 + CONTROL, ENABLE | PERIODIC | PRE16);    /* interrupt disabled */
    at_tick(&b, 15);
    ck_assert_uint_eq(rd(&b, T2 + VALUE) & 0xffff, 3);
    at_tick(&b, 16);
    ck_assert_uint_eq(rd(&b, T2 + VALUE) & 0xffff, 2);
    at_tick(&b, 48);
    ck_assert_uint_eq(rd(&b, T2 + RIS), 1);             /* raw status set anyway */
    ck_assert_uint_eq(rd(&b, T2 + MIS), 0);
    ck_assert(!b.irq2.level && !b.irq.level);
    wr(&b, T2 + CONTROL, ENABLE | PERIODIC | PRE16 | INTEN);
    ck_assert(b.irq2.level && b.irq.level);
    ck_assert_uint_eq(rd(&b, T2 + VALUE) & 0xffff, 0);  /* no reload from the write */
    at_tick(&b, 64);
    ck_assert_uint_eq(rd(&b, T2 + VALUE) & 0xffff, 3);
    devtest_free(&b.d);
}
END_TEST

/* Free-running 16-bit: wraps to 0xffff; VALUE's top half shows LOAD's. */
START_TEST(test_free_running_16bit_wraps)
{
    struct bench b;
    bench_init(&b);
    wr(&b, LOAD, 0x12340002);
    ck_assert_uint_eq(rd(&b, VALUE), 0x12340002);
    wr(&b, CONTROL, ENABLE | INTEN);
    at_tick(&b, 2);
    ck_assert_uint_eq(rd(&b, VALUE), 0x12340000);
    ck_assert(b.irq.level);
    at_tick(&b, 3);
    ck_assert_uint_eq(rd(&b, VALUE), 0x1234ffff);
    at_tick(&b, 3 + 0xffff);
    ck_assert_uint_eq(rd(&b, VALUE), 0x12340000);
    ck_assert_int_eq(b.irq1.rises, 1);                  /* never cleared: stays high */
    wr(&b, INTCLR, 1);
    at_tick(&b, 3 + 2 * 0x10000 - 1);
    ck_assert_int_eq(b.irq1.rises, 2);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_one_shot_and_restart_by_load)
{
    struct bench b;
    bench_init(&b);
    wr(&b, CONTROL, PERIODIC | ONESHOT | INTEN | SIZE32);
    wr(&b, LOAD, 5);                                    /* not enabled: loads only */
    at_tick(&b, 100);
    ck_assert_uint_eq(rd(&b, VALUE), 5);
    wr(&b, CONTROL, ENABLE | PERIODIC | ONESHOT | INTEN | SIZE32);
    at_tick(&b, 105);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    ck_assert_int_eq(b.irq1.rises, 1);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    wr(&b, INTCLR, 1);
    wr(&b, LOAD, 7);                                    /* restarts the expired one-shot */
    at_tick(&b, 112);
    ck_assert_int_eq(b.irq1.rises, 2);
    /* Periodic mode after a LOAD write stays periodic (QEMU would turn it one-shot). */
    wr(&b, INTCLR, 1);
    wr(&b, CONTROL, ENABLE | PERIODIC | INTEN | SIZE32);
    wr(&b, LOAD, 7);
    at_tick(&b, 112 + 7);
    ck_assert_int_eq(b.irq1.rises, 3);
    wr(&b, INTCLR, 1);
    at_tick(&b, 112 + 7 + 8);
    ck_assert_int_eq(b.irq1.rises, 4);
    ck_assert_uint_eq(rd(&b, VALUE), 0);
    at_tick(&b, 112 + 7 + 9);
    ck_assert_uint_eq(rd(&b, VALUE), 7);
    wr(&b, LOAD, 0);                                    /* periodic LOAD 0: stops */
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_bgload_applies_at_next_wrap_and_disable_freezes)
{
    struct bench b;
    bench_init(&b);
    wr(&b, LOAD, 9);
    wr(&b, CONTROL, ENABLE | PERIODIC | SIZE32);
    at_tick(&b, 3);
    wr(&b, BGLOAD, 99);
    ck_assert_uint_eq(rd(&b, VALUE), 6);                /* current count untouched */
    ck_assert_uint_eq(rd(&b, LOAD), 99);
    at_tick(&b, 10);
    ck_assert_uint_eq(rd(&b, VALUE), 99);
    at_tick(&b, 20);
    ck_assert_uint_eq(rd(&b, VALUE), 89);
    wr(&b, CONTROL, PERIODIC | SIZE32);                 /* disable: frozen */
    at_tick(&b, 500);
    ck_assert_uint_eq(rd(&b, VALUE), 89);
    wr(&b, CONTROL, ENABLE | PERIODIC | SIZE32);
    at_tick(&b, 501);
    ck_assert_uint_eq(rd(&b, VALUE), 88);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_width_switch_and_test_mode)
{
    struct bench b;
    bench_init(&b);
    wr(&b, CONTROL, SIZE32);
    wr(&b, LOAD, 0xabcd1234);
    wr(&b, CONTROL, 0);                                 /* 32 -> 16 bits */
    ck_assert_uint_eq(rd(&b, VALUE), 0xabcd1234);
    wr(&b, CONTROL, SIZE32);                            /* and back */
    ck_assert_uint_eq(rd(&b, VALUE), 0xabcd1234);
    wr(&b, ITCR, 1);
    wr(&b, ITOP, 2);
    ck_assert(b.irq2.level && b.irq.level && !b.irq1.level);
    wr(&b, ITCR, 0);
    ck_assert(!b.irq.level);
    wr(&b, CONTROL, PRE16 | PRE256);                    /* undefined prescale: guest error */
    ck_assert_uint_eq(b.d.trace.guest_errors, 1);
    cmsdk_dualtimer_reset(&b.t);
    ck_assert_uint_eq(rd(&b, VALUE), 0xffffffffu);
    devtest_free(&b.d);
}
END_TEST

Suite *cmsdk_dualtimer_suite(void)
{
    Suite *s = suite_create("cmsdk_dualtimer");
    TCase *tc = tcase_create("dualtimer");
    tcase_add_test(tc, test_reset_values_ids_and_bad_offsets);
    tcase_add_test(tc, test_periodic_32bit);
    tcase_add_test(tc, test_prescaler_and_mis_masking);
    tcase_add_test(tc, test_free_running_16bit_wraps);
    tcase_add_test(tc, test_one_shot_and_restart_by_load);
    tcase_add_test(tc, test_bgload_applies_at_next_wrap_and_disable_freezes);
    tcase_add_test(tc, test_width_switch_and_test_mode);
    suite_add_tcase(s, tc);
    return s;
}
