/* Unit tests: tocksim GPIO bank (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/gpio.h"

enum {
    ID = 0x000, VERSION = 0x004, DIR = 0x008, OUT = 0x00c, IN = 0x010, SET = 0x014,
    CLR = 0x018, TOGGLE = 0x01c, IRQ_RISE = 0x020, IRQ_FALL = 0x024, IRQ_STATUS = 0x028,
};

struct bench {
    struct devtest d;
    struct gpio g;
    struct irq_probe irq;
    int calls;
    unsigned last_pin;
    bool last_level;
};

static void pin_changed(void *ctx, unsigned pin, bool level)
{
    struct bench *b = ctx;
    b->calls++;
    b->last_pin = pin;
    b->last_level = level;
}

static void bench_init(struct bench *b)
{
    memset(b, 0, sizeof(*b));
    devtest_init(&b->d, "gpio");
    gpio_init(&b->g, &b->d.env, pin_changed, b);
    irq_probe_attach(&b->irq, &b->g.irq, &b->d.clock);
}

static uint32_t rd(struct bench *b, uint32_t off)
{
    return gpio_ops.read(&b->g, off, 4);
}

static void wr(struct bench *b, uint32_t off, uint32_t v)
{
    gpio_ops.write(&b->g, off, v, 4);
}

START_TEST(test_id_version_reset_values)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(GPIO_ID, CM4_ID_GPIO);
    ck_assert_int_eq(GPIO_PINS, CM4_GPIO_PINS);
    ck_assert_uint_eq(rd(&b, ID), CM4_ID_GPIO);
    ck_assert_uint_eq(rd(&b, VERSION), 1);
    for (uint32_t off = DIR; off <= IRQ_STATUS; off += 4)
        ck_assert_uint_eq(rd(&b, off), 0);
    ck_assert_uint_eq(b.d.trace.guest_errors, 0);
    ck_assert_uint_eq(rd(&b, 0x02c), 0);
    wr(&b, ID, 1);
    wr(&b, IN, 1);
    wr(&b, 0x100, 1);
    ck_assert_uint_eq(b.d.trace.guest_errors, 4);
    ck_assert_uint_eq(rd(&b, ID), CM4_ID_GPIO);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_outputs_and_helpers)
{
    struct bench b;
    bench_init(&b);
    wr(&b, OUT, 0x0f);                              /* all inputs: levels unchanged */
    ck_assert_uint_eq(rd(&b, IN), 0);
    ck_assert_int_eq(b.calls, 0);
    wr(&b, DIR, 0xff);                              /* pins 0-3 now driven high */
    ck_assert_uint_eq(rd(&b, IN), 0x0f);
    ck_assert_int_eq(b.calls, 4);
    wr(&b, SET, 0x30);
    wr(&b, CLR, 0x01);
    wr(&b, TOGGLE, 0x81);
    ck_assert_uint_eq(rd(&b, OUT), 0xbf);
    ck_assert_uint_eq(rd(&b, IN), 0xbf);
    ck_assert_uint_eq(rd(&b, SET), 0);              /* helpers read 0 */
    ck_assert_uint_eq(b.last_pin, 7);
    ck_assert(b.last_level);
    ck_assert_int_eq(b.calls, 4 + 2 + 1 + 2);
    ck_assert_int_eq(devtest_trace_count(&b.d, "\"kind\":\"pin\""), 9);
    ck_assert_ptr_nonnull(strstr(devtest_trace_text(&b.d),
                                 "\"pin\":7,\"level\":1,\"by\":\"guest\""));
    gpio_reset(&b.g);                               /* outputs let go */
    ck_assert_uint_eq(rd(&b, IN), 0);
    ck_assert(!b.last_level);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_input_edges_both_directions_w1c)
{
    struct bench b;
    bench_init(&b);
    wr(&b, IRQ_RISE, 1u << 5);
    wr(&b, IRQ_FALL, 1u << 6);
    gpio_set_input(&b.g, 5, true);
    ck_assert_uint_eq(rd(&b, IN), 1u << 5);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 1u << 5);
    ck_assert(b.irq.level);
    ck_assert_int_eq(b.calls, 0);                   /* host drives are not echoed */
    ck_assert_int_eq(devtest_trace_count(&b.d, "\"by\":\"host\""), 1);
    wr(&b, IRQ_STATUS, 1u << 5);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0);
    ck_assert(!b.irq.level);
    gpio_set_input(&b.g, 5, false);                 /* falling edge on pin 5: not enabled */
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0);
    gpio_set_input(&b.g, 6, true);                  /* rising edge on pin 6: not enabled */
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0);
    gpio_set_input(&b.g, 6, false);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 1u << 6);
    ck_assert_int_eq(b.irq.rises, 2);
    /* Both enables: both edges latch; a repeated level is no edge. */
    wr(&b, IRQ_STATUS, ~0u);
    wr(&b, IRQ_RISE, 1u << 31);
    wr(&b, IRQ_FALL, 1u << 31);
    gpio_set_input(&b.g, 31, true);
    wr(&b, IRQ_STATUS, 1u << 31);
    gpio_set_input(&b.g, 31, true);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0);
    gpio_set_input(&b.g, 31, false);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 1u << 31);
    gpio_set_input(&b.g, 32, true);                 /* no such pin */
    ck_assert_uint_eq(rd(&b, IN), 0);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_masked_edges_and_status_persistence)
{
    struct bench b;
    bench_init(&b);
    for (unsigned pin = 0; pin < 32; pin++)
        gpio_set_input(&b.g, pin, true);            /* no enables: nothing latches */
    ck_assert_uint_eq(rd(&b, IN), 0xffffffffu);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0);
    ck_assert_int_eq(b.irq.rises, 0);
    wr(&b, IRQ_FALL, 0x3);
    gpio_set_input(&b.g, 0, false);
    gpio_set_input(&b.g, 2, false);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0x1);
    wr(&b, IRQ_FALL, 0);                            /* clearing the enable keeps the status */
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0x1);
    ck_assert(b.irq.level);
    wr(&b, IRQ_STATUS, 0x2);                        /* W1C of another bit: no effect */
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0x1);
    ck_assert(b.irq.level);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_direction_decides_what_in_sees)
{
    struct bench b;
    bench_init(&b);
    wr(&b, IRQ_RISE, 1u << 3);
    wr(&b, IRQ_FALL, 1u << 3);
    wr(&b, DIR, 1u << 3);                           /* output low */
    gpio_set_input(&b.g, 3, true);                  /* the output wins */
    ck_assert_uint_eq(rd(&b, IN), 0);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 0);
    wr(&b, SET, 1u << 3);                           /* an output edge also latches */
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 1u << 3);
    wr(&b, IRQ_STATUS, 1u << 3);
    wr(&b, CLR, 1u << 3);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 1u << 3);
    wr(&b, IRQ_STATUS, 1u << 3);
    int calls = b.calls;
    wr(&b, DIR, 0);                                 /* input again: sees the external high */
    ck_assert_uint_eq(rd(&b, IN), 1u << 3);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS), 1u << 3);
    ck_assert_int_eq(b.calls, calls + 1);
    devtest_free(&b.d);
}
END_TEST

Suite *gpio_suite(void)
{
    Suite *s = suite_create("gpio");
    TCase *tc = tcase_create("gpio");
    tcase_add_test(tc, test_id_version_reset_values);
    tcase_add_test(tc, test_outputs_and_helpers);
    tcase_add_test(tc, test_input_edges_both_directions_w1c);
    tcase_add_test(tc, test_masked_edges_and_status_persistence);
    tcase_add_test(tc, test_direction_decides_what_in_sees);
    suite_add_tcase(s, tc);
    return s;
}
