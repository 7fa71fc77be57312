/* Unit tests: the timeline's record (ring, search, who ran when) and its strip (zoom, scroll),
 * and the hover text, which must read as --strace's line for the same call. */
#include <check.h>
#include <string.h>

#include "sim/trace/strace.h"
#include "sim/ui/timeline.h"

static struct ui_timeline tl;

static void setup(void)
{
    ck_assert(ui_tl_init(&tl));
}

static void teardown(void)
{
    ui_tl_free(&tl);
}

static void add(uint64_t t, enum ui_tl_kind kind, unsigned lane)
{
    struct ui_tl_event e = { .t_ns = t, .kind = (uint8_t)kind, .lane = (uint8_t)lane };
    ui_tl_add(&tl, &e);
}

START_TEST(test_runs_and_counts)
{
    ui_tl_run(&tl, 100, 1);                 /* process slot 0 from 100 ns */
    add(150, UI_TL_SYSCALL, 1);
    ui_tl_run(&tl, 200, UI_TL_KERNEL);
    ui_tl_run(&tl, 200, UI_TL_KERNEL);      /* no change: nothing recorded */
    ui_tl_run(&tl, 300, UI_TL_LANES);       /* sleeps */
    add(400, UI_TL_SWITCH, 2);
    ui_tl_run(&tl, 400, 2);
    ck_assert_uint_eq(tl.total, 6);
    ck_assert_uint_eq(ui_tl_running_at(&tl, 50), UI_TL_KERNEL);     /* boot */
    ck_assert_uint_eq(ui_tl_running_at(&tl, 100), 1);
    ck_assert_uint_eq(ui_tl_running_at(&tl, 199), 1);
    ck_assert_uint_eq(ui_tl_running_at(&tl, 250), UI_TL_KERNEL);
    ck_assert_uint_eq(ui_tl_running_at(&tl, 350), UI_TL_LANES);
    ck_assert_uint_eq(ui_tl_running_at(&tl, 1000), 2);
    ck_assert_uint_eq(ui_tl_find(&tl, 150), 1);
    ck_assert_uint_eq(ui_tl_find(&tl, 151), 2);
    ck_assert_uint_eq(ui_tl_find(&tl, 5000), tl.total);
    ck_assert_uint_eq(ui_tl_count(&tl, 2, UI_TL_SWITCH, 0, 1000), 1);
    ck_assert_uint_eq(ui_tl_count(&tl, 2, UI_TL_SWITCH, 0, 400), 0);  /* [t0, t1) */
    ck_assert_uint_eq(ui_tl_nearest(&tl, 1, 160, 20), 1);
    ck_assert_uint_eq(ui_tl_nearest(&tl, 1, 160, 5), UINT64_MAX);
}
END_TEST

START_TEST(test_ring_drops_the_oldest)
{
    for (uint64_t i = 0; i < UI_TL_CAPACITY + 10; i++)
        add(i * 10, UI_TL_IRQ, UI_TL_KERNEL);
    ck_assert_uint_eq(ui_tl_first(&tl), 10);
    ck_assert_ptr_null(ui_tl_get(&tl, 9));
    ck_assert_uint_eq(ui_tl_get(&tl, 10)->t_ns, 100);
    ck_assert_uint_eq(ui_tl_find(&tl, 0), 10);                      /* the oldest kept */
    ck_assert_uint_eq(ui_tl_find(&tl, 1005), 101);
    ck_assert_uint_eq(ui_tl_running_at(&tl, 50), UI_TL_LANES);      /* forgotten: unknown */
}
END_TEST

START_TEST(test_window_zoom_scroll)
{
    uint64_t t0, t1, now = 3000000000ull;
    ui_tl_window(&tl, 200000000ull, &t0, &t1);                      /* early: 0 at the left */
    ck_assert_uint_eq(t0, 0);
    ck_assert_uint_eq(t1, UI_TL_DEFAULT_SPAN_NS);
    ui_tl_window(&tl, now, &t0, &t1);
    ck_assert_uint_eq(t1, now);
    ck_assert_uint_eq(t1 - t0, 1000000000ull);
    ui_tl_zoom(&tl, -1, now, t1);                                   /* at the present: follows */
    ck_assert_uint_eq(tl.span_ns, 500000000ull);
    ck_assert(tl.follow);
    ui_tl_scroll(&tl, -1.0, now);                                   /* one span back */
    ck_assert(!tl.follow);
    ui_tl_window(&tl, now, &t0, &t1);
    ck_assert_uint_eq(t1, 2500000000ull);
    ui_tl_zoom(&tl, -1, now, 2400000000ull);                        /* keeps the anchor in place */
    ui_tl_window(&tl, now, &t0, &t1);
    ck_assert_uint_eq(tl.span_ns, 200000000ull);
    ck_assert_uint_eq(t1, 2440000000ull);                           /* 2.4 s stays 4/5 across */
    ui_tl_scroll(&tl, 10, now);                                     /* past the present: live */
    ck_assert(tl.follow);
    for (int i = 0; i < 40; i++)
        ui_tl_zoom(&tl, -1, now, now);
    ck_assert_uint_eq(tl.span_ns, UI_TL_MIN_SPAN_NS);
    for (int i = 0; i < 40; i++)
        ui_tl_zoom(&tl, +1, now, now);
    ck_assert_uint_eq(tl.span_ns, UI_TL_MAX_SPAN_NS);
    char buf[32];
    ui_tl_span_label(20000, buf, sizeof(buf));
    ck_assert_str_eq(buf, "20 \u00b5s");
    ui_tl_span_label(2000000000ull, buf, sizeof(buf));
    ck_assert_str_eq(buf, "2 s");
}
END_TEST

/* The hover text of a system call is --strace's line for it. */
START_TEST(test_describe_reads_as_strace)
{
    struct ui_tl_event e = { .t_ns = 4209828, .kind = UI_TL_SYSCALL, .lane = 1, .cls = 2, .pid = 0,
                             .flags = UI_TL_RETURNED, .a = { 2, 0, 0, 0 }, .r = { 129, 2, 0, 0 } };
    char buf[256], call[160], ret[64], want[256];
    ui_tl_describe(&e, "blink", NULL, buf, sizeof(buf));
    strace_format_call(call, sizeof(call), NULL, 2, e.a);
    strace_format_return(ret, sizeof(ret), 2, e.r);
    snprintf(want, sizeof(want), "[4.209 ms] blink.0 %s = %s", call, ret);
    ck_assert_str_eq(buf, want);
    ck_assert_str_eq(buf, "[4.209 ms] blink.0 command(led=0x2, cmd=0 count, 0, 0) = Success(2)");
    e.flags = 0;
    ui_tl_describe(&e, "blink", NULL, buf, sizeof(buf));
    ck_assert_str_eq(buf, "[4.209 ms] blink.0 command(led=0x2, cmd=0 count, 0, 0) = ?");
    struct ui_tl_event irq = { .t_ns = 1500000, .kind = UI_TL_IRQ, .lane = UI_TL_KERNEL, .value = 24 };
    ui_tl_describe(&irq, "kernel", NULL, buf, sizeof(buf));
    ck_assert_str_eq(buf, "[1.500 ms] kernel interrupt: IRQ 8 (exception 24)");
}
END_TEST

Suite *ui_timeline_suite(void)
{
    Suite *s = suite_create("ui_timeline");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_runs_and_counts);
    tcase_add_test(tc, test_ring_drops_the_oldest);
    tcase_add_test(tc, test_window_zoom_scroll);
    tcase_add_test(tc, test_describe_reads_as_strace);
    suite_add_tcase(s, tc);
    return s;
}
