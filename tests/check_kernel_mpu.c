/* Unit tests: the Cortex-M port's PMSAv7 region arithmetic (mpu_layout.c, pure). */
#include <check.h>
#include <stdint.h>

#include "kernel/arch/arch.h"

/* RASR/RBAR decoded here from the ARMv7-M ARM (B3.5.8-9), not with mpu.h's names: a wrong
 * field in mpu.h must show as a failure, not cancel out. */
#define RASR_ENABLE 1u
#define SRD(rasr)   (((rasr) >> 8) & 0xffu)
#define SIZE(rasr)  (1u << ((((rasr) >> 1) & 0x1fu) + 1))
#define AP(rasr)    (((rasr) >> 24) & 7u)
#define XN(rasr)    (((rasr) >> 28) & 1u)

static struct arch_mpu_config c;

START_TEST(test_flash_exact_power_of_two)
{
    uintptr_t end = arch_mpu_config(&c, 0x41000, 0x1000, 0x20004000, 0x2000, 0x20005000,
                                    0x20005f00);
    ck_assert_uint_eq(end, 0x20005000);
    ck_assert_uint_eq(c.rbar[0], 0x41000u | 0x10u | 0u);
    ck_assert_uint_eq(SIZE(c.rasr[0]), 0x1000);
    ck_assert_uint_eq(SRD(c.rasr[0]), 0);
    ck_assert_uint_eq(AP(c.rasr[0]), 6);                    /* read-only */
    ck_assert_uint_eq(XN(c.rasr[0]), 0);                    /* executable */
    ck_assert(c.rasr[0] & RASR_ENABLE);
}
END_TEST

START_TEST(test_flash_with_subregions)
{
    /* 4 KiB at 0x42800: an 8 KiB region at 0x42000 with subregions 2-5 enabled. */
    ck_assert_uint_ne(arch_mpu_config(&c, 0x42800, 0x1000, 0x20004000, 0x2000, 0x20004400,
                                      0x20005000), 0);
    ck_assert_uint_eq(c.rbar[0] & ~0x1fu, 0x42000);
    ck_assert_uint_eq(SIZE(c.rasr[0]), 0x2000);
    ck_assert_uint_eq(SRD(c.rasr[0]), 0xc3);
    /* 4 KiB at 0x42100: not expressible. */
    ck_assert_uint_eq(arch_mpu_config(&c, 0x42100, 0x1000, 0x20004000, 0x2000, 0x20004400,
                                      0x20005000), 0);
}
END_TEST

START_TEST(test_ram_subregions_up_to_the_break)
{
    /* 8 KiB block: 1 KiB subregions; break 0x20004c38 -> accessible up to 0x20005000. */
    uintptr_t end = arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x2000, 0x20004c38,
                                    0x20005f00);
    ck_assert_uint_eq(end, 0x20005000);
    ck_assert_uint_eq(c.rbar[1], 0x20004000u | 0x10u | 1u);
    ck_assert_uint_eq(SIZE(c.rasr[1]), 0x2000);
    ck_assert_uint_eq(SRD(c.rasr[1]), 0xf0);                /* 4 of 8 subregions */
    ck_assert_uint_eq(AP(c.rasr[1]), 3);                    /* read/write */
    ck_assert_uint_eq(XN(c.rasr[1]), 1);                    /* never executable */
}
END_TEST

START_TEST(test_ram_rounds_to_kib_then_subregion)
{
    /* 4 KiB block, 512-byte subregions: 1 KiB steps while under the limit ... */
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x1000, 0x20004100,
                                      0x20004f00), 0x20004400);
    ck_assert_uint_eq(SRD(c.rasr[1]), 0xfc);
    /* ... 512 bytes when 1 KiB would reach the limit ... */
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x1000, 0x20004d00,
                                      0x20004f00), 0x20004e00);
    ck_assert_uint_eq(SRD(c.rasr[1]), 0x80);
    /* ... and nothing if even that would (the grants would become accessible). */
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x1000, 0x20004e80,
                                      0x20004f00), 0);
}
END_TEST

START_TEST(test_large_block_coarse_subregions)
{
    /* 32 KiB block: 4 KiB subregions. */
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20008000, 0x8000, 0x20009001,
                                      0x2000f000), 0x2000a000);
    ck_assert_uint_eq(SRD(c.rasr[1]), 0xfc);
}
END_TEST

START_TEST(test_empty_ram_and_bad_blocks)
{
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x2000, 0x20004000,
                                      0x20005000), 0x20004000);
    ck_assert_uint_eq(c.rasr[1], 0);                        /* region off */
    /* Not a power of two, misaligned, break outside: refused. */
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x3000, 0x20004400,
                                      0x20005000), 0);
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20005000, 0x2000, 0x20005400,
                                      0x20006000), 0);
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x2000, 0x20003000,
                                      0x20005000), 0);
    ck_assert_uint_eq(arch_mpu_config(&c, 0x40000, 0x1000, 0x20004000, 0x2000, 0x20004400,
                                      0x20007000), 0);
}
END_TEST

Suite *kernel_mpu_suite(void)
{
    Suite *s = suite_create("kernel_mpu");
    TCase *tc = tcase_create("pmsav7");
    tcase_add_test(tc, test_flash_exact_power_of_two);
    tcase_add_test(tc, test_flash_with_subregions);
    tcase_add_test(tc, test_ram_subregions_up_to_the_break);
    tcase_add_test(tc, test_ram_rounds_to_kib_then_subregion);
    tcase_add_test(tc, test_large_block_coarse_subregions);
    tcase_add_test(tc, test_empty_ram_and_bad_blocks);
    suite_add_tcase(s, tc);
    return s;
}
