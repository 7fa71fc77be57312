/* Unit tests: the status line of tocksim boot's terminal (sim/cli/status.c): its text from the
 * LEDs and buttons, cut to the terminal's width, and the escape sequences it writes, which must
 * be none when nothing changed and none at all into a file or a pipe. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/core/machine.h"

static char text[512];

static const char *status(uint32_t leds, unsigned nleds, uint32_t buttons, unsigned nbuttons, unsigned cols)
{
    struct cli_board_state st = { leds, buttons, nleds, nbuttons };
    cli_status_text(text, sizeof(text), &st, cols);
    return text;
}

START_TEST(test_text_shows_leds_buttons_and_keys)
{
    ck_assert_str_eq(status(1, 2, 2, 2, 200),
                     "[LED0 \u25cf LED1 \u25cb | BTN0 \u25cb BTN1 \u25cf] Ctrl-A 1-2 toggles a button, Ctrl-A x quits");
    ck_assert_str_eq(status(0, 1, 0, 0, 200), "[LED0 \u25cb] Ctrl-A x quits");
    ck_assert_str_eq(status(0, 0, 1, 1, 200), "[BTN0 \u25cf] Ctrl-A 1 toggles the button, Ctrl-A x quits");
    ck_assert_ptr_nonnull(strstr(status(0, 0, 0, 12, 200), "Ctrl-A 1-9 toggles"));  /* keys stop at 9 */
}
END_TEST

START_TEST(test_text_is_cut_to_the_width_in_characters)
{
    /* 20 characters, of which two are 3-byte circles */
    ck_assert_str_eq(status(1, 2, 0, 2, 20), "[LED0 \u25cf LED1 \u25cb | BTN");
    ck_assert_str_eq(status(1, 2, 0, 2, 7), "[LED0 \u25cf");
    ck_assert_str_eq(status(1, 2, 0, 2, 0), "");
}
END_TEST

START_TEST(test_state_comes_from_the_machine)
{
    char err[200];
    struct machine_config cfg = { .board = "cm4" };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m != NULL, "%s", err);
    struct cli_board_state st = cli_board_state_of(m);
    ck_assert_uint_eq(st.nleds, 2);
    ck_assert_uint_eq(st.nbuttons, 2);
    ck_assert_uint_eq(st.buttons, 0);
    machine_press_button(m, 1, true);
    ck_assert_uint_eq(cli_board_state_of(m).buttons, 2);
    machine_destroy(m);
}
END_TEST

/* What the status line wrote to f since offset *at; advances *at. */
static const char *written(FILE *f, long *at)
{
    static char buf[1024];
    fflush(f);
    long end = ftell(f);
    fseek(f, *at, SEEK_SET);
    size_t n = fread(buf, 1, (size_t)(end - *at), f);
    buf[n] = '\0';
    fseek(f, end, SEEK_SET);
    *at = end;
    return buf;
}

START_TEST(test_redrawn_only_when_something_changes)
{
    FILE *f = tmpfile();
    long at = 0;
    struct cli_status s;
    struct cli_board_state st = { 0, 0, 1, 0 };
    cli_status_start(&s, f, 24, 80);
    ck_assert_str_eq(written(f, &at), "\n\0337\033[1;23r\0338\033[1A");  /* rows 1-23 scroll */
    cli_status_update(&s, &st);
    ck_assert_str_eq(written(f, &at), "\0337\033[24;1H\033[2K[LED0 \u25cb] Ctrl-A x quits\0338");
    cli_status_update(&s, &st);
    ck_assert_str_eq(written(f, &at), "");                                   /* no change */
    st.leds = 1;
    cli_status_update(&s, &st);
    ck_assert_str_eq(written(f, &at), "\0337\033[24;1H\033[2K[LED0 \u25cf] Ctrl-A x quits\0338");
    cli_status_close(&s);
    ck_assert_str_eq(written(f, &at), "\0337\033[r\033[24;1H\033[2K\0338");
    cli_status_update(&s, &st);
    ck_assert_str_eq(written(f, &at), "");                                   /* closed */
    fclose(f);
}
END_TEST

START_TEST(test_no_status_line_into_a_file)
{
    FILE *f = tmpfile();
    long at = 0;
    struct cli_status s;
    struct cli_board_state st = { 1, 0, 1, 0 };
    setenv("TERM", "xterm", 1);
    ck_assert(!cli_status_open(&s, f));
    cli_status_update(&s, &st);
    cli_status_close(&s);
    ck_assert_str_eq(written(f, &at), "");
    fclose(f);
}
END_TEST

Suite *cli_status_suite(void)
{
    Suite *s = suite_create("cli_status");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_text_shows_leds_buttons_and_keys);
    tcase_add_test(tc, test_text_is_cut_to_the_width_in_characters);
    tcase_add_test(tc, test_state_comes_from_the_machine);
    tcase_add_test(tc, test_redrawn_only_when_something_changes);
    tcase_add_test(tc, test_no_status_line_into_a_file);
    suite_add_tcase(s, tc);
    return s;
}
