/* Unit tests: MPS2 FPGAIO model (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/cmsdk/fpgaio.h"

enum {
    LED0 = 0x00, BUTTON = 0x08, CLK1HZ = 0x10, CLK100HZ = 0x14, COUNTER = 0x18,
    PRESCALE = 0x1c, PSCNTR = 0x20, MISC = 0x4c,
};

struct bench {
    struct devtest d;
    struct fpgaio f;
    int calls;
    unsigned last_led;
    bool last_on;
};

static void led_changed(void *ctx, unsigned led, bool on)
{
    struct bench *b = ctx;
    b->calls++;
    b->last_led = led;
    b->last_on = on;
}

static void bench_init(struct bench *b)
{
    memset(b, 0, sizeof(*b));
    devtest_init(&b->d, "fpgaio");
    fpgaio_init(&b->f, &b->d.env, CM4_PCLK_HZ, led_changed, b);
}

static uint32_t rd(struct bench *b, uint32_t off)
{
    return fpgaio_ops.read(&b->f, off, 4);
}

static void wr(struct bench *b, uint32_t off, uint32_t v)
{
    fpgaio_ops.write(&b->f, off, v, 4);
}

START_TEST(test_board_constants_match_memmap)
{
    ck_assert_int_eq(FPGAIO_NUM_LEDS, CM4_NUM_LEDS);
    ck_assert_int_eq(FPGAIO_NUM_BUTTONS, CM4_NUM_BUTTONS);
}
END_TEST

START_TEST(test_leds_notify_each_change)
{
    struct bench b;
    bench_init(&b);
    ck_assert_int_eq(b.calls, 0);
    wr(&b, LED0, 1);
    ck_assert_int_eq(b.calls, 1);
    ck_assert_uint_eq(b.last_led, 0);
    ck_assert(b.last_on);
    wr(&b, LED0, 1);                                /* no change, no call */
    ck_assert_int_eq(b.calls, 1);
    wr(&b, LED0, 0xfe);                             /* LED0 off, LED1 on; bits 2+ ignored */
    ck_assert_int_eq(b.calls, 3);
    ck_assert_uint_eq(rd(&b, LED0), 2);
    ck_assert_uint_eq(b.last_led, 1);
    ck_assert(b.last_on);
    ck_assert_int_eq(devtest_trace_count(&b.d, "\"kind\":\"led\""), 3);
    ck_assert_ptr_nonnull(strstr(devtest_trace_text(&b.d),
                                 "\"dev\":\"fpgaio\",\"led\":1,\"on\":true"));
    fpgaio_reset(&b.f);                             /* reset turns LED1 off: reported */
    ck_assert_int_eq(b.calls, 4);
    ck_assert(!b.last_on);
    ck_assert_uint_eq(rd(&b, LED0), 0);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_buttons_read_only)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(rd(&b, BUTTON), 0);
    fpgaio_set_button(&b.f, 1, true);
    ck_assert_uint_eq(rd(&b, BUTTON), 2);
    fpgaio_set_button(&b.f, 0, true);
    fpgaio_set_button(&b.f, 2, true);               /* no such button */
    ck_assert_uint_eq(rd(&b, BUTTON), 3);
    fpgaio_set_button(&b.f, 1, false);
    ck_assert_uint_eq(rd(&b, BUTTON), 1);
    wr(&b, BUTTON, 0);                              /* read-only: a bad offset, as on QEMU */
    ck_assert_uint_eq(b.d.trace.guest_errors, 1);
    ck_assert_uint_eq(rd(&b, BUTTON), 1);
    fpgaio_reset(&b.f);                             /* a finger on the button stays there */
    ck_assert_uint_eq(rd(&b, BUTTON), 1);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_bad_offsets_and_misc)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(rd(&b, 0x04), 0);             /* DBGCTRL: not on AN386 */
    ck_assert_uint_eq(rd(&b, 0x28), 0);             /* SWITCH: not on AN386 */
    wr(&b, 0x50, 1);
    ck_assert_uint_eq(b.d.trace.guest_errors, 3);
    wr(&b, MISC, 0x1234);
    ck_assert_uint_eq(rd(&b, MISC), 0x1234);
    ck_assert_uint_eq(b.d.trace.guest_errors, 3);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_1hz_and_100hz_counters)
{
    struct bench b;
    bench_init(&b);
    clock_advance_to(&b.d.clock, 640000 - 1);
    ck_assert_uint_eq(rd(&b, CLK100HZ), 0);
    clock_advance_to(&b.d.clock, 640000);
    ck_assert_uint_eq(rd(&b, CLK100HZ), 1);
    ck_assert_uint_eq(rd(&b, CLK1HZ), 0);
    clock_advance_to(&b.d.clock, CM4_CPU_HZ - 1);
    ck_assert_uint_eq(rd(&b, CLK1HZ), 0);
    ck_assert_uint_eq(rd(&b, CLK100HZ), 99);
    clock_advance_to(&b.d.clock, CM4_CPU_HZ);
    ck_assert_uint_eq(rd(&b, CLK1HZ), 1);
    ck_assert_uint_eq(rd(&b, CLK100HZ), 100);
    /* Written values count on from there. */
    clock_advance_to(&b.d.clock, CM4_CPU_HZ + 1000);
    wr(&b, CLK1HZ, 500);
    wr(&b, CLK100HZ, 0xffffffff);
    ck_assert_uint_eq(rd(&b, CLK1HZ), 500);
    clock_advance_to(&b.d.clock, 2ull * CM4_CPU_HZ + 999);
    ck_assert_uint_eq(rd(&b, CLK1HZ), 500);
    ck_assert_uint_eq(rd(&b, CLK100HZ), 98);        /* 99 periods on: wrapped through 0 */
    clock_advance_to(&b.d.clock, 2ull * CM4_CPU_HZ + 1000);
    ck_assert_uint_eq(rd(&b, CLK1HZ), 501);
    ck_assert_uint_eq(rd(&b, CLK100HZ), 99);
    devtest_free(&b.d);
}
END_TEST

