/* Unit tests: memop (brk, sbrk, layout queries) and the break's MPU rounding. */
#include <check.h>
#include <stdint.h>

#include "kernel/core/grant.h"
#include "kernel/core/memop.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fixture.h"

static struct syscall_ret memop(struct process *p, uint32_t op, uint32_t arg)
{
    const uint32_t a[4] = { op, arg, 0, 0 };
    return sys_memop(p, a);
}

#define ok_u32(ret, v)  kt_assert_success_u32(ret, v)
#define fails(ret, err) kt_assert_failure(ret, err)

START_TEST(test_layout_queries)
{
    struct process *p = kt_process("app", 0x1000, 3000);
    ok_u32(memop(p, MEMOP_RAM_START, 0), (uint32_t)p->ram_start);
    ok_u32(memop(p, MEMOP_RAM_END, 0), (uint32_t)(p->ram_start + p->ram_size));
    ok_u32(memop(p, MEMOP_FLASH_START, 0), (uint32_t)(uintptr_t)kt_flash + 0x1000);
    ok_u32(memop(p, MEMOP_FLASH_END, 0), (uint32_t)(uintptr_t)kt_flash + 0x2000);
    ok_u32(memop(p, MEMOP_GRANT_START, 0), (uint32_t)p->kernel_break);
    ok_u32(memop(p, MEMOP_FLASH_REGIONS, 0), 0);
    fails(memop(p, MEMOP_FLASH_REGION_START, 0), ERR_INVAL);
    fails(memop(p, MEMOP_FLASH_REGION_END, 0), ERR_INVAL);
    ck_assert_uint_eq(memop(p, MEMOP_STACK_START, 0x1234).variant, RET_SUCCESS);
    ck_assert_uint_eq(memop(p, MEMOP_HEAP_START, 0x5678).variant, RET_SUCCESS);
    ck_assert_uint_eq(p->stack_start, 0x1234);
    ck_assert_uint_eq(p->heap_start, 0x5678);
    fails(memop(p, 12, 0), ERR_NOSUPPORT);
}
END_TEST

START_TEST(test_writeable_flash_regions)
{
    uint8_t wfr[] = { 2, 0, 16, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0xc, 0, 0, 0x80, 0, 0, 0 };
    struct tbf_header h;
    struct process *p;
    kt_tbf(kt_flash, 0x1000, "wfr", 2000, 0, wfr, sizeof wfr);
    ck_assert_int_eq(tbf_parse(kt_flash, 0x1000, &h), TBF_OK);
    ck_assert_ptr_null(process_create(&h, (uintptr_t)kt_flash, &p));
    uint32_t f = (uint32_t)(uintptr_t)kt_flash;
    ok_u32(memop(p, MEMOP_FLASH_REGIONS, 0), 2);
    ok_u32(memop(p, MEMOP_FLASH_REGION_START, 0), f + 0x800);
    ok_u32(memop(p, MEMOP_FLASH_REGION_END, 0), f + 0x900);
    ok_u32(memop(p, MEMOP_FLASH_REGION_START, 1), f + 0xc00);
    ok_u32(memop(p, MEMOP_FLASH_REGION_END, 1), f + 0xc80);
    fails(memop(p, MEMOP_FLASH_REGION_END, 2), ERR_INVAL);
}
END_TEST

