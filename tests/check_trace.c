/* Unit tests: the trace service's guest-error lines (whole lines beside the console, repeats
 * summarised) and the console's line buffering (sim/core/lineout.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/clock.h"
#include "sim/core/lineout.h"
#include "sim/core/trace.h"

/* One terminal: the console and the guest-error log write to the same stream. */
struct term {
    char *text;
    size_t len;
    FILE *f;
    struct vclock clock;
    struct trace trace;
    struct lineout console;
};

static struct term *term_open(void)
{
    struct term *t = calloc(1, sizeof(*t));
    t->f = open_memstream(&t->text, &t->len);
    clock_init(&t->clock, 1000000000);          /* 1 cycle = 1 ns */
    trace_init(&t->trace, &t->clock, "cm4");
    t->trace.guest_log = t->f;
    lineout_init(&t->console, t->f);
    t->trace.console = &t->console;
    return t;
}

static const char *term_text(struct term *t)
{
    fflush(t->f);
    return t->text;
}

static void term_close(struct term *t)
{
    fclose(t->f);
    free(t->text);
    free(t);
}

static unsigned count_lines(const char *s, const char *needle)
{
    unsigned n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

START_TEST(test_guest_error_does_not_split_a_console_line)
{
    struct term *t = term_open();
    lineout_write(&t->console, "blin", 4);
    trace_guest_error(&t->trace, "uart0", "write to offset 0x%x", 0x40u);
    lineout_write(&t->console, "k: 2 LEDs\n", 10);
    ck_assert_str_eq(term_text(t), "[0.000000 ms] cm4: guest error: uart0: write to offset 0x40\nblink: 2 LEDs\n");
    term_close(t);
}
END_TEST

START_TEST(test_a_shown_prompt_is_ended_before_a_message)
{
    struct term *t = term_open();
    lineout_write(&t->console, "tock$ ", 6);
    lineout_flush(&t->console);                 /* a prompt waits for input */
    trace_guest_error(&t->trace, "gpio", "bad pin %u", 9u);
    ck_assert_str_eq(term_text(t), "tock$ \n[0.000000 ms] cm4: guest error: gpio: bad pin 9\n");
    lineout_break(&t->console);                 /* nothing showing: no empty line */
    ck_assert_str_eq(term_text(t), "tock$ \n[0.000000 ms] cm4: guest error: gpio: bad pin 9\n");
    term_close(t);
}
END_TEST

START_TEST(test_identical_errors_are_summarised)
{
    struct term *t = term_open();
    for (int i = 0; i < 1000000; i++)
        trace_guest_error(&t->trace, "bus", "fetch from unmapped 0x%08x", 0xfffffff0u);
    trace_guest_error(&t->trace, "bus", "other");
    trace_flush(&t->trace);
    const char *s = term_text(t);
    ck_assert_uint_eq(count_lines(s, "fetch from unmapped 0xfffffff0\n"), TRACE_REPEATS_SHOWN);
    ck_assert_ptr_nonnull(strstr(s, "fetch from unmapped 0xfffffff0 (repeated 999997 more times, not shown)\n"));
    ck_assert_ptr_nonnull(strstr(s, "guest error: bus: other\n"));
    ck_assert_uint_eq(t->trace.guest_errors, 1000001);
    term_close(t);
}
END_TEST

START_TEST(test_distinct_errors_are_capped_then_counted)
{
    struct term *t = term_open();
    for (unsigned i = 0; i < 5000; i++)
        trace_guest_error(&t->trace, "bus", "access to 0x%08x", i);
    trace_flush(&t->trace);
    const char *s = term_text(t);
    ck_assert_uint_eq(count_lines(s, "guest error: bus: access to"), TRACE_ERRORS_SHOWN);
    ck_assert_ptr_nonnull(strstr(s, "further guest errors are counted, not shown"));
    ck_assert_ptr_nonnull(strstr(s, "5000 guest errors in all, 4800 not shown\n"));
    term_close(t);
}
END_TEST

START_TEST(test_flush_shows_an_unfinished_console_line)
{
    struct term *t = term_open();
    lineout_write(&t->console, "no newline", 10);
    ck_assert_str_eq(term_text(t) ? term_text(t) : "", "");
    lineout_flush(&t->console);
    ck_assert_str_eq(term_text(t), "no newline");
    term_close(t);
}
END_TEST

Suite *trace_suite(void)
{
    Suite *s = suite_create("trace");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_guest_error_does_not_split_a_console_line);
    tcase_add_test(tc, test_a_shown_prompt_is_ended_before_a_message);
    tcase_add_test(tc, test_identical_errors_are_summarised);
    tcase_add_test(tc, test_distinct_errors_are_capped_then_counted);
    tcase_add_test(tc, test_flush_shows_an_unfinished_console_line);
    suite_add_tcase(s, tc);
    return s;
}
