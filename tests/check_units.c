/* Unit tests: time and size values (sim/core/units.c): exact values, and every way a value can
 * be wrong refused with a message that quotes it and, past a limit, names the limit. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "sim/core/units.h"

static char why[200];

static uint64_t time_ok(const char *s)
{
    uint64_t ns = 12345;
    why[0] = '\0';
    ck_assert_msg(units_parse_time(s, &ns, why, sizeof(why)) == UNITS_OK, "%s: %s", s, why);
    return ns;
}

/* Refused with this kind of error and exactly this message; *ns untouched. */
static void time_bad(const char *s, enum units_error e, const char *msg)
{
    uint64_t ns = 12345;
    ck_assert_int_eq(units_parse_time(s, &ns, why, sizeof(why)), e);
    ck_assert_str_eq(why, msg);
    ck_assert_uint_eq(ns, 12345);
}

START_TEST(test_times)
{
    ck_assert_uint_eq(time_ok("2s"), 2000000000);
    ck_assert_uint_eq(time_ok("250ms"), 250000000);
    ck_assert_uint_eq(time_ok("20us"), 20000);
    ck_assert_uint_eq(time_ok("100ns"), 100);
    ck_assert_uint_eq(time_ok("5"), 5000000000);          /* bare: seconds */
    ck_assert_uint_eq(time_ok("1.5us"), 1500);
    ck_assert_uint_eq(time_ok(".25s"), 250000000);
    ck_assert_uint_eq(time_ok("0.0000000015s"), 2);      /* rounded to the nearest ns */
    ck_assert_uint_eq(time_ok("0.4ns"), 0);
    ck_assert_uint_eq(time_ok("0s"), 0);
    ck_assert_uint_eq(time_ok("1.000000000000000000000001s"), 1000000000);
    /* Exact at the top, where a double has no nanoseconds left. */
    ck_assert_uint_eq(time_ok("9223372036854775807ns"), UNITS_TIME_LIMIT_NS - 1);
    ck_assert_uint_eq(time_ok("9223372036.854775807s"), UNITS_TIME_LIMIT_NS - 1);
}
END_TEST

START_TEST(test_times_refused)
{
    const char *limit = "is too long: the limit is 9223372036.854 s (2^63 ns)";
    char msg[200];
    static const char *const too_long[] = { "100000000000s", "9223372036854775808ns", "18446744073709551616ns",
                                            "9223372036.8547758075s", "99999999999999999999999999999999999999999s" };
    for (size_t i = 0; i < sizeof(too_long) / sizeof(too_long[0]); i++) {
        snprintf(msg, sizeof(msg), "time '%s' %s", too_long[i], limit);
        time_bad(too_long[i], UNITS_RANGE, msg);
    }
    time_bad("-5s", UNITS_RANGE, "time '-5s' is negative");
    time_bad("-.5ms", UNITS_RANGE, "time '-.5ms' is negative");
    time_bad("infs", UNITS_SYNTAX, "time 'infs' is not a number with a unit, such as 250ms");
    time_bad("inf", UNITS_SYNTAX, "time 'inf' is not a number with a unit, such as 250ms");
    time_bad("nans", UNITS_SYNTAX, "time 'nans' is not a number with a unit, such as 250ms");
    time_bad("-infs", UNITS_SYNTAX, "time '-infs' is not a number with a unit, such as 250ms");
    time_bad("", UNITS_SYNTAX, "time '' is not a number with a unit, such as 250ms");
    time_bad(" 5s", UNITS_SYNTAX, "time ' 5s' is not a number with a unit, such as 250ms");
    time_bad("+5s", UNITS_SYNTAX, "time '+5s' is not a number with a unit, such as 250ms");
    time_bad("ms", UNITS_SYNTAX, "time 'ms' is not a number with a unit, such as 250ms");
    time_bad("5 parsecs", UNITS_SYNTAX, "time '5 parsecs' has an unknown unit ' parsecs' (expected s, ms, us or ns)");
    time_bad("5sx", UNITS_SYNTAX, "time '5sx' has an unknown unit 'sx' (expected s, ms, us or ns)");
    time_bad("1e3ms", UNITS_SYNTAX, "time '1e3ms' has an unknown unit 'e3ms' (expected s, ms, us or ns)");
    time_bad("0x10s", UNITS_SYNTAX, "time '0x10s' has an unknown unit 'x10s' (expected s, ms, us or ns)");
    time_bad("5 s", UNITS_SYNTAX, "time '5 s' has an unknown unit ' s' (expected s, ms, us or ns)");
    time_bad("5S", UNITS_SYNTAX, "time '5S' has an unknown unit 'S' (expected s, ms, us or ns)");
    ck_assert_int_eq(units_parse_time("-1s", &(uint64_t){ 0 }, NULL, 0), UNITS_RANGE);   /* no message wanted */
}
END_TEST

static uint32_t size_ok(const char *s)
{
    uint32_t b = 777;
    why[0] = '\0';
    ck_assert_msg(units_parse_size(s, &b, why, sizeof(why)) == UNITS_OK, "%s: %s", s, why);
    return b;
}

static void size_bad(const char *s, enum units_error e, const char *msg)
{
    uint32_t b = 777;
    ck_assert_int_eq(units_parse_size(s, &b, why, sizeof(why)), e);
    ck_assert_str_eq(why, msg);
    ck_assert_uint_eq(b, 777);
}

START_TEST(test_sizes)
{
    ck_assert_uint_eq(size_ok("65536"), 65536);
    ck_assert_uint_eq(size_ok("64K"), 65536);
    ck_assert_uint_eq(size_ok("64k"), 65536);
    ck_assert_uint_eq(size_ok("1M"), 1 << 20);
    ck_assert_uint_eq(size_ok("0x10000"), 65536);
    ck_assert_uint_eq(size_ok("010"), 10);                /* decimal, not octal */
    ck_assert_uint_eq(size_ok("256M"), UNITS_SIZE_MAX);
    const char *limit = "is too large: the limit is 256M (268435456 bytes)";
    char msg[200];
    static const char *const too_large[] = { "17592186044417M", "257M", "268435457", "18446744073709551617",
                                             "0x100000000000000000000K" };
    for (size_t i = 0; i < sizeof(too_large) / sizeof(too_large[0]); i++) {
        snprintf(msg, sizeof(msg), "size '%s' %s", too_large[i], limit);
        size_bad(too_large[i], UNITS_RANGE, msg);
    }
    size_bad("0", UNITS_RANGE, "size '0' is zero");
    size_bad("0K", UNITS_RANGE, "size '0K' is zero");
    size_bad("-1", UNITS_RANGE, "size '-1' is negative");
    size_bad("", UNITS_SYNTAX, "size '' is not a number of bytes (with K or M), such as 64K");
    size_bad("K", UNITS_SYNTAX, "size 'K' is not a number of bytes (with K or M), such as 64K");
    size_bad("0x", UNITS_SYNTAX, "size '0x' is not a number of bytes (with K or M), such as 64K");
    size_bad("64KB", UNITS_SYNTAX, "size '64KB' has an unknown unit 'B' (expected K or M)");
    size_bad("1G", UNITS_SYNTAX, "size '1G' has an unknown unit 'G' (expected K or M)");
    size_bad("1.5M", UNITS_SYNTAX, "size '1.5M' has an unknown unit '.5M' (expected K or M)");
}
END_TEST

Suite *units_suite(void)
{
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("units");
    tcase_add_test(tc, test_times);
    tcase_add_test(tc, test_times_refused);
    tcase_add_test(tc, test_sizes);
    suite_add_tcase(s, tc);
    return s;
}