START_TEST(test_brk_moves_break_and_mpu_view_in_kib_steps)
{
    struct process *p = kt_process("app", 0, 3000);          /* 4 KiB block */
    uintptr_t r = p->ram_start;
    ck_assert_uint_eq(p->mpu_break, r + 3072);
    ck_assert_uint_eq(memop(p, MEMOP_BRK, (uint32_t)r + 100).variant, RET_SUCCESS);
    ck_assert_uint_eq(p->app_break, r + 100);
    ck_assert_uint_eq(p->mpu_break, r + 1024);
    ck_assert_uint_eq(memop(p, MEMOP_BRK, (uint32_t)r).variant, RET_SUCCESS);
    ck_assert_uint_eq(p->mpu_break, r);                     /* nothing accessible */
    fails(memop(p, MEMOP_BRK, (uint32_t)r - 4), ERR_NOMEM);
    fails(memop(p, MEMOP_BRK, (uint32_t)p->kernel_break + 1), ERR_NOMEM);
    /* The highest break is the last 512-byte subregion boundary under the kernel break: the
     * MPU can't stop exactly at the grants, and must not cover them. */
    uintptr_t max = r + (p->kernel_break - r) / 512 * 512;
    fails(memop(p, MEMOP_BRK, (uint32_t)max + 1), ERR_NOMEM);
    ck_assert_uint_eq(memop(p, MEMOP_BRK, (uint32_t)max).variant, RET_SUCCESS);
    ck_assert_uint_eq(p->mpu_break, max);
}
END_TEST

START_TEST(test_sbrk_returns_old_break)
{
    struct process *p = kt_process("app", 0, 3000);
    uintptr_t old = p->app_break;
    ok_u32(memop(p, MEMOP_SBRK, 16), (uint32_t)old);
    ck_assert_uint_eq(p->app_break, old + 16);
    ok_u32(memop(p, MEMOP_SBRK, (uint32_t)-16), (uint32_t)old + 16);
    ck_assert_uint_eq(p->app_break, old);
    fails(memop(p, MEMOP_SBRK, 0x7fffffff), ERR_NOMEM);
    fails(memop(p, MEMOP_SBRK, 0x80000000u), ERR_NOMEM);
    ck_assert_uint_eq(p->app_break, old);
}
END_TEST

START_TEST(test_brk_cannot_drop_below_an_allowed_buffer)
{
    struct process *p = kt_process("app", 0, 3000);
    uintptr_t r = p->ram_start;
    const uint32_t a[4] = { 0x1, 0, (uint32_t)r + 2000, 100 };
    ck_assert_uint_eq(syscall_dispatch(p, SYSCALL_ALLOW_RW, a).variant, RET_SUCCESS_2U32);
    fails(memop(p, MEMOP_BRK, (uint32_t)r + 2099), ERR_NOMEM);
    ck_assert_uint_eq(memop(p, MEMOP_BRK, (uint32_t)r + 2100).variant, RET_SUCCESS);
}
END_TEST

START_TEST(test_grants_limit_brk_and_brk_limits_grants)
{
    struct process *p = kt_process("app", 0, 3000);
    uintptr_t max = p->ram_start + (p->kernel_break - p->ram_start) / 512 * 512;
    ck_assert_uint_eq(memop(p, MEMOP_BRK, (uint32_t)max).variant, RET_SUCCESS);
    p->kernel_break = max + 8;                              /* as if grants had grown */
    ck_assert_ptr_null(grant_enter_index(p, 0));            /* no room left for grants */
    ck_assert_uint_eq(memop(p, MEMOP_BRK, (uint32_t)p->ram_start + 1000).variant, RET_SUCCESS);
    ck_assert_ptr_nonnull(grant_enter_index(p, 0));
    fails(memop(p, MEMOP_BRK, (uint32_t)p->kernel_break), ERR_NOMEM);
}
END_TEST

Suite *kernel_memop_suite(void)
{
    Suite *s = suite_create("kernel_memop");
    TCase *tc = tcase_create("memop");
    kt_add_fixture(tc);
    tcase_add_test(tc, test_layout_queries);
    tcase_add_test(tc, test_writeable_flash_regions);
    tcase_add_test(tc, test_brk_moves_break_and_mpu_view_in_kib_steps);
    tcase_add_test(tc, test_sbrk_returns_old_break);
    tcase_add_test(tc, test_brk_cannot_drop_below_an_allowed_buffer);
    tcase_add_test(tc, test_grants_limit_brk_and_brk_limits_grants);
    suite_add_tcase(s, tc);
    return s;
}
