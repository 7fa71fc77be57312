/* Unit tests: tocksim RNG (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/rng.h"

enum { ID = 0x000, VERSION = 0x004, STATUS = 0x008, DATA = 0x00c };

static uint32_t rd(struct rng *r, uint32_t off)
{
    return rng_ops.read(r, off, 4);
}

START_TEST(test_id_version_status)
{
    struct devtest d;
    struct rng r;
    devtest_init(&d, "rng");
    rng_init(&r, &d.env, 1);
    ck_assert_uint_eq(RNG_ID, CM4_ID_RNG);
    ck_assert_uint_eq(rd(&r, ID), CM4_ID_RNG);
    ck_assert_uint_eq(rd(&r, VERSION), 1);
    ck_assert_uint_eq(rd(&r, STATUS), 1);
    ck_assert_uint_eq(d.trace.guest_errors, 0);
    ck_assert_uint_eq(rd(&r, 0x010), 0);
    rng_ops.write(&r, DATA, 5, 4);
    rng_ops.write(&r, 0x20, 5, 4);
    ck_assert_uint_eq(d.trace.guest_errors, 3);
    devtest_free(&d);
}
END_TEST

/* Pins the algorithms: xoshiro128**'s published first outputs from state {1, 2, 3, 4}, and
 * splitmix64's first output from 0 (0xe220a8397b1dcdaf) as the seeded state. */
START_TEST(test_known_vectors)
{
    struct devtest d;
    struct rng r;
    devtest_init(&d, "rng");
    rng_init(&r, &d.env, 0);
    ck_assert_uint_eq(r.s[0], 0x7b1dcdafu);
    ck_assert_uint_eq(r.s[1], 0xe220a839u);
    ck_assert_uint_eq(rd(&r, DATA), 0xdec9045du);
    ck_assert_uint_eq(rd(&r, DATA), 0x9a089d75u);
    r.s[0] = 1; r.s[1] = 2; r.s[2] = 3; r.s[3] = 4;
    uint32_t want[] = { 11520, 0, 5927040, 70819200 };
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(rd(&r, DATA), want[i]);
    devtest_free(&d);
}
END_TEST

START_TEST(test_same_seed_same_sequence_reset_replays)
{
    struct devtest d;
    struct rng a, b;
    uint32_t first[100];
    devtest_init(&d, "rng");
    rng_init(&a, &d.env, 7);
    rng_init(&b, &d.env, 7);
    for (int i = 0; i < 100; i++) {
        first[i] = rd(&a, DATA);
        ck_assert_uint_eq(rd(&b, DATA), first[i]);
    }
    rng_reset(&a);
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(rd(&a, DATA), first[i]);
    devtest_free(&d);
}
END_TEST

START_TEST(test_different_seeds_differ)
{
    struct devtest d;
    struct rng a, b;
    devtest_init(&d, "rng");
    rng_init(&a, &d.env, 7);
    rng_init(&b, &d.env, 8);
    int same = 0, ones = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t x = rd(&a, DATA);
        same += x == rd(&b, DATA);
        ones += __builtin_popcount(x);
    }
    ck_assert_int_lt(same, 2);
    /* Crude sanity: about half the 32000 bits are set. */
    ck_assert_int_gt(ones, 15000);
    ck_assert_int_lt(ones, 17000);
    devtest_free(&d);
}
END_TEST

Suite *rng_suite(void)
{
    Suite *s = suite_create("rng");
    TCase *tc = tcase_create("rng");
    tcase_add_test(tc, test_id_version_status);
    tcase_add_test(tc, test_known_vectors);
    tcase_add_test(tc, test_same_seed_same_sequence_reset_replays);
    tcase_add_test(tc, test_different_seeds_differ);
    suite_add_tcase(s, tc);
    return s;
}
