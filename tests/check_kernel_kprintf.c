/* Unit tests: the kernel's printf (the fault report and process console depend on it). */
#include <check.h>
#include <stdint.h>

#include "kernel/core/kprintf.h"

static char buf[64];

START_TEST(test_integers_and_padding)
{
    ksnprintf(buf, sizeof buf, "%d %i %u %x %X", -42, 7, 4000000000u, 0xbeefu, 0xabu);
    ck_assert_str_eq(buf, "-42 7 4000000000 beef AB");
    ksnprintf(buf, sizeof buf, "[%08x] [%5u] [%-5d] [%05d] [%d]", 0x1234u, 42u, -3, -42,
              (int32_t)0x80000000);
    ck_assert_str_eq(buf, "[00001234] [   42] [-3   ] [-0042] [-2147483648]");
    ksnprintf(buf, sizeof buf, "%lu %zu %p", 5ul, (size_t)6, (void *)0x20000100);
    ck_assert_str_eq(buf, "5 6 0x20000100");
}
END_TEST

START_TEST(test_strings_chars_precision)
{
    ksnprintf(buf, sizeof buf, "%s|%-6s|%6s|%.3s|%.*s|%c|%%", "ab", "cd", "ef", "ghijk", 2,
              "lmn", 'z');
    ck_assert_str_eq(buf, "ab|cd    |    ef|ghi|lm|z|%");
    ksnprintf(buf, sizeof buf, "%-*s|", 4, "x");
    ck_assert_str_eq(buf, "x   |");
    ksnprintf(buf, sizeof buf, "%s", (char *)0);
    ck_assert_str_eq(buf, "(null)");
}
END_TEST

START_TEST(test_truncation_reports_full_length)
{
    char small[8];
    int n = ksnprintf(small, sizeof small, "0123456789");
    ck_assert_int_eq(n, 10);
    ck_assert_str_eq(small, "0123456");
}
END_TEST

Suite *kernel_kprintf_suite(void)
{
    Suite *s = suite_create("kernel_kprintf");
    TCase *tc = tcase_create("kprintf");
    tcase_add_test(tc, test_integers_and_padding);
    tcase_add_test(tc, test_strings_chars_precision);
    tcase_add_test(tc, test_truncation_reports_full_length);
    suite_add_tcase(s, tc);
    return s;
}