/* PRESCALE 4 from PSCNTR 0: tick 1 reloads 4 (COUNTER 1), ..., tick 5 reaches 0, tick 6
 * reloads (COUNTER 2): COUNTER increments every 5 ticks. */
START_TEST(test_prescaler_and_counter)
{
    struct bench b;
    bench_init(&b);
    wr(&b, PRESCALE, 4);
    ck_assert_uint_eq(rd(&b, PSCNTR), 0);
    ck_assert_uint_eq(rd(&b, COUNTER), 0);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1));
    ck_assert_uint_eq(rd(&b, PSCNTR), 4);
    ck_assert_uint_eq(rd(&b, COUNTER), 1);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(5));
    ck_assert_uint_eq(rd(&b, PSCNTR), 0);
    ck_assert_uint_eq(rd(&b, COUNTER), 1);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(6));
    ck_assert_uint_eq(rd(&b, PSCNTR), 4);
    ck_assert_uint_eq(rd(&b, COUNTER), 2);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1000));
    ck_assert_uint_eq(rd(&b, COUNTER), 200);
    ck_assert_uint_eq(rd(&b, PSCNTR), 0);
    /* Writes: COUNTER and PSCNTR load, counting goes on. */
    wr(&b, COUNTER, 7);
    wr(&b, PSCNTR, 2);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1002));
    ck_assert_uint_eq(rd(&b, PSCNTR), 0);
    ck_assert_uint_eq(rd(&b, COUNTER), 7);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1003));
    ck_assert_uint_eq(rd(&b, COUNTER), 8);
    /* PRESCALE 0: once PSCNTR is 0, COUNTER increments every tick. */
    wr(&b, PRESCALE, 0);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1010));
    ck_assert_uint_eq(rd(&b, COUNTER), 8 + 3);      /* 4 ticks down to 0, then 3 more */
    devtest_free(&b.d);
}
END_TEST

/* Reading often (several times within one tick) gives the same counts as reading once. */
START_TEST(test_frequent_reads_lose_no_time)
{
    struct bench once, often;
    bench_init(&once);
    bench_init(&often);
    wr(&once, PRESCALE, 6);
    wr(&often, PRESCALE, 6);
    for (uint64_t t = 0; t <= 100000; t += 3) {
        clock_advance_to(&often.d.clock, t);
        rd(&often, PSCNTR);
    }
    clock_advance_to(&once.d.clock, often.d.clock.now);
    ck_assert_uint_eq(rd(&often, COUNTER), rd(&once, COUNTER));
    ck_assert_uint_eq(rd(&often, PSCNTR), rd(&once, PSCNTR));
    /* 100000 cycles = 39062 ticks; 1 + (39062 - 1) / 7 reloads. */
    ck_assert_uint_eq(rd(&once, COUNTER), 1 + 39061 / 7);
    devtest_free(&once.d);
    devtest_free(&often.d);
}
END_TEST

Suite *fpgaio_suite(void)
{
    Suite *s = suite_create("fpgaio");
    TCase *tc = tcase_create("io");
    tcase_add_test(tc, test_board_constants_match_memmap);
    tcase_add_test(tc, test_leds_notify_each_change);
    tcase_add_test(tc, test_buttons_read_only);
    tcase_add_test(tc, test_bad_offsets_and_misc);
    suite_add_tcase(s, tc);
    tc = tcase_create("counters");
    tcase_add_test(tc, test_1hz_and_100hz_counters);
    tcase_add_test(tc, test_prescaler_and_counter);
    tcase_add_test(tc, test_frequent_reads_lose_no_time);
    suite_add_tcase(s, tc);
    return s;
}
