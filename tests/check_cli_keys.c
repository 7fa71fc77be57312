/* Unit tests: the keys of tocksim boot's terminal (sim/cli/keys.c): what reaches the guest, what
 * quits, which Ctrl-A escapes toggle buttons. */
#include <check.h>

#include "sim/cli/cli.h"

/* Decodes the bytes of s in order; returns the last key. */
static struct cli_key type(bool *escape, const char *s)
{
    struct cli_key k = { CLI_KEY_NONE, 0, 0 };
    for (; *s; s++)
        k = cli_key_decode(escape, *s);
    return k;
}

START_TEST(test_plain_bytes_and_digits_go_to_the_guest)
{
    bool esc = false;
    for (const char *s = "a1 9\r\x7f\x1b"; *s; s++) {
        struct cli_key k = cli_key_decode(&esc, *s);
        ck_assert_int_eq(k.action, CLI_KEY_SEND);
        ck_assert_int_eq(k.byte, *s);
        ck_assert(!esc);
    }
}
END_TEST

START_TEST(test_ctrl_a_digit_toggles_buttons)
{
    bool esc = false;
    ck_assert_int_eq(cli_key_decode(&esc, 0x01).action, CLI_KEY_NONE);
    ck_assert(esc);
    struct cli_key k = cli_key_decode(&esc, '1');
    ck_assert_int_eq(k.action, CLI_KEY_BUTTON);
    ck_assert_uint_eq(k.button, 0);
    ck_assert(!esc);
    k = type(&esc, "\x01" "9");
    ck_assert_int_eq(k.action, CLI_KEY_BUTTON);
    ck_assert_uint_eq(k.button, 8);
    ck_assert_int_eq(type(&esc, "\x01" "0").action, CLI_KEY_NONE);     /* no BTN-1: dropped */
    ck_assert_int_eq(cli_key_decode(&esc, '2').action, CLI_KEY_SEND);   /* the escape is over */
}
END_TEST

START_TEST(test_quit_and_the_other_escapes)
{
    bool esc = false;
    ck_assert_int_eq(type(&esc, "\x03").action, CLI_KEY_QUIT);
    ck_assert_int_eq(type(&esc, "\x01x").action, CLI_KEY_QUIT);
    ck_assert_int_eq(type(&esc, "\x01X").action, CLI_KEY_QUIT);
    struct cli_key k = type(&esc, "\x01" "c");
    ck_assert_int_eq(k.action, CLI_KEY_SEND);
    ck_assert_int_eq(k.byte, 0x03);
    k = type(&esc, "\x01\x01");
    ck_assert_int_eq(k.action, CLI_KEY_SEND);
    ck_assert_int_eq(k.byte, 0x01);
    ck_assert(!esc);
    ck_assert_int_eq(type(&esc, "\x01q").action, CLI_KEY_NONE);         /* unknown: dropped */
    k = cli_key_decode(&esc, 'q');
    ck_assert_int_eq(k.action, CLI_KEY_SEND);
    ck_assert_int_eq(k.byte, 'q');
}
END_TEST

Suite *cli_keys_suite(void)
{
    Suite *s = suite_create("cli_keys");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_plain_bytes_and_digits_go_to_the_guest);
    tcase_add_test(tc, test_ctrl_a_digit_toggles_buttons);
    tcase_add_test(tc, test_quit_and_the_other_escapes);
    suite_add_tcase(s, tc);
    return s;
}
