/* Unit tests: the kernel's C library functions (kernel/core/klib.c), compiled for the host
 * under other names, against byte-by-byte references: every alignment of destination and
 * source, lengths around the word and four-word steps, fill values with the high bit set,
 * and the bytes around the range untouched. */
#include <check.h>
#include <stdint.h>
#include <string.h>

/* The loops must stay loops here too (the kernel is built the same way). */
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#define memcpy klib_memcpy
#define memmove klib_memmove
#define memset klib_memset
#define memcmp klib_memcmp
#define strlen klib_strlen
#include "kernel/core/klib.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen

#define SPAN 96

static void pattern(uint8_t *b, unsigned seed)
{
    for (unsigned i = 0; i < SPAN; i++)
        b[i] = (uint8_t)(i * 37u + seed);
}

START_TEST(test_memset_every_alignment_and_length)
{
    for (unsigned off = 0; off < 8; off++)
        for (unsigned n = 0; n <= 70; n++) {
            uint8_t got[SPAN], want[SPAN];
            pattern(got, off);
            pattern(want, off);
            for (unsigned i = 0; i < n; i++)
                want[off + 4 + i] = 0xa5;
            ck_assert_ptr_eq(klib_memset(got + off + 4, 0x1a5, n), got + off + 4);  /* (unsigned char)c */
            ck_assert_msg(memcmp(got, want, SPAN) == 0, "memset at offset %u, %u bytes", off, n);
        }
}
END_TEST

START_TEST(test_memcpy_every_alignment_and_length)
{
    for (unsigned doff = 0; doff < 4; doff++)
        for (unsigned soff = 0; soff < 4; soff++)
            for (unsigned n = 0; n <= 70; n++) {
                uint8_t src[SPAN], got[SPAN], want[SPAN];
                pattern(src, 7);
                pattern(got, 99);
                pattern(want, 99);
                for (unsigned i = 0; i < n; i++)
                    want[doff + 8 + i] = src[soff + 8 + i];
                ck_assert_ptr_eq(klib_memcpy(got + doff + 8, src + soff + 8, n), got + doff + 8);
                ck_assert_msg(memcmp(got, want, SPAN) == 0, "memcpy dst+%u src+%u, %u bytes", doff, soff, n);
            }
}
END_TEST

START_TEST(test_memmove_memcmp_strlen)
{
    uint8_t b[SPAN], want[SPAN];
    pattern(b, 3);
    pattern(want, 3);
    memmove(want + 5, want + 2, 40);
    klib_memmove(b + 5, b + 2, 40);                 /* overlapping, forwards */
    ck_assert_int_eq(memcmp(b, want, SPAN), 0);
    ck_assert_int_lt(klib_memcmp("abc", "abd", 3), 0);
    ck_assert_int_gt(klib_memcmp("\xff", "\x01", 1), 0);        /* unsigned */
    ck_assert_int_eq(klib_memcmp("abc", "abd", 2), 0);
    ck_assert_uint_eq(klib_strlen("tock"), 4);
}
END_TEST

Suite *kernel_klib_suite(void)
{
    Suite *s = suite_create("kernel_klib");
    TCase *tc = tcase_create("klib");
    tcase_add_test(tc, test_memset_every_alignment_and_length);
    tcase_add_test(tc, test_memcpy_every_alignment_and_length);
    tcase_add_test(tc, test_memmove_memcmp_strlen);
    suite_add_tcase(s, tc);
    return s;
}
