/* Unit tests: the window's console scrollback (line splitting, terminal controls, the ring). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ui/console.h"

static struct ui_console *fresh(void)
{
    struct ui_console *c = malloc(sizeof(*c));
    ui_console_init(c);
    return c;
}

/* Asserts line i reads exactly want. */
static void line_is(const struct ui_console *c, unsigned i, const char *want)
{
    unsigned len;
    const char *s = ui_console_line(c, i, &len);
    ck_assert_msg(len == strlen(want) && memcmp(s, want, len) == 0, "line %u is '%.*s', want '%s'", i,
                  (int)len, s, want);
}

static void put(struct ui_console *c, const char *s)
{
    ui_console_write(c, s, strlen(s));
}

START_TEST(test_lines_split_at_newline_in_any_chunking)
{
    struct ui_console *c = fresh();
    ck_assert_uint_eq(ui_console_count(c), 1);
    line_is(c, 0, "");
    put(c, "Hello, ");
    put(c, "World!\nsecond");
    put(c, " line\r\n");
    ck_assert_uint_eq(ui_console_count(c), 3);
    line_is(c, 0, "Hello, World!");
    line_is(c, 1, "second line");
    line_is(c, 2, "");
    line_is(c, 7, "");          /* out of range reads empty */
    free(c);
}
END_TEST

START_TEST(test_terminal_controls)
{
    struct ui_console *c = fresh();
    put(c, "abcdef\rXY\n");         /* CR returns to column 0; later text overwrites */
    put(c, "abc\b\bZ\n");           /* backspace moves back */
    put(c, "a\tb\tc\n");            /* tabs to multiples of 8 */
    put(c, "\x1b[1;31mred\x1b[0m plain\x1b" "c\n");  /* CSI and two-byte escapes dropped */
    put(c, "bell\a nul");
    ui_console_write(c, "\0!\n", 3);
    put(c, "caf\xc3\xa9 \xe2\x82\xac\n");   /* each non-ASCII character: one '?' */
    line_is(c, 0, "XYcdef");
    line_is(c, 1, "aZc");
    line_is(c, 2, "a       b       c");
    line_is(c, 3, "red plain");
    line_is(c, 4, "bell nul!");
    line_is(c, 5, "caf? ?");
    free(c);
}
END_TEST

START_TEST(test_long_lines_continue_on_the_next_line)
{
    struct ui_console *c = fresh();
    char buf[UI_CONSOLE_COLS + 11];
    memset(buf, 'x', sizeof(buf));
    ui_console_write(c, buf, sizeof(buf));
    ck_assert_uint_eq(ui_console_count(c), 2);
    unsigned len;
    ui_console_line(c, 0, &len);
    ck_assert_uint_eq(len, UI_CONSOLE_COLS);
    line_is(c, 1, "xxxxxxxxxxx");
    free(c);
}
END_TEST

START_TEST(test_ring_keeps_the_newest_lines)
{
    struct ui_console *c = fresh();
    char buf[32];
    for (int i = 0; i < UI_CONSOLE_LINES + 5; i++) {
        int n = snprintf(buf, sizeof(buf), "line %d\n", i);
        ui_console_write(c, buf, (size_t)n);
    }
    ck_assert_uint_eq(ui_console_count(c), UI_CONSOLE_LINES);
    ck_assert_uint_eq(c->dropped, 6);
    line_is(c, 0, "line 6");
    snprintf(buf, sizeof(buf), "line %d", UI_CONSOLE_LINES + 4);
    line_is(c, UI_CONSOLE_LINES - 2, buf);
    line_is(c, UI_CONSOLE_LINES - 1, "");
    free(c);
}
END_TEST

Suite *ui_console_suite(void)
{
    Suite *s = suite_create("ui_console");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_lines_split_at_newline_in_any_chunking);
    tcase_add_test(tc, test_terminal_controls);
    tcase_add_test(tc, test_long_lines_continue_on_the_next_line);
    tcase_add_test(tc, test_ring_keeps_the_newest_lines);
    suite_add_tcase(s, tc);
    return s;
}
