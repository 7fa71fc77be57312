/* Unit tests: the block instruction-count cache (sim/cpu/uc/icount.c), without an engine. */
#include <check.h>
#include <stdlib.h>

#include "sim/cpu/uc/icount.h"

/* Caches a block of n instructions at addr, as uc_icount_miss would. */
static void put(struct uc_icount_entry *cache, uint32_t addr, uint32_t n)
{
    struct uc_icount_entry *e = (struct uc_icount_entry *)uc_icount_slot(cache, addr);
    e->tag = addr | 1;
    e->icount = n;
}

static bool cached(const struct uc_icount_entry *cache, uint32_t addr)
{
    return uc_icount_slot(cache, addr)->tag == (addr | 1);
}

/* Every block starting in [begin, end) is forgotten, none outside. */
START_TEST(test_forget_range_is_exact)
{
    struct uc_icount_entry *cache = uc_icount_create();
    for (uint32_t a = 0x1000; a < 0x3000; a += 2)
        put(cache, a, 3);
    uc_icount_forget_range(cache, 0x1802, 0x2401);
    ck_assert(cached(cache, 0x1800));
    ck_assert(!cached(cache, 0x1802));
    ck_assert(!cached(cache, 0x2400));          /* the odd end reaches the block at end - 1 */
    ck_assert(cached(cache, 0x2402));
    ck_assert(cached(cache, 0x1000) && cached(cache, 0x2ffe));
    free(cache);
}
END_TEST

/* A range across the table's end and across 2^32 (a page before address 0). */
START_TEST(test_forget_range_wraps)
{
    struct uc_icount_entry *cache = uc_icount_create();
    uint32_t top = 2 * UC_ICOUNT_SLOTS;         /* addresses that map to slot 0 again */
    put(cache, top - 4, 1);
    put(cache, top + 2, 1);
    put(cache, top + 8, 1);
    uc_icount_forget_range(cache, top - 4, top + 4);
    ck_assert(!cached(cache, top - 4) && !cached(cache, top + 2));
    ck_assert(cached(cache, top + 8));
    put(cache, 0xfffffc00u, 1);
    put(cache, 0x3fe, 1);
    put(cache, 0x400, 1);
    uc_icount_forget_range(cache, 0xfffffc00u, 0x400);
    ck_assert(!cached(cache, 0xfffffc00u) && !cached(cache, 0x3fe));
    ck_assert(cached(cache, 0x400));
    free(cache);
}
END_TEST

Suite *icount_suite(void)
{
    Suite *s = suite_create("icount");
    TCase *tc = tcase_create("icount");
    tcase_add_test(tc, test_forget_range_is_exact);
    tcase_add_test(tc, test_forget_range_wraps);
    suite_add_tcase(s, tc);
    return s;
}
