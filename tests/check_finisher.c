/* Unit tests: tocksim test finisher (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/finisher.h"

enum { ID = 0x000, VERSION = 0x004, EXIT = 0x008 };

struct exits { int n; int code; };

static void on_exit_cb(void *ctx, int code)
{
    struct exits *e = ctx;
    e->n++;
    e->code = code;
}

START_TEST(test_exit_calls_host_with_low_byte)
{
    struct devtest d;
    struct finisher f;
    struct exits e = { 0, -1 };
    devtest_init(&d, "finisher");
    finisher_init(&f, &d.env, on_exit_cb, &e);
    ck_assert_uint_eq(finisher_ops.read(&f, ID, 4), CM4_ID_FINISHER);
    ck_assert_uint_eq(FINISHER_ID, CM4_ID_FINISHER);
    ck_assert_uint_eq(finisher_ops.read(&f, VERSION, 4), 1);
    ck_assert_uint_eq(finisher_ops.read(&f, EXIT, 4), 0);
    ck_assert_int_eq(e.n, 0);
    finisher_ops.write(&f, EXIT, 0x1234, 4);
    ck_assert_int_eq(e.n, 1);
    ck_assert_int_eq(e.code, 0x34);
    finisher_ops.write(&f, EXIT, 0, 4);
    ck_assert_int_eq(e.n, 2);
    ck_assert_int_eq(e.code, 0);
    ck_assert_ptr_nonnull(strstr(devtest_trace_text(&d), "\"kind\":\"exit\",\"dev\":\"finisher\",\"code\":52"));
    ck_assert_uint_eq(d.trace.guest_errors, 0);
    devtest_free(&d);
}
END_TEST

START_TEST(test_bad_and_read_only_offsets)
{
    struct devtest d;
    struct finisher f;
    struct exits e = { 0, -1 };
    devtest_init(&d, "finisher");
    finisher_init(&f, &d.env, on_exit_cb, &e);
    ck_assert_uint_eq(finisher_ops.read(&f, 0x00c, 4), 0);
    finisher_ops.write(&f, ID, 1, 4);
    finisher_ops.write(&f, 0x00c, 1, 4);
    ck_assert_uint_eq(d.trace.guest_errors, 3);
    ck_assert_int_eq(e.n, 0);
    finisher_init(&f, &d.env, NULL, NULL);          /* no host callback: only traced */
    finisher_ops.write(&f, EXIT, 3, 4);
    ck_assert_int_eq(devtest_trace_count(&d, "\"kind\":\"exit\""), 1);
    devtest_free(&d);
}
END_TEST

Suite *finisher_suite(void)
{
    Suite *s = suite_create("finisher");
    TCase *tc = tcase_create("finisher");
    tcase_add_test(tc, test_exit_calls_host_with_low_byte);
    tcase_add_test(tc, test_bad_and_read_only_offsets);
    suite_add_tcase(s, tc);
    return s;
}
